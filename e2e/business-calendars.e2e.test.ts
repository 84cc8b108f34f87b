import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTeam,
  ADMIN_EMAIL,
  client,
  loginAs,
  PASSWORD,
  startTestClew,
  type Org,
  type TestClew,
} from '../test/harness.ts';
import { chooseOption, launchBrowser, signIn } from './browser.ts';

/**
 * Business-hours calendars in the browser: an admin creates one with lunch breaks and China's 2026
 * holidays, then gives it to a team in routing's Teams & reps editor.
 */
describe('business calendars in the browser', () => {
  let server: TestClew;
  let browser: Browser;
  let adminToken: string;
  let inside: Org;
  const admin = () => client(server.url, adminToken);

  beforeAll(async () => {
    server = await startTestClew();
    inside = await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 1 });
    adminToken = await loginAs(server.url, ADMIN_EMAIL);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should create a calendar with China 2026 holidays and give it to a team', async () => {
    const page = await signIn(browser, server.url, ADMIN_EMAIL, PASSWORD, 'en-US');
    await page.getByTestId('nav-business-calendars').click();
    await page.waitForURL(/\/business-calendars$/);
    await page.getByTestId('calendar-create').click();
    await page.getByTestId('calendar-name').fill('Shanghai office');
    // Saturday mornings too, without a lunch break.
    await page.getByTestId('calendar-day-sat').getByRole('checkbox').first().check();
    await page.getByTestId('calendar-day-sat').getByText('Lunch break').click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('calendar-edit-Shanghai office').waitFor();

    const listed = (await admin().get('/api/v1/business-calendars')).body;
    expect(listed.items).toHaveLength(1);
    const calendar = listed.items[0];
    expect(calendar).toMatchObject({
      name: 'Shanghai office',
      timeZone: 'Asia/Shanghai',
      weekly: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
        sat: [{ start: '09:00', end: '18:00' }],
      },
    });
    expect(calendar.holidays).toContain('2026-10-01');
    expect(calendar.makeUpWorkdays).toContainEqual({ date: '2026-02-28', hours: 'mon' });

    await page.getByTestId('nav-routing').click();
    await page.waitForURL(/\/routing$/);
    await page.getByTestId('routing-tab-teams').click();
    await page.getByTestId(`routing-team-edit-${inside.teamId}`).click();
    await chooseOption(page, 'routing-team-calendar', 'Shanghai office');
    await page.getByTestId('routing-team-submit').click();
    await expect
      .poll(async () => {
        const teams = (await admin().get('/api/v1/teams')).body.items as { id: string; businessCalendarId: string }[];
        return teams.find((team) => team.id === inside.teamId)?.businessCalendarId;
      })
      .toBe(calendar.id);
  });
});

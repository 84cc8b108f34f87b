import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTeam,
  ADMIN_EMAIL,
  client,
  createApiKey,
  loginAs,
  PASSWORD,
  startTestClew,
  type Org,
  type TestClew,
} from '../test/harness.ts';
import { launchBrowser } from './browser.ts';

/** The bell: a lead assigned while the rep is signed in raises the badge live; the drawer lists it and opens the lead. */
describe('the notification bell', () => {
  let server: TestClew;
  let browser: Browser;
  let org: Org;
  let apiKey: string;

  beforeAll(async () => {
    server = await startTestClew();
    org = await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 1 });
    apiKey = await createApiKey(server.url, await loginAs(server.url, ADMIN_EMAIL));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should count a new assignment unread, list it, and open the lead from it', async () => {
    const page = await browser.newPage();
    await page.addInitScript({ content: `localStorage.setItem('clew.locale', 'zh-CN')` });
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(org.repEmails[0]!);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('lead-table').waitFor();
    await page.locator('body[data-realtime="open"]').waitFor({ state: 'attached' });

    const posted = await client(server.url, apiKey).post('/api/v1/leads', {
      name: '铃铛测试',
      phone: '13912349999',
      company: '铃铛科技',
    });
    expect(posted.status).toBe(201);
    const badge = page.locator('.ant-badge', { has: page.getByTestId('notification-bell') });
    await badge.locator('.ant-scroll-number').filter({ hasText: '1' }).waitFor();

    await page.getByTestId('notification-bell').click();
    const entry = page.getByTestId('notification-list').getByText('铃铛测试 · 铃铛科技');
    await entry.waitFor();
    await entry.click();
    await page.waitForURL(`**/leads/${posted.body.id}`);
    await expect
      .poll(
        async () =>
          (
            await client(server.url, await loginAs(server.url, org.repEmails[0]!)).get(
              '/api/v1/notifications/unread-count',
            )
          ).body.unread,
      )
      .toBe(0);
    await page.close();
  });

  const signIn = async (email: string) => {
    const page = await browser.newPage();
    await page.addInitScript({ content: `localStorage.setItem('clew.locale', 'zh-CN')` });
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.url}/notifications/settings`);
    return page;
  };

  it('should let a manager turn off in-app for an event on their team’s preferences tab', async () => {
    const page = await signIn(org.managerEmail);
    await page.getByRole('tab', { name: '团队偏好' }).click();
    const row = page.getByTestId('team-preferences-grid').locator('tr.ant-table-row').first();
    const inApp = row.locator('input[type=checkbox]').first();
    await inApp.waitFor();
    expect(await inApp.isChecked()).toBe(true);
    await inApp.click();
    await page.getByTestId('save-team-preferences').click();
    const manager = client(server.url, await loginAs(server.url, org.managerEmail));
    await expect
      .poll(async () => (await manager.get(`/api/v1/notification-preferences/teams/${org.teamId}`)).body.preferences)
      .toMatchObject({ channels: [], events: expect.not.arrayContaining(['lead.assigned']) });
    await page.close();
  });

  it('should let an admin edit a channel’s recipients and events, keeping it otherwise', async () => {
    const admin = client(server.url, await loginAs(server.url, ADMIN_EMAIL));
    const created = await admin.post('/api/v1/notification-channels', {
      name: '销售邮件',
      config: { kind: 'email', to: ['a@test.clew'] },
      events: ['lead.*'],
    });
    expect(created.status).toBe(201);
    const page = await signIn(ADMIN_EMAIL);
    await page.getByRole('tab', { name: '通知渠道' }).click();
    await page.getByTestId(`edit-channel-${created.body.id}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea').fill('b@test.clew, c@test.clew');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(async () => (await admin.get('/api/v1/notification-channels')).body.items[0].config.to)
      .toEqual(['b@test.clew', 'c@test.clew']);
    expect((await admin.get('/api/v1/notification-channels')).body.items[0]).toMatchObject({
      name: '销售邮件',
      events: ['lead.*'],
      teamId: null,
    });
    await page.close();
  });
});

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
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, client, loginAs, PASSWORD, startTestClew, type TestClew } from '../test/harness.ts';
import { chooseOption, launchBrowser, signIn } from './browser.ts';

/** An admin sets up seed 002's deadlines in the browser: a 3-second first touch that reclaims to the pool. */
describe('response-deadline policies in the browser', () => {
  let server: TestClew;
  let browser: Browser;
  let adminToken: string;

  beforeAll(async () => {
    server = await startTestClew();
    adminToken = await loginAs(server.url, ADMIN_EMAIL);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should create a policy with a target in seconds and a reclaim at the deadline', async () => {
    const page = await signIn(browser, server.url, ADMIN_EMAIL, PASSWORD, 'en-US');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('nav-sla-policies').click();
    await page.getByTestId('create-sla').click();
    await page.getByTestId('sla-name').fill('Hot web leads');
    await page.getByTestId('sla-amount-firstTouch').fill('3');
    await chooseOption(page, 'sla-unit-firstTouch', 'seconds');
    await chooseOption(page, 'sla-at-deadline', 'Reclaim to pool');
    await page.getByTestId('sla-form-submit').click();

    const row = page.locator('.ant-table-row', { hasText: 'Hot web leads' });
    await row.waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    expect(await row.textContent()).toContain('First touch 3 s');
    expect(await row.textContent()).toContain('Notify owner → Reclaim to pool');
    await page.screenshot({ path: '/tmp/sla-policies.png' });

    const stored = await client(server.url, adminToken).get('/api/v1/sla-policies');
    const policy = stored.body.items.find((item: { name: string }) => item.name === 'Hot web leads');
    expect(policy.targets.firstTouch).toEqual({ seconds: 3, businessTime: true });
    expect(policy.targets.assign).toEqual({ seconds: 300, businessTime: true });
    expect(policy.ladder).toEqual({ reminders: [0.5, 0.8], atDeadline: ['notify_owner', 'reclaim_to_pool'] });
    await page.close();
  });

  it('should edit a policy in Chinese and keep what it does not show', async () => {
    const created = await client(server.url, adminToken).post('/api/v1/sla-policies', {
      name: '渠道专属',
      when: { channelIds: ['00000000-0000-4000-8000-000000000001'] },
      targets: { firstTouch: { seconds: 1800 } },
    });
    expect(created.status).toBe(201);
    const page = await signIn(browser, server.url, ADMIN_EMAIL, PASSWORD, 'zh-CN');
    await page.goto(`${server.url}/sla-policies`);
    await page.getByTestId('edit-sla-渠道专属').click();
    await page.getByTestId('sla-target-nextFollowUp').check();
    await page.getByTestId('sla-form-submit').click();
    const row = page.locator('.ant-table-row', { hasText: '渠道专属' });
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('下次跟进 1 小时');
    expect(await row.textContent()).toContain('首次触达 30 分钟');

    const stored = await client(server.url, adminToken).get(`/api/v1/sla-policies/${created.body.id}`);
    expect(stored.body.when.channelIds).toEqual(['00000000-0000-4000-8000-000000000001']);
    expect(stored.body.targets.nextFollowUp).toEqual({ seconds: 3600, businessTime: true });
    await page.close();
  });
});

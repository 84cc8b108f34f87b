import type { Browser, Page } from 'playwright-core';
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
import { launchBrowser, signIn } from './browser.ts';

const DAY = 86_400;

/**
 * The deadline journey with the real worker and the real clock: a lead dealt to rep A misses a
 * 3-second first touch, the worker reclaims it to the default pool, it leaves A's list, and rep B
 * claims it from the pool page; A, cooling down, is refused in words of their own language.
 */
describe('a missed deadline sends the lead to the public pool, where another rep claims it', () => {
  let server: TestClew;
  let browser: Browser;
  let inside: Org;
  let outside: Org;
  let apiKey: string;
  let poolId: string;
  let policyId: string;

  beforeAll(async () => {
    server = await startTestClew();
    // Intake deals to the default team, which has one rep: A. B sits in another team.
    inside = await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 1 });
    outside = await addTeam(server.clew, server.workspaceId, { name: 'Outside', reps: 1, makeDefault: false });
    const adminToken = await loginAs(server.url, ADMIN_EMAIL);
    apiKey = await createApiKey(server.url, adminToken);
    const admin = client(server.url, adminToken);
    const pool = await admin.post('/api/v1/pools', {
      name: '华东公海',
      isDefault: true,
      settings: { cooldownSeconds: DAY, maskContacts: true },
    });
    expect(pool.status).toBe(201);
    poolId = pool.body.id;
    const policy = await admin.post('/api/v1/sla-policies', {
      name: '3 秒首次跟进',
      targets: { firstTouch: { seconds: 3, businessTime: false } },
      ladder: { reminders: [], atDeadline: ['reclaim_to_pool'] },
    });
    expect(policy.status).toBe(201);
    policyId = policy.body.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const timelineTypes = (page: Page) =>
    page
      .getByTestId('timeline-item')
      .evaluateAll((items) =>
        items.map((item) => `${item.getAttribute('data-kind')}:${item.getAttribute('data-type')}`),
      );

  it(
    'should count down on A’s list, reclaim on time, and let B claim it from /pool',
    { timeout: 150_000 },
    async () => {
      const repA = await signIn(browser, server.url, inside.repEmails[0]!, PASSWORD, 'zh-CN');
      await repA.setViewportSize({ width: 1440, height: 900 });
      await repA.locator('body[data-realtime="open"]').waitFor({ state: 'attached' });

      const posted = await client(server.url, apiKey).post('/api/v1/leads', {
        name: '沈清',
        phone: '13912345678',
        email: 'shen.qing@example.com',
        company: '苏州禾木机械有限公司',
        source: '官网注册',
      });
      expect(posted.status).toBe(201);
      expect(posted.body.ownerId).toBe(inside.repIds[0]);
      expect(posted.body.slaStep).toBe('firstTouch:deadline:reclaim_to_pool');
      const leadId: string = posted.body.id;

      // The assignment event puts the lead on A's list with its countdown, ticking without a refetch.
      const countdown = repA.getByTestId(`lead-deadline-${leadId}`);
      await countdown.waitFor({ timeout: 10_000 });
      expect(await countdown.textContent()).toMatch(/剩|超时/);
      await repA.screenshot({ path: '/tmp/sla-lead-list.png' });

      // The real worker reclaims it at the deadline; the lead.pool event takes it off A's list.
      await repA.getByTestId(`lead-row-${leadId}`).waitFor({ state: 'detached', timeout: 30_000 });

      // A, cooling down, may not claim it back: the refusal comes in A's language.
      await repA.getByTestId('nav-pool').click();
      const claimA = repA.getByTestId(`pool-claim-${leadId}`);
      await claimA.waitFor({ timeout: 10_000 });
      await claimA.click();
      await repA.locator('.ant-message-error').waitFor({ timeout: 10_000 });
      expect(await repA.locator('.ant-message-error').textContent()).toContain('冷却期');
      await repA.close();

      const repB = await signIn(browser, server.url, outside.repEmails[0]!, PASSWORD, 'en-US');
      await repB.setViewportSize({ width: 1440, height: 900 });
      await repB.getByTestId('nav-pool').click();
      await repB.waitForURL(/\/pool$/);
      const phone = repB.getByTestId(`pool-phone-${leadId}`);
      await phone.waitFor({ timeout: 10_000 });
      // Masked until claimed: not the number itself.
      expect(await phone.textContent()).not.toContain('12345678');
      expect(await phone.textContent()).toContain('*');
      await repB.locator('[data-testid="pool-lead-table"] .ant-spin-blur').waitFor({ state: 'detached' });
      // Only for the picture: the table's loading mask fades out after the rows arrive.
      await repB.waitForTimeout(1500);
      await repB.screenshot({ path: '/tmp/sla-pool.png' });

      await repB.getByTestId(`pool-claim-${leadId}`).click();
      await repB.waitForURL(new RegExp(`/leads/${leadId}$`));
      await repB.getByTestId('lead-timeline').getByTestId('timeline-item').first().waitFor();
      // Newest first: the claim, the reclaim by the missed deadline, the deal by the routing rules.
      const moves = (await timelineTypes(repB)).filter((type) =>
        ['assignment:rules', 'audit:sla.reclaim_to_pool', 'audit:pool.claimed'].includes(type),
      );
      expect(moves).toEqual(['audit:pool.claimed', 'audit:sla.reclaim_to_pool', 'assignment:rules']);
      expect(await repB.getByTestId('lead-timeline').textContent()).toContain('Claimed from the pool');
      await repB.screenshot({ path: '/tmp/sla-lead-detail.png', fullPage: true });

      const after = await client(server.url, await loginAs(server.url, ADMIN_EMAIL)).get(`/api/v1/leads/${leadId}`);
      expect(after.body).toMatchObject({ ownerId: outside.repIds[0], poolId: null });
      await repB.close();
    },
  );

  it('should let an admin tune every knob of the pool, durations entered in days', async () => {
    const page = await signIn(browser, server.url, ADMIN_EMAIL, PASSWORD, 'en-US');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('nav-pool').click();
    await page.getByTestId('pool-settings').waitFor();
    expect(await page.getByTestId('pool-setting-cooldownDays').inputValue()).toBe('1');
    await page.getByTestId('pool-setting-claimsPerDay').fill('5');
    await page.getByTestId('pool-setting-protectionOn').click();
    await page.getByTestId('pool-setting-protectionBaseDays').fill('10');
    await page.getByTestId('pool-setting-protectionPerActivityDays').fill('3');
    await page.getByTestId('pool-setting-protectionCapDays').fill('20');
    await page.getByTestId('pool-settings-save').click();
    await page.locator('.ant-message-success').waitFor();
    const pool = await client(server.url, await loginAs(server.url, ADMIN_EMAIL)).get(`/api/v1/pools/${poolId}`);
    expect(pool.body.settings).toMatchObject({
      claimsPerDay: 5,
      cooldownSeconds: DAY,
      protection: { baseSeconds: 10 * DAY, perActivitySeconds: 3 * DAY, capSeconds: 20 * DAY },
      maskContacts: true,
      visibleTeamIds: null,
    });
    await page.screenshot({ path: '/tmp/sla-pool-admin.png', fullPage: true });
    await page.close();
  });

  it('should show the next step, its policy and the steps after it on the lead page, and log an activity', async () => {
    const admin = client(server.url, await loginAs(server.url, ADMIN_EMAIL));
    const patched = await admin.patch(`/api/v1/sla-policies/${policyId}`, {
      targets: { firstTouch: { seconds: 3_600, businessTime: false } },
      ladder: { reminders: [0.5], atDeadline: ['notify_owner', 'reclaim_to_pool'] },
    });
    expect(patched.status).toBe(200);
    const posted = await client(server.url, apiKey).post('/api/v1/leads', { name: '陆远', phone: '13912340099' });
    expect(posted.body.slaStep).toBe('firstTouch:remind:0.5');

    const page = await signIn(browser, server.url, inside.repEmails[0]!, PASSWORD, 'en-US');
    await page.setViewportSize({ width: 1440, height: 900 });
    // The list's countdown ticks by itself: the text changes while nothing is fetched.
    const listCountdown = page.getByTestId(`lead-deadline-${posted.body.id}`);
    await listCountdown.waitFor();
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/')) fetched.push(request.url());
    });
    const before = await listCountdown.textContent();
    expect(before).toMatch(/left/);
    await listCountdown.filter({ hasNotText: before! }).waitFor();
    expect(fetched).toEqual([]);
    await page.getByTestId(`lead-row-${posted.body.id}`).click();
    await page.waitForURL(new RegExp(`/leads/${posted.body.id}$`));
    const card = page.getByTestId('lead-deadline-card');
    await card.getByTestId('lead-detail-countdown').waitFor();
    expect(await card.getByTestId('lead-deadline-policy').textContent()).toBe('3 秒首次跟进');
    expect(await card.textContent()).toContain('Reminder');
    expect(await card.textContent()).toContain('Back to the pool');
    await page.screenshot({ path: '/tmp/sla-lead-deadline.png', fullPage: true });

    // The owner's call meets the first-touch target: its steps end, and the call is on the timeline.
    await page.getByTestId('activity-summary').fill('Called, wants a quote');
    await page.getByTestId('activity-submit').click();
    await card.getByText('No deadline running').waitFor();
    await page.getByTestId('lead-timeline').getByText('Called, wants a quote').waitFor();
    const lead = await admin.get(`/api/v1/leads/${posted.body.id}`);
    expect(lead.body).toMatchObject({ slaDueAt: null, ownerId: inside.repIds[0] });
    await page.close();
  });
});

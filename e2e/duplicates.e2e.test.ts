import type { Browser, Page } from 'playwright-core';
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
import { launchBrowser, signIn as signInAs } from './browser.ts';

/**
 * De-duplication review in the browser: a repeat through a review channel is queued; the admin
 * merges it on the Duplicates page, finds the merge on the surviving lead and undoes it.
 */
describe('reviewing duplicates', () => {
  let server: TestClew;
  let browser: Browser;
  let adminToken: string;
  let org: Org;
  const admin = () => client(server.url, adminToken);

  beforeAll(async () => {
    server = await startTestClew();
    org = await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 2 });
    adminToken = await loginAs(server.url, ADMIN_EMAIL);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (locale: 'zh-CN' | 'en-US', email = ADMIN_EMAIL): Promise<Page> =>
    signInAs(browser, server.url, email, PASSWORD, locale);

  async function channel(name: string, dedupePolicy: 'review' | 'create') {
    const created = await admin().post('/api/v1/channels', { type: 'offline', name, dedupePolicy });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function lead(body: Record<string, unknown>, status: number) {
    const posted = await admin().post('/api/v1/leads', body);
    expect(posted.status).toBe(status);
    return posted.body as { id: string; ownerId: string | null };
  }

  async function openPair(leadId: string) {
    const queue = await admin().get('/api/v1/duplicates');
    const pair = queue.body.items.find((item: { lead: { id: string } }) => item.lead.id === leadId);
    expect(pair).toBeDefined();
    return pair as { id: string; duplicateOf: { id: string } };
  }

  const touchItems = (page: Page) => page.getByTestId('lead-touches').locator('.ant-timeline-item');

  it('should merge a queued pair, show the merge on the lead kept and split it out again by undo', async () => {
    const expo = await channel('上海展会', 'review');
    const original = await lead({ name: '郑爽', phone: '13912340031', channelId: expo }, 201);
    const repeat = await lead(
      { name: '郑爽', phone: '139 1234 0031', title: '采购经理', channelId: expo, source: '展会扫码' },
      201,
    );
    const pair = await openPair(repeat.id);
    expect(pair.duplicateOf.id).toBe(original.id);

    const page = await signIn('en-US');
    await page.getByTestId('nav-duplicates').click();
    const card = page.getByTestId(`duplicate-pair-${pair.id}`);
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('Same phone');
    expect(text).toContain('采购经理');
    expect(text).toContain('上海展会');

    await page.getByTestId(`duplicate-merge-${pair.id}`).click();
    await card.waitFor({ state: 'detached' });
    const merged = page.getByTestId('duplicate-merged-message');
    await merged.waitFor();
    expect((await admin().get(`/api/v1/leads/${repeat.id}`)).status).toBe(404);

    await merged.getByRole('link').click();
    await page.waitForURL(`**/leads/${original.id}`);
    const merges = (await admin().get(`/api/v1/leads/${original.id}/merges`)).body.items;
    expect(merges).toEqual([expect.objectContaining({ kind: 'manual', mergedId: repeat.id, undoneAt: null })]);
    const mergeRow = page.getByTestId(`lead-merge-${merges[0].id}`);
    await mergeRow.waitFor();
    expect(await mergeRow.textContent()).toContain('郑爽');
    await expect.poll(() => touchItems(page).count(), { timeout: 10_000 }).toBe(2);

    await page.getByTestId(`lead-merge-undo-${merges[0].id}`).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Undo merge' }).click();
    const split = page.getByTestId(`lead-merge-split-${merges[0].id}`);
    await split.waitFor();
    // The lead kept gives back the repeat's touch without a reload.
    await expect.poll(() => touchItems(page).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('lead-details').textContent()).not.toContain('采购经理');

    await split.click();
    await page.waitForURL(`**/leads/${repeat.id}`);
    await page.getByTestId('lead-details').waitFor();
    expect(await page.getByTestId('lead-detail-name').textContent()).toBe('郑爽');
    expect(await page.getByTestId('lead-details').textContent()).toContain('采购经理');
    expect((await admin().get(`/api/v1/leads/${repeat.id}`)).status).toBe(200);
    await page.close();
  });

  it('should put a pair back when the server refuses to dismiss it, then dismiss it', async () => {
    const expo = await channel('广州展会', 'review');
    await lead({ name: '冯雪', email: 'fx@lanxin.cn', channelId: expo }, 201);
    const repeat = await lead({ name: '冯雪', email: 'FX@lanxin.cn', channelId: expo }, 201);
    const pair = await openPair(repeat.id);

    const page = await signIn('zh-CN');
    await page.goto(`${server.url}/duplicates`);
    const card = page.getByTestId(`duplicate-pair-${pair.id}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('邮箱相同');

    // The first dismissal fails on the way: the pair leaves the list at once and comes back.
    let refused = false;
    await page.route('**/api/v1/duplicates/*/dismiss', async (route) => {
      if (refused) return route.continue();
      refused = true;
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'INTERNAL', message: 'boom' } }),
      });
    });
    await page.getByTestId(`duplicate-dismiss-${pair.id}`).click();
    await page.locator('.ant-message-error').waitFor();
    await card.waitFor();

    await page.getByTestId(`duplicate-dismiss-${pair.id}`).click();
    await card.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await admin().get('/api/v1/duplicates?status=dismissed')).body.items.map((p: any) => p.id))
      .toContain(pair.id);
    await page.getByTestId('duplicates-status').getByText('不是重复').click();
    await page.getByTestId(`duplicate-pair-${pair.id}`).waitFor();
    await page.close();
  });

  it('should let an admin change the company threshold and scan for duplicates', async () => {
    const manual = await channel('手工补录', 'create');
    await lead({ name: '林涛', phone: '13912340051', channelId: manual }, 201);
    const twin = await lead({ name: '林涛', phone: '13912340051', channelId: manual }, 201);

    const page = await signIn('en-US');
    await page.goto(`${server.url}/duplicates`);
    const threshold = page.getByRole('spinbutton', { name: 'Company-name likeness' });
    await threshold.waitFor();
    await threshold.fill('72');
    await threshold.press('Tab');
    await page.getByTestId('dedupe-threshold-save').click();
    await expect.poll(async () => (await admin().get('/api/v1/dedupe/settings')).body.companyMatchThreshold).toBe(0.72);

    await page.getByTestId('duplicates-scan').click();
    const result = page.getByTestId('duplicates-scan-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/New pairs to review: [1-9]/);
    const pair = await openPair(twin.id);
    await page.getByTestId(`duplicate-pair-${pair.id}`).waitFor();
    await page.close();
  });

  it('should merge another lead into the one open after saying what will happen', async () => {
    const manual = await channel('电话补录', 'create');
    const kept = await lead({ name: '王强', phone: '13912340061', company: '杭州云帆数据', channelId: manual }, 201);
    const other = await lead(
      { name: '王强', email: 'wq@yunfan.cn', company: '杭州云帆数据有限公司', channelId: manual },
      201,
    );

    const page = await signIn('en-US');
    await page.goto(`${server.url}/leads/${kept.id}`);
    await page.getByTestId('merge-lead-open').click();
    // Proposed before any search: the same name at a like company; found again by its e-mail.
    await page.getByTestId(`merge-lead-candidate-${other.id}`).waitFor();
    const search = page.locator('input[data-testid="merge-lead-search"], [data-testid="merge-lead-search"] input');
    await search.fill('WQ@yunfan.cn');
    await search.press('Enter');
    await page.getByText('Search results:').waitFor();
    await page.getByTestId(`merge-lead-candidate-${other.id}`).click();
    await page.getByTestId('merge-lead-next').click();
    const summary = await page.getByTestId('merge-lead-summary').textContent();
    expect(summary).toContain('keeps its owner');
    expect(summary).toContain('is removed');
    await page.getByTestId('merge-lead-confirm').click();

    await expect
      .poll(async () => (await admin().get(`/api/v1/leads/${kept.id}/merges`)).body.items.length, { timeout: 10_000 })
      .toBe(1);
    const [merge] = (await admin().get(`/api/v1/leads/${kept.id}/merges`)).body.items;
    expect(merge).toMatchObject({ mergedId: other.id, kind: 'manual' });
    await page.getByTestId(`lead-merge-${merge.id}`).waitFor();
    await page.getByTestId(`lead-merge-undo-${merge.id}`).waitFor();
    expect(await page.getByTestId('lead-details').textContent()).toContain('wq@yunfan.cn');
    const survivor = (await admin().get(`/api/v1/leads/${kept.id}`)).body;
    expect(survivor).toMatchObject({ ownerId: kept.ownerId, email: 'wq@yunfan.cn', touchCount: 2 });
    await page.close();
  });

  it('should offer the queue to a manager without the admin tools, and not to a rep', async () => {
    const manager = await signIn('en-US', org.managerEmail);
    await manager.getByTestId('nav-duplicates').click();
    await manager.locator('[data-testid="duplicates-list"], [data-testid="duplicates-empty"]').first().waitFor();
    expect(await manager.getByTestId('duplicates-scan').count()).toBe(0);
    expect(await manager.getByTestId('dedupe-settings').count()).toBe(0);
    await manager.close();

    const rep = await signIn('en-US', org.repEmails[0]!);
    expect(await rep.getByTestId('nav-leads').count()).toBe(1);
    expect(await rep.getByTestId('nav-duplicates').count()).toBe(0);
    await rep.close();
  });
});

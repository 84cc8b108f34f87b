import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads } from '../src/platform/db/schema.ts';
import { addTeam, ADMIN_EMAIL, PASSWORD, startTestClew, type TestClew } from '../test/harness.ts';
import { launchBrowser } from './browser.ts';

/**
 * Marketing's journey: create an ad-platform channel, paste a sample push into its webhook,
 * see what each lead would become, save, copy the secret shown once, add a tag rule for ad-platform
 * leads, and the platform's push then lands as a tagged lead of the channel.
 */
describe('an ad-platform webhook set up in the UI', () => {
  let server: TestClew;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestClew();
    await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 1 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page) {
    await page.addInitScript({ content: `localStorage.setItem('clew.locale', 'zh-CN')` });
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('lead-table').waitFor();
  }

  it('should preview a pasted sample, save the hook, tag by rule and take the platform’s push', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page);
    await page.getByTestId('nav-channels').click();
    await page.getByTestId('channel-table').waitFor();

    await page.getByTestId('create-channel').click();
    await page.getByTestId('channel-name').fill('腾讯广告-华南');
    await page.getByTestId('channel-campaign').fill('五月试用');
    // Under load a click during the drawer's opening animation can miss: it is made again until the form closes.
    const submit = page.getByTestId('channel-form-submit');
    await expect
      .poll(
        async () => {
          if (await submit.isVisible()) await submit.click();
          return submit.isVisible();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(false);
    const row = page.locator('[data-testid^="channel-webhook-"]').first();
    await row.waitFor();
    await row.click();
    await page.getByTestId('hook-preset').waitFor();

    await page.getByTestId('hook-preset').click();
    await page.getByText('腾讯广告（线索推送）').click();
    await page.getByTestId('hook-load-sample').click();
    const first = page.getByTestId('hook-preview-status-0');
    await first.waitFor({ timeout: 10_000 });
    expect(await first.textContent()).toBe('可以接收');
    expect(await page.getByTestId('hook-preview-item-0').textContent()).toContain('+8613812345678');

    // A lead without a usable phone shows why it would be rejected.
    await page.getByTestId('hook-sample').fill('{"leads_id": "x-1", "leads_name": "无号码", "leads_tel": "12345"}');
    await page.locator('[data-testid="hook-preview-status-0"]', { hasText: '将被拒收' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('hook-preview-item-0').textContent()).toContain('12345');

    await page.getByTestId('hook-save').click();
    const secretValue = page.getByTestId('hook-secret-value');
    await secretValue.waitFor();
    const secret = (await secretValue.textContent())!;
    expect(secret).toMatch(/^clewhook_/);
    await page.getByTestId('hook-secret-done').click();
    const endpoint = (await page.getByTestId('hook-endpoint').textContent())!;
    expect(endpoint).toMatch(/\/api\/v1\/hooks\/[0-9a-f-]{36}$/);

    // A tag rule for ad-platform leads, set on the same page.
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('edit-tag-rules').click();
    await page.getByTestId('add-tag-rule').click();
    const typeSelect = page.locator('.ant-modal .ant-form-item').filter({ hasText: '渠道类型' }).locator('.ant-select');
    await typeSelect.click();
    await page.locator('.ant-select-dropdown:visible').getByText('广告平台').click();
    const tags = page.locator('.ant-modal .ant-form-item').filter({ hasText: '标签' }).last().locator('input');
    await tags.fill('付费投放');
    await tags.press('Enter');
    await page.getByTestId('tag-rules-submit').click();
    await page.getByTestId('tag-rules').getByText('付费投放').waitFor();

    const pushed = await fetch(`${endpoint}?secret=${encodeURIComponent(secret)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ leads_id: '3459870009', leads_name: '陈晓', leads_tel: '13812345679' }),
    });
    expect(pushed.status).toBe(200);
    const result = ((await pushed.json()) as any).results[0];
    expect(result).toMatchObject({ status: 'created' });
    const [lead] = await server.clew.deps.db.select().from(leads).where(eq(leads.id, result.id));
    expect(lead).toMatchObject({ source: 'ad_webhook', campaign: '五月试用', tags: ['付费投放'] });
    await page.close();
  });
});

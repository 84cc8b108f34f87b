import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, ADMIN_EMAIL, client, loginAs, PASSWORD, startTestClew, type TestClew } from '../test/harness.ts';
import { launchBrowser } from './browser.ts';

/**
 * Marketing's journey for an expo: build a form in the builder, open its public page as a
 * visitor who has never signed in, submit, and see the lead arrive in the lead list.
 */
describe('a hosted form brings a visitor’s lead into the list', () => {
  let server: TestClew;
  let browser: Browser;
  let adminToken: string;
  let channelId: string;

  beforeAll(async () => {
    server = await startTestClew();
    await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 1 });
    adminToken = await loginAs(server.url, ADMIN_EMAIL);
    channelId = (await client(server.url, adminToken).post('/api/v1/channels', { type: 'web_form', name: '上海展会' }))
      .body.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page) {
    await page.addInitScript({ content: `localStorage.setItem('clew.locale', 'en-US')` });
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('lead-table').waitFor();
  }

  async function choose(page: Page, testId: string, option: string) {
    await page.getByTestId(testId).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  }

  it('should build a form, take a visitor’s submission on its public page and list the lead', async () => {
    const admin = await browser.newPage();
    await signIn(admin);
    await admin.getByTestId('nav-forms').click();
    await admin.getByTestId('form-table').waitFor();
    await admin.getByTestId('create-form').click();

    await admin.getByTestId('form-name').fill('Shanghai Expo 2026');
    await choose(admin, 'form-channel', '上海展会');
    await admin.getByTestId('form-campaign').fill('2026 上海展');
    await choose(admin, 'form-field-add', 'E-mail');
    await admin.getByTestId('form-field-email').waitFor();
    await admin.getByTestId('form-text-title-zh-CN').fill('展会登记');
    await admin.getByTestId('form-text-success-zh-CN').fill('感谢登记，我们的销售会尽快联系您。');
    // The live preview follows the draft before anything is saved.
    await admin.getByTestId('form-preview').getByText('展会登记').waitFor();
    await admin.getByTestId('form-save').click();
    await admin.waitForURL(/\/forms\/[0-9a-f-]{36}$/);
    const link = admin.getByTestId('form-public-url');
    await link.waitFor();
    const publicUrl = (await link.textContent())!;
    expect(publicUrl).toMatch(new RegExp(`^${server.url}/f/shanghai-expo-2026-[a-z2-9]{8}$`));
    expect(await admin.getByTestId('form-snippet').inputValue()).toContain('?embed=1');
    await admin.getByTestId('form-qr-utm_source').fill('poster');
    expect(await link.textContent()).toBe(`${publicUrl}?utm_source=poster`);

    // A visitor on a phone who has never signed in, arriving by the poster's QR code.
    const visitorContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${publicUrl}?utm_source=poster&campaign=${encodeURIComponent('展位 A')}`);
    await visitor.getByTestId('public-form').waitFor();
    expect(new URL(visitor.url()).pathname).toMatch(/^\/f\//);
    expect(await visitor.getByText('展会登记').count()).toBe(1);
    expect(await visitor.getByTestId('nav-leads').count()).toBe(0);
    const honeypot = visitor.locator('input[name="clew_hp_url"]');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await honeypot.evaluate((input) => input.closest('[aria-hidden="true"]') !== null)).toBe(true);
    const box = await honeypot.boundingBox();
    expect(box!.x + box!.width).toBeLessThan(0);

    await visitor.getByTestId('public-field-name').locator('input').fill('周晓明');
    await visitor.getByTestId('public-field-phone').locator('input').fill('12345');
    await visitor.getByTestId('public-submit').click();
    // The server's refusal shows next to the field at fault, in the visitor's language.
    await visitor.getByTestId('public-field-phone').getByText('请输入有效的手机号码').waitFor();
    await visitor.getByTestId('public-field-phone').locator('input').fill('139 1234 5678');
    await visitor.getByTestId('public-submit').click();
    await visitor.getByTestId('public-success').getByText('感谢登记，我们的销售会尽快联系您。').waitFor();
    await visitorContext.close();

    await admin.getByTestId('nav-leads').click();
    await admin.getByTestId('lead-table').getByText('周晓明').waitFor({ timeout: 10_000 });
    const leads = await client(server.url, adminToken).get('/api/v1/leads?source=web_form');
    const lead = leads.body.items.find((item: { name: string }) => item.name === '周晓明');
    expect(lead).toMatchObject({
      phone: '+8613912345678',
      source: 'web_form',
      channelId,
      campaign: '展位 A',
      utm: { source: 'poster' },
    });
    expect(lead.landingPage).toContain('/f/shanghai-expo-2026-');
    await admin.close();
  });
});

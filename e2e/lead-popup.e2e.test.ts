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
import { launchBrowser } from './browser.ts';

/**
 * The walking skeleton's journey: a rep is signed in in a browser; a website posts a lead with an
 * API key; the rep sees the pop-up and the lead in the list without reloading.
 */
describe('a website lead reaches the rep’s screen', () => {
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

  async function signIn(page: Page, locale: 'zh-CN' | 'en-US', email: string) {
    await page.addInitScript({ content: `localStorage.setItem('clew.locale', ${JSON.stringify(locale)})` });
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('lead-table').waitFor();
  }

  for (const [locale, popupTitle] of [
    ['en-US', 'New lead assigned to you'],
    ['zh-CN', '新线索分配给你'],
  ] as const) {
    it(`should pop up and list the new lead without a reload (${locale})`, async () => {
      const page = await browser.newPage();
      await signIn(page, locale, org.repEmails[0]!);
      // The pop-up can only come once the event stream is open.
      await page.locator('body[data-realtime="open"]').waitFor({ state: 'attached' });
      const name = locale === 'zh-CN' ? '周杰' : 'Jay Zhou';
      const phone = locale === 'zh-CN' ? '13912340001' : '13912340002';
      const posted = await client(server.url, apiKey).post('/api/v1/leads', {
        name,
        phone,
        company: '杭州启明软件有限公司',
        source: '官网注册',
      });
      expect(posted.status).toBe(201);
      expect(posted.body.ownerId).toBe(org.repIds[0]);

      const popup = page.getByTestId('lead-popup');
      await popup.waitFor({ timeout: 10_000 });
      expect(await popup.textContent()).toContain(name);
      expect(await page.locator('.ant-notification').textContent()).toContain(popupTitle);
      await page.getByTestId(`lead-row-${posted.body.id}`).waitFor({ timeout: 10_000 });
      await page.close();
    });
  }

  it('should let an admin open a lead and create an API key shown once', async () => {
    const page = await browser.newPage();
    await signIn(page, 'en-US', ADMIN_EMAIL);
    const anyRow = page.locator('[data-testid^="lead-row-"]').first();
    await anyRow.click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.getByTestId('nav-api-keys').click();
    await page.getByTestId('create-api-key').click();
    await page.getByRole('dialog').getByRole('textbox').first().fill('Website form');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /create/i })
      .click();
    const key = page.getByTestId('api-key-value');
    await key.waitFor();
    expect(await key.textContent()).toMatch(/clew_/);
    await page.close();
  });
});

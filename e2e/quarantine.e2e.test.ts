import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeRejections, leads } from '../src/platform/db/schema.ts';
import { addTeam, ADMIN_EMAIL, client, loginAs, PASSWORD, startTestClew, type TestClew } from '../test/harness.ts';
import { launchBrowser } from './browser.ts';

/**
 * A form submission with a mistyped phone is kept, not lost: a reviewer finds it under held
 * submissions, fixes the phone and releases it as a lead of its channel. And a person enters a
 * lead by hand, warned of duplicates as they type.
 */
describe('held submissions and manual entry in the browser', () => {
  let server: TestClew;
  let browser: Browser;
  let channelId: string;
  let formKey: string;

  beforeAll(async () => {
    server = await startTestClew();
    await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 1 });
    const admin = client(server.url, await loginAs(server.url, ADMIN_EMAIL));
    channelId = (await admin.post('/api/v1/channels', { type: 'web_form', name: '官网表单' })).body.id;
    formKey = (await admin.post('/api/v1/api-keys', { name: 'form', scopes: ['leads:write'], channelId })).body.key;
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

  const fieldError = (page: Page, testId: string) =>
    page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

  it('should fix the phone of a rejected submission and release it as a lead of its channel', async () => {
    const refused = await client(server.url, formKey).post('/api/v1/leads', {
      name: '周杰',
      phone: '139 1234',
      company: '杭州启明软件有限公司',
    });
    expect(refused.status).toBe(422);
    const [held] = await server.clew.deps.db.select().from(intakeRejections);
    const page = await browser.newPage();
    await signIn(page);
    await page.locator('[data-testid="nav-quarantine-badge"] .ant-badge-count').getByText('1').waitFor();
    await page.getByTestId('nav-quarantine').click();
    await page.getByTestId(`held-row-${held!.id}`).click();
    expect(await page.getByTestId('held-payload').textContent()).toContain('"phone": "139 1234"');
    const phone = page.getByTestId('lead-form-phone');
    expect(await phone.inputValue()).toBe('139 1234');
    expect(await page.getByTestId('lead-form-company').inputValue()).toBe('杭州启明软件有限公司');

    await phone.fill('139 12345');
    await page.getByTestId('held-release').click();
    await fieldError(page, 'lead-form-phone')
      .getByText(/not a valid phone/)
      .waitFor();

    await phone.fill('139 1234 0001');
    await page.getByTestId('held-release').click();
    await page.getByTestId('held-open-lead').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('lead-detail-name').textContent()).toContain('周杰');
    const leadId = page.url().split('/').at(-1)!;
    const [lead] = await server.clew.deps.db.select().from(leads).where(eq(leads.id, leadId));
    expect(lead).toMatchObject({ phone: '+8613912340001', channelId, source: '官网表单' });
    const [released] = await server.clew.deps.db.select().from(intakeRejections);
    expect(released).toMatchObject({ resolution: 'released', resolvedLeadId: leadId });
    expect(await server.clew.deps.db.select().from(intakeRejections)).toHaveLength(1);
    await page.close();
  });

  it('should create a lead through the manual entry form and open it', async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.getByTestId('new-lead').click();
    await page.getByTestId('lead-form-submit').click();
    await fieldError(page, 'lead-form-name').first().waitFor();
    await page.getByTestId('lead-form-name').fill('林小姐');
    await page.getByTestId('lead-form-phone').fill('13822223333');
    await page.getByTestId('lead-form-company').fill('深圳云帆科技有限公司');
    await page.getByTestId('lead-form-channel').click();
    await page.locator('.ant-select-item-option', { hasText: '官网表单' }).click();
    await page.getByTestId('lead-form-submit').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('lead-detail-name').textContent()).toContain('林小姐');
    const [lead] = await server.clew.deps.db.select().from(leads).where(eq(leads.name, '林小姐'));
    expect(lead).toMatchObject({ phone: '+8613822223333', channelId, source: 'manual' });
    await page.close();
  });

  it('should warn of duplicates as the phone is typed and say when the person already existed', async () => {
    const page = await browser.newPage();
    const [existing] = await server.clew.deps.db.select().from(leads).where(eq(leads.name, '林小姐'));
    const asked: string[] = [];
    // The duplicate check is built alongside; the browser answers for it here, by its contract.
    await page.route('**/api/v1/leads/duplicate-check?*', async (route) => {
      const phone = new URL(route.request().url()).searchParams.get('phone') ?? '';
      asked.push(phone);
      const matches = phone.replace(/\D/g, '').endsWith('13822223333')
        ? [{ ...existing!, ownerName: 'Rep 0 Inside', reason: 'phone', score: 1 }]
        : [];
      await route.fulfill({ json: { matches } });
    });
    await signIn(page);
    await page.getByTestId('new-lead').click();
    await page.getByTestId('lead-form-name').fill('林小姐');
    await page.getByTestId('lead-form-phone').pressSequentially('138 2222 3333', { delay: 10 });
    const warning = page.getByTestId('duplicate-warning');
    await warning.getByText('Same phone').waitFor();
    expect(await warning.getByRole('link', { name: '林小姐' }).getAttribute('href')).toBe(`/leads/${existing!.id}`);
    // Debounced: a burst of keystrokes asks once, not once per key.
    expect(asked.length).toBeLessThan(4);
    await page.getByTestId('lead-form-submit').click();
    await page.getByTestId('lead-form-merged').waitFor();
    await page.getByTestId('lead-form-merged-link').click();
    await page.waitForURL(new RegExp(`/leads/${existing!.id}$`));
    await page.close();
  });

  it('should show no warning while the server has no duplicate check', async () => {
    const page = await browser.newPage();
    let asked = 0;
    await page.route('**/api/v1/leads/duplicate-check?*', async (route) => {
      asked += 1;
      await route.fulfill({ status: 404, json: { error: { code: 'NOT_FOUND', message: 'No route' } } });
    });
    await signIn(page);
    await page.getByTestId('new-lead').click();
    const answered = page.waitForResponse((response) => response.url().includes('/leads/duplicate-check'));
    await page.getByTestId('lead-form-phone').fill('13822223333');
    await answered;
    expect(asked).toBe(1);
    expect(await page.getByTestId('duplicate-warning').count()).toBe(0);
    expect(await page.getByTestId('lead-form-name').isEditable()).toBe(true);
    await page.close();
  });
});

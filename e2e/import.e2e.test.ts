import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, ADMIN_EMAIL, PASSWORD, startTestClew, type TestClew } from '../test/harness.ts';
import {
  contactHeaders,
  expectedOutcome,
  importRows,
  missingDatasets,
  readDataset,
  toCsv,
  X_EDUCATION_CSV,
  type Dataset,
} from '../test/import-fixtures.ts';
import { launchBrowser } from './browser.ts';

const ROWS = 2_000;

/** A marketing user imports a spreadsheet of expo and website leads through the wizard. */
describe('a CSV imported through the wizard', () => {
  let server: TestClew;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestClew();
    await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 2 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, locale: 'zh-CN' | 'en-US') {
    await page.addInitScript({ content: `localStorage.setItem('clew.locale', ${JSON.stringify(locale)})` });
    await page.goto(server.url);
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('lead-table').waitFor();
  }

  function dataset(): Dataset {
    const missing = missingDatasets();
    if (!missing) return readDataset(X_EDUCATION_CSV);
    console.warn(`${missing}; the file gets made-up columns only`);
    return { headers: ['Lead Source'], rows: [['Olark Chat'], ['Google']] };
  }

  it('should map, preview, import and show the progress bar reach 100 %', async () => {
    const real = dataset();
    const csv = toCsv([...contactHeaders, ...real.headers], importRows(real, ROWS), { bom: true });
    const page = await browser.newPage();
    await signIn(page, 'zh-CN');
    await page.getByTestId('nav-imports').click();
    await page.waitForURL(/\/imports$/);

    await page
      .getByTestId('import-dropzone')
      .locator('input[type=file]')
      .setInputFiles({ name: '展会线索.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    // The mapping was guessed from the Chinese headers.
    const mapping = page.getByTestId('import-mapping-table');
    await mapping.waitFor();
    expect(await mapping.textContent()).toContain('姓名');
    expect(await page.getByTestId('import-target-0').textContent()).toContain('姓名');
    expect(await page.getByTestId('import-target-1').textContent()).toContain('手机/电话');
    await page.getByTestId('import-mapping-next').click();

    // The preview shows the cleaned phone of the first row.
    const preview = page.getByTestId('import-preview-table');
    await preview.locator('tr[data-row-key="2"]').waitFor();
    expect(await preview.textContent()).toContain('+86');
    await page.getByTestId('import-start').click();

    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await page.locator('[data-testid="import-progress"][data-percent="100"]').waitFor({ timeout: 60_000 });
    expect(await progress.getAttribute('data-status')).toBe('done');

    const expected = expectedOutcome(ROWS);
    const figure = async (outcome: string) =>
      (await page.getByTestId(`import-summary-${outcome}`).textContent())!.replace(/\D/g, '');
    expect(await figure('created')).toBe(String(expected.created));
    expect(await figure('merged')).toBe(String(expected.merged));
    expect(await figure('rejected')).toBe(String(expected.rejected));

    // The error file lists the rejected rows, for Excel (UTF-8 with a byte-order mark).
    const href = await page.getByTestId('import-error-file').getAttribute('href');
    const errorFile = await page.request.get(new URL(href!, server.url).toString());
    const bytes = await errorFile.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^\ufeff行号,状态,错误代码,字段,原因,姓名,手机,公司/);
    expect(lines).toHaveLength(1 + expected.rejected);

    await page.getByTestId('recent-imports').getByText('展会线索.csv').first().waitFor();
    await page.close();
  });
});

import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's chromium; tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No browser at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new page signed in through the login form, in the given language, on the lead list. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  locale: 'zh-CN' | 'en-US',
): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript({ content: `localStorage.setItem('clew.locale', ${JSON.stringify(locale)})` });
  await page.goto(baseUrl);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('lead-table').waitFor();
  return page;
}

/**
 * Picks an option of the antd Select with this test id. The options open in a popup, and a click
 * during its opening animation can miss, so the choice is checked on the control and made again
 * if it did; a popup left open (a multiple select) is closed afterwards.
 */
export async function chooseOption(page: Page, testId: string, option: string): Promise<void> {
  const select = page.getByTestId(testId);
  const popup = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    await popup.getByTitle(option, { exact: true }).click();
    try {
      await expect.poll(async () => (await select.textContent()) ?? '', { timeout: 3_000 }).toContain(option);
      if ((await popup.count()) > 0) await page.keyboard.press('Escape');
      return;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`Could not choose "${option}" in ${testId}`);
}

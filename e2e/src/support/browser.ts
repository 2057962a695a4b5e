import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere when needed. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Screenshots of each main screen, kept by CI as test artifacts. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'tmp', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Root in a container needs --no-sandbox; the rest keep Chromium off a network it cannot reach.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface DemoAccount {
  tenant: string;
  user: string;
  role: 'viewer' | 'editor' | 'admin' | 'platform-admin';
}

/** Signs in through the development sign-in screen, as a person would. */
export async function signIn(page: Page, webUrl: string, account: DemoAccount): Promise<void> {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('Tenant').fill(account.tenant);
  await page.getByLabel('User').fill(account.user);
  await page.getByLabel('Role').selectOption(account.role);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

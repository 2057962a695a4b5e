/**
 * The web app's frame in a real browser (Debian's Chromium through playwright-core) against
 * the embedded default: sign-in, navigation, what each role is offered, sign-out.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signIn } from './support/browser';
import { startWebPlatform, type WebPlatform } from './support/web-platform';

jest.setTimeout(240_000);

describe('web app: signing in and moving around', () => {
  let web: WebPlatform;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebPlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('sends a signed-out visitor to sign-in, and back to the page asked for after signing in', async () => {
    const page = await browser.newPage();
    await page.goto(`${web.webUrl}/runs`);
    await page.waitForURL(/\/sign-in\?next=%2Fruns/);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Tenant').fill('acme');
    await page.getByLabel('User').fill('erin@acme.test');
    await page.getByLabel('Role').selectOption('editor');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/runs$/);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('acme');
    await page.close();
  });

  it('names the field when the sign-in form is filled wrongly', async () => {
    const page = await browser.newPage();
    await page.goto(`${web.webUrl}/sign-in`);
    await page.getByLabel('Tenant').fill('Not A Tenant!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.form-error').textContent()).resolves.toMatch(/^tenant:/);
    await page.close();
  });

  it('offers Admin to a platform admin only, and signs out', async () => {
    const page = await browser.newPage();
    await signIn(page, web.webUrl, { tenant: 'acme', user: 'erin', role: 'editor' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Test Runs' }).count()).resolves.toBe(1);
    await expect(nav.getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    await signIn(page, web.webUrl, { tenant: 'platform', user: 'pat', role: 'platform-admin' });
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).resolves.toBe(1);
    await page.close();
  });
});

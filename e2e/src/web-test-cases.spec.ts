/**
 * The Test Cases area in a real browser (Debian's Chromium through playwright-core) against
 * the embedded default with its demo seed: writing a case by hand, finding it again, managing,
 * duplicating and deleting cases, generating cases with AI, running cases and following the
 * run on the Last Run banner, and what a viewer is (not) offered.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityProblems } from './support/accessibility';
import { launchBrowser, screenshot, signIn, type DemoAccount } from './support/browser';
import { eventually } from './support/eventually';
import { callerFor } from './support/graphql-client';
import { startWebPlatform, type WebPlatform } from './support/web-platform';

jest.setTimeout(300_000);

const ACME_EDITOR: DemoAccount = { tenant: 'acme', user: 'erin.editor', role: 'editor' };
const ACME_VIEWER: DemoAccount = { tenant: 'acme', user: 'victor.viewer', role: 'viewer' };

/** A word unique to this run, so nothing seeded can make a search or filter check pass. */
const stamp = `zq${Date.now().toString(36)}`;

const FINISHED_STATUSES = ['Completed', 'Completed With Errors', 'Failed', 'Cancelled'];

describe('web app: test cases', () => {
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

  async function pageAs(account: DemoAccount, path = '/test-cases', viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await signIn(page, web.webUrl, account);
    await page.goto(`${web.webUrl}${path}`);
    return page;
  }

  const rows = (page: Page) => page.getByTestId('test-case-row');
  const row = (page: Page, name: string) => rows(page).filter({ has: page.getByRole('link', { name, exact: true }) });

  /** The names in the list once it shows `expected` rows (or the names it shows when time runs out). */
  async function listedNames(page: Page, expected: (names: string[]) => boolean): Promise<string[]> {
    return eventually(
      async () => rows(page).getByRole('link').allTextContents(),
      expected,
      15_000,
    );
  }

  /** The messages under the form's fields, once at least `atLeast` are shown. */
  async function fieldErrors(scope: Page | Locator, atLeast = 1): Promise<string[]> {
    return eventually(() => scope.locator('.field-error').allTextContents(), (errors) => errors.length >= atLeast, 10_000);
  }

  async function rowAction(page: Page, name: string, action: string): Promise<void> {
    await page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click();
    await page.getByRole('menuitem', { name: action }).click();
  }

  it('creates a test case by hand with every section, then finds it by its type and by search', async () => {
    const page = await pageAs(ACME_EDITOR);
    await rows(page).first().waitFor();
    await screenshot(page, 'test-cases');

    await page.getByRole('button', { name: 'New Test Case' }).click();
    const choice = page.getByRole('dialog', { name: 'New Test Case' });
    await choice.getByRole('button', { name: /Generate with AI/ }).waitFor();
    await choice.getByRole('button', { name: /Create Manually/ }).click();
    await page.waitForURL(/\/test-cases\/new$/);

    // Submitting the empty form names every required field.
    await page.getByRole('button', { name: 'Create Test Case' }).click();
    await expect(fieldErrors(page, 4)).resolves.toEqual([
      'Test Case Name is required.',
      'User Tone of Voice is required.',
      'User Behaviour is required.',
      'Success Criteria is required.',
    ]);
    await expect(page.getByLabel('Test Case Name *', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');

    const name = `Parcel lost on the way to Oslo ${stamp}`;
    await page.getByLabel('Test Case Name *', { exact: true }).fill(name);
    await page.getByLabel('User Tone of Voice *', { exact: true }).fill('Calm at first, firmer when asked to wait.');
    await page
      .getByLabel('Describe the User Behaviour *', { exact: true })
      .fill('Ask where your parcel is. Give the order number when asked. If the agent offers a replacement, accept it and end the conversation.');
    await page.getByRole('button', { name: '+ Add fact' }).click();
    await page.getByRole('group', { name: 'Fact 1' }).getByLabel('Fact name').fill('order_number');
    await page.getByRole('group', { name: 'Fact 1' }).getByLabel('Fact value').fill('DG-550912');
    await page.getByRole('button', { name: '+ Add fact' }).click();
    // The same fact name twice is caught before anything is sent.
    await page.getByRole('group', { name: 'Fact 2' }).getByLabel('Fact name').fill('Order_Number');
    await page.getByRole('group', { name: 'Fact 2' }).getByLabel('Fact value').fill('Norway');
    await page.getByLabel('Success Criteria *', { exact: true }).fill('The customer is offered a replacement or a refund for the lost parcel.');
    await page.getByRole('button', { name: 'Create Test Case' }).click();
    await expect(fieldErrors(page.getByRole('group', { name: 'Fact 2' }))).resolves.toEqual(['Fact name "Order_Number" is already used by another fact.']);

    await page.getByRole('group', { name: 'Fact 2' }).getByLabel('Fact name').fill('delivery_country');
    await page.getByLabel('Language (optional)').selectOption('sv');
    await page.getByLabel('Success Criteria for the Agent (optional)').fill('The agent checks the order and offers a replacement within 4 turns.');
    await page.getByLabel('Type of the Test Case (optional)').fill(`Lost Parcel ${stamp}`);
    await page.getByLabel('Intent of the Test Case (optional)').fill('Delivery :: Lost Parcel');
    await screenshot(page, 'test-case-form');
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    await page.getByRole('button', { name: 'Create Test Case' }).click();
    await page.waitForURL(/\/test-cases\?highlight=/);
    const created = row(page, name);
    await created.waitFor();
    await expect(created.getAttribute('class')).resolves.toContain('highlighted');
    await expect(created.locator('td').allTextContents()).resolves.toEqual(
      expect.arrayContaining([`Lost Parcel ${stamp}`, 'Delivery :: Lost Parcel', 'Swedish', 'Manual']),
    );

    // Filter by its type: the URL carries the filter, so a reload shows the same list.
    await page.getByRole('button', { name: /^Type: All/ }).click();
    await page.getByRole('checkbox', { name: `Lost Parcel ${stamp}` }).check();
    await page.waitForURL(/type=Lost\+Parcel/);
    await expect(listedNames(page, (names) => names.length === 1)).resolves.toEqual([name]);
    await page.reload();
    await expect(listedNames(page, (names) => names.length === 1)).resolves.toEqual([name]);
    await expect(page.getByRole('button', { name: /^Type: / }).textContent()).resolves.toContain(`Lost Parcel ${stamp}`);
    await expect(page.getByTestId('test-case-count').textContent()).resolves.toContain('of 1 test case');

    // Search, typed as a person types: the list follows once they pause.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(listedNames(page, (names) => names.length > 1)).resolves.toContain(name);
    await page.getByLabel('Search').pressSequentially(stamp, { delay: 20 });
    await page.waitForURL(new RegExp(`q=${stamp}`));
    await expect(listedNames(page, (names) => names.length === 1)).resolves.toEqual([name]);
    await page.close();
  });

  it('manages a test case (showing the service’s field errors in place), duplicates it and deletes the copy', async () => {
    const page = await pageAs(ACME_EDITOR);
    const original = 'Delivery times to the United States';
    await row(page, original).waitFor();
    await rowAction(page, original, 'Manage Test Case');
    await page.waitForURL(/\/test-cases\/[0-9a-f-]+$/);
    const nameInput = page.getByLabel('Test Case Name *', { exact: true });
    await eventually(() => nameInput.inputValue(), (value) => value === original);

    // A refusal from the service lands beside the field it names (here forced, since the form's own checks come first).
    await page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('TestCaseUpdate')) return route.fallback();
      await route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          data: null,
          errors: [{ message: 'intent: intent is not in the catalogue', extensions: { code: 'BAD_USER_INPUT', field: 'intent', fieldErrors: [{ field: 'intent', message: 'intent is not in the catalogue' }] } }],
        }),
      });
    });
    await page.getByRole('button', { name: 'Save changes' }).click();
    const intentField = page.locator('.field').filter({ has: page.getByLabel('Intent of the Test Case (optional)') });
    await expect(fieldErrors(intentField)).resolves.toEqual(['intent is not in the catalogue']);
    await page.unroute('**/graphql');

    const renamed = `Delivery times to the United States ${stamp}`;
    await nameInput.fill(renamed);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/test-cases\?highlight=/);
    await row(page, renamed).waitFor();
    await expect(row(page, original).count()).resolves.toBe(0);

    await rowAction(page, renamed, 'Duplicate Test Case');
    const copy = row(page, `${renamed} (copy)`);
    await copy.waitFor();
    await expect(copy.getAttribute('class')).resolves.toContain('highlighted');

    await rowAction(page, `${renamed} (copy)`, 'Delete Test Case');
    const confirm = page.getByRole('dialog', { name: 'Delete Test Case' });
    await expect(confirm.textContent()).resolves.toMatch(/deleted permanently/);
    await confirm.getByRole('button', { name: 'Delete Test Case' }).click();
    await eventually(() => copy.count(), (count) => count === 0);
    await expect(copy.count()).resolves.toBe(0);
    await expect(row(page, renamed).count()).resolves.toBe(1);
    await page.close();
  });

  it('generates test cases with AI from intents, follows the job live and highlights the new cases', async () => {
    const page = await pageAs(ACME_EDITOR);
    await rows(page).first().waitFor();
    await page.getByRole('button', { name: 'New Test Case' }).click();
    await page.getByRole('dialog', { name: 'New Test Case' }).getByRole('button', { name: /Generate with AI/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate Test Case with AI' });
    for (const source of ['Knowledge Source', 'Purchase AI Sources', 'Intents', 'Historical Tickets']) {
      await dialog.getByRole('button', { name: new RegExp(`^${source}`) }).waitFor();
    }
    await dialog.getByRole('button', { name: /^Intents/ }).click();
    await dialog.getByRole('checkbox', { name: 'Returns :: Damaged Item' }).check();
    await dialog.getByRole('checkbox', { name: 'Refunds :: Refund Status' }).check();
    await dialog.getByLabel('Cases per Intent *', { exact: true }).fill('4');
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(fieldErrors(dialog)).resolves.toEqual(['Cases per Intent must be from 1 to 3.']);

    await dialog.getByLabel('Cases per Intent *', { exact: true }).fill('2');
    await expect(dialog.textContent()).resolves.toContain('Asks for 4 test cases');
    await screenshot(page, 'generate-with-ai');
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();

    const progress = dialog.getByTestId('generation-progress');
    await progress.getByText('Completed').waitFor({ timeout: 60_000 });
    const counted = /(\d+) of 4 test cases created/.exec((await progress.getByTestId('generation-count').textContent()) ?? '');
    expect(counted).not.toBeNull();
    const created = Number(counted![1]);
    expect(created).toBeGreaterThan(0);

    await dialog.getByRole('button', { name: 'View cases' }).click();
    await page.waitForURL(/highlight=/);
    const highlighted = page.locator('tr.highlighted');
    await eventually(() => highlighted.count(), (count) => count === created);
    await expect(highlighted.count()).resolves.toBe(created);
    const sourceColumn = (await page.locator('thead th').allTextContents()).indexOf('Source') + 1;
    expect(sourceColumn).toBeGreaterThan(0);
    const sources = await highlighted.locator(`td:nth-child(${sourceColumn})`).allTextContents();
    expect(sources).toEqual(Array(created).fill('Intents'));
    await page.close();
  });

  it('runs two selected cases from the drawer and follows the run live on the Last Run banner', async () => {
    const page = await pageAs(ACME_EDITOR);
    const first = 'Where is my order? — Standard tracked delivery';
    const second = 'Return a jacket that does not fit';
    await row(page, first).waitFor();

    const runTest = page.getByRole('button', { name: 'Run Test', exact: true });
    await expect(runTest.isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('run-test-reason').textContent()).resolves.toBe('Select at least one test case to run.');

    await page.getByRole('checkbox', { name: `Select ${first}` }).check();
    await page.getByRole('checkbox', { name: `Select ${second}` }).check();
    await expect(runTest.isEnabled()).resolves.toBe(true);
    await runTest.click();

    const drawer = page.getByRole('dialog', { name: 'Run Test' });
    const inRun = drawer.getByRole('list', { name: 'Test cases in this run' });
    await expect(inRun.getByRole('listitem').allTextContents()).resolves.toEqual([expect.stringContaining(first), expect.stringContaining(second)]);

    // Required fields, the URL and the metadata are checked before the run is asked for.
    await drawer.getByLabel('Chat URL (optional)').fill('shop.example.com');
    await drawer.getByLabel('Metadata (optional)').fill('["gold"]');
    await drawer.getByRole('button', { name: 'Run Test' }).click();
    await expect(fieldErrors(drawer, 4)).resolves.toEqual([
      'Run name is required.',
      'Choose the Chat Widget to run against.',
      expect.stringMatching(/^Chat URL must be a full http/),
      expect.stringMatching(/^Metadata must be a JSON object/),
    ]);

    await drawer.getByLabel('Run name *', { exact: true }).fill(`Drawer run ${stamp}`);
    await drawer.getByLabel('Chat Widget *', { exact: true }).selectOption({ label: 'Demo Store Assistant (DEMO)' });
    await drawer.getByLabel('Chat URL (optional)').fill('https://shop.example.com/orders');
    await drawer.getByLabel('Metadata (optional)').fill('{"plan": "gold"}');
    // Remove a case and find it again with the search.
    await drawer.getByRole('button', { name: `Remove ${second}` }).click();
    await expect(inRun.getByRole('listitem').count()).resolves.toBe(1);
    await drawer.getByLabel('Add test cases').fill('jacket');
    await drawer.getByRole('button', { name: `Add ${second}` }).click();
    await expect(inRun.getByRole('listitem').count()).resolves.toBe(2);
    await screenshot(page, 'run-test-drawer');

    // Record every state the banner shows for this run, however briefly (the offline engine is quick).
    const runName = `Drawer run ${stamp}`;
    await page.evaluate((name) => {
      const states: string[] = [];
      (window as any).bannerStates = states;
      new MutationObserver(() => {
        const banner = document.querySelector('[data-testid="last-run-banner"]');
        if (!banner?.textContent?.includes(name)) return;
        const status = banner.querySelector('[data-testid="last-run-status"]')?.textContent ?? '';
        const state = `${status}|${banner.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')}`;
        if (states[states.length - 1] !== state) states.push(state);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    }, runName);
    await drawer.getByRole('button', { name: 'Run Test' }).click();

    // The drawer closes and the banner takes over, live, without reloading the page.
    await eventually(() => drawer.isVisible(), (visible) => !visible);
    const banner = page.getByTestId('last-run-banner');
    await banner.getByText(runName).waitFor();
    const finalStatus = await eventually(
      async () => (await banner.getByTestId('last-run-status').textContent()) ?? '',
      (status) => FINISHED_STATUSES.includes(status),
      90_000,
    );
    expect(['Completed', 'Completed With Errors']).toContain(finalStatus);
    const states: string[] = await page.evaluate(() => (window as any).bannerStates);
    const [firstStatus, firstProgress] = states[0].split('|');
    expect(['Queued', 'Running']).toContain(firstStatus);
    expect(Number(firstProgress)).toBeLessThan(100);
    expect(states[states.length - 1]).toBe(`${finalStatus}|100`);
    await expect(banner.getByRole('progressbar', { name: 'Run progress' }).getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(banner.textContent()).resolves.toMatch(/2 of 2 cases finished/);
    await expect(banner.textContent()).resolves.toMatch(/Pass rate \d+(\.\d)?%/);
    await screenshot(page, 'last-run-banner');

    await banner.getByRole('link', { name: 'View Run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await page.close();
  });

  it('explains the tenant’s limits: Run Test disabled at the active-run limit, too many cases for one run refused in the drawer', async () => {
    const admin = await callerFor(`http://127.0.0.1:${web.platform.gateway.port}/graphql`, web.platform.jwtSecret, 'platform', 'pat.platform', ['platform-admin']);
    const setLimits = (input: { maxActiveRuns: number; maxCasesPerRun: number }) =>
      admin('mutation($input: TenantSettingsInput!) { updateTenantSettings(tenantId: "acme", input: $input) { maxActiveRuns maxCasesPerRun } }', { input });
    const first = 'Ask for a human straight away';
    const second = 'Return a jacket that does not fit';
    try {
      await expect(setLimits({ maxActiveRuns: 0, maxCasesPerRun: 200 })).resolves.toMatchObject({ data: { updateTenantSettings: { maxActiveRuns: 0 } } });
      const page = await pageAs(ACME_EDITOR);
      await row(page, first).waitFor();
      await page.getByRole('checkbox', { name: `Select ${first}` }).check();
      const reason = await eventually(() => page.getByTestId('run-test-reason').textContent(), (text) => /run limit is 0/.test(text ?? ''));
      expect(reason).toMatch(/may not start runs/);
      await expect(page.getByRole('button', { name: 'Run Test', exact: true }).isDisabled()).resolves.toBe(true);
      await page.close();

      await expect(setLimits({ maxActiveRuns: 3, maxCasesPerRun: 1 })).resolves.toMatchObject({ data: { updateTenantSettings: { maxCasesPerRun: 1 } } });
      const again = await pageAs(ACME_EDITOR);
      await row(again, first).waitFor();
      await again.getByRole('checkbox', { name: `Select ${first}` }).check();
      await again.getByRole('checkbox', { name: `Select ${second}` }).check();
      await again.getByRole('button', { name: 'Run Test', exact: true }).click();
      const drawer = again.getByRole('dialog', { name: 'Run Test' });
      await drawer.getByLabel('Run name *', { exact: true }).fill(`Too big ${stamp}`);
      await drawer.getByLabel('Chat Widget *', { exact: true }).selectOption({ label: 'Demo Store Assistant (DEMO)' });
      await drawer.getByRole('button', { name: 'Run Test' }).click();
      await expect(fieldErrors(drawer)).resolves.toEqual(['A run can hold at most 1 test case: remove 1 case.']);
      await drawer.getByRole('button', { name: `Remove ${second}` }).click();
      await expect(drawer.locator('.field-error').count()).resolves.toBe(0);
      await again.close();
    } finally {
      await setLimits({ maxActiveRuns: 3, maxCasesPerRun: 200 });
    }
  });

  it('says under the Chat Widget field when the chosen widget was deleted meanwhile, and starts no run', async () => {
    const editor = await callerFor(`http://127.0.0.1:${web.platform.gateway.port}/graphql`, web.platform.jwtSecret, 'acme', 'erin.editor', ['editor']);
    const widgetName = `Retired bot ${stamp}`;
    const created = await editor(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }`, { input: { name: widgetName, connector: 'DEMO' } });
    expect(created.errors).toBeUndefined();
    const caseName = 'Ask for a human straight away';
    const runName = `Deleted widget ${stamp}`;

    const page = await pageAs(ACME_EDITOR);
    await row(page, caseName).waitFor();
    await page.getByRole('checkbox', { name: `Select ${caseName}` }).check();
    await page.getByRole('button', { name: 'Run Test', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: 'Run Test' });
    await drawer.getByLabel('Run name *', { exact: true }).fill(runName);
    await drawer.getByLabel('Chat Widget *', { exact: true }).selectOption({ label: `${widgetName} (DEMO)` });
    // Someone else deletes the widget while this drawer still lists it.
    const deleted = await editor(`mutation($id: ID!) { deleteChatWidget(id: $id) }`, { id: created.data!.createChatWidget.id });
    expect(deleted.data?.deleteChatWidget).toBe(true);
    await drawer.getByRole('button', { name: 'Run Test' }).click();

    await expect(fieldErrors(drawer)).resolves.toEqual([expect.stringMatching(/^chat widget "[0-9a-f-]{36}" was not found \(it may have been deleted\)$/)]);
    await expect(drawer.isVisible()).resolves.toBe(true);
    const runs = await editor(`query($search: String!) { testRuns(filter: { search: $search }) { totalCount } }`, { search: runName });
    expect(runs.data!.testRuns.totalCount).toBe(0);
    await page.close();
  });

  it('offers a viewer no way to create, run, duplicate or delete, and a read-only case', async () => {
    const page = await pageAs(ACME_VIEWER);
    const name = 'Ask for a human straight away';
    await row(page, name).waitFor();
    await expect(page.getByRole('button', { name: 'New Test Case' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Run Test' }).count()).resolves.toBe(0);
    await expect(page.getByRole('checkbox', { name: `Select ${name}` }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: `Actions for ${name}` }).click();
    await expect(page.getByRole('menuitem').allTextContents()).resolves.toEqual(['View Test Case']);
    await page.getByRole('menuitem', { name: 'View Test Case' }).click();
    await page.waitForURL(/\/test-cases\/[0-9a-f-]+$/);
    const nameInput = page.getByLabel('Test Case Name *', { exact: true });
    await eventually(() => nameInput.inputValue(), (value) => value === name);
    await expect(nameInput.isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: /Save changes|Delete/ }).count()).resolves.toBe(0);
    await page.close();
  });

  it('fits a phone screen: the list scrolls inside its frame, not the page', async () => {
    const page = await pageAs(ACME_EDITOR, '/test-cases', { width: 390, height: 844 });
    await rows(page).first().waitFor();
    await expect(page.getByRole('button', { name: 'New Test Case' }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await screenshot(page, 'test-cases-phone');
    await page.close();
  });
});

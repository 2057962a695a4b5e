/**
 * The set-up screens in a real browser against the embedded default (demo seed): Chat
 * Widgets, Sources (knowledge, Purchase AI, intents, historical tickets) and Admin, as an
 * editor, a viewer and a platform admin see them.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityProblems } from './support/accessibility';
import { launchBrowser, screenshot, signIn, type DemoAccount } from './support/browser';
import { startWebPlatform, type WebPlatform } from './support/web-platform';

jest.setTimeout(300_000);

const ACME_EDITOR: DemoAccount = { tenant: 'acme', user: 'erin.editor', role: 'editor' };
const ACME_VIEWER: DemoAccount = { tenant: 'acme', user: 'victor.viewer', role: 'viewer' };
const GLOBEX_EDITOR: DemoAccount = { tenant: 'globex', user: 'gina.editor', role: 'editor' };
const PLATFORM_ADMIN: DemoAccount = { tenant: 'platform', user: 'pat.platform', role: 'platform-admin' };

/** Names unique to this run, so nothing seeded or left by another run can make a check pass. */
const stamp = Date.now().toString(36);

describe('web app: chat widgets, sources and admin', () => {
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

  async function pageAs(account: DemoAccount, path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await signIn(page, web.webUrl, account);
    await page.goto(`${web.webUrl}${path}`);
    return page;
  }

  /** Waits until the locator's text matches, then returns it (fails with the last text seen). */
  async function textOf(locator: Locator, pattern: RegExp): Promise<string> {
    await locator.filter({ hasText: pattern }).first().waitFor();
    return (await locator.filter({ hasText: pattern }).first().textContent()) ?? '';
  }

  /** The form field (label, hint, control, error) whose control is labelled `label`. */
  function fieldOf(page: Page, label: string): Locator {
    return page.locator('.field').filter({ has: page.getByLabel(label) });
  }

  describe('Chat Widgets', () => {
    it('refuses an HTTP widget whose URL is a private address, under the URL field', async () => {
      const page = await pageAs(ACME_EDITOR, '/widgets');
      await page.getByRole('button', { name: 'New Chat Widget' }).click();
      const dialog = page.getByRole('dialog', { name: 'New Chat Widget' });
      await dialog.getByLabel('Name').fill(`Internal agent ${stamp}`);
      await dialog.getByRole('radio', { name: /HTTP webhook/ }).check();
      await dialog.getByLabel('Webhook URL').fill('http://10.0.0.5/hook');
      await dialog.getByRole('button', { name: 'Create chat widget' }).click();

      const urlField = fieldOf(page, 'Webhook URL');
      await expect(textOf(urlField.locator('.field-error'), /not allowed/)).resolves.toMatch(/url is not allowed/);
      await expect(dialog.getByLabel('Webhook URL').getAttribute('aria-invalid')).resolves.toBe('true');
      await screenshot(page, 'widget-form');

      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('cell', { name: 'Demo Store Assistant', exact: true }).waitFor();
      await expect(page.getByText(`Internal agent ${stamp}`).count()).resolves.toBe(0);
      await page.close();
    });

    it('creates an HTTP widget with write-only secrets, edits it, and shows why a test call failed', async () => {
      const page = await pageAs(ACME_EDITOR, '/widgets');
      const name = `Support webhook ${stamp}`;
      await page.getByRole('button', { name: 'New Chat Widget' }).click();
      const form = page.getByRole('dialog', { name: 'New Chat Widget' });
      await form.getByLabel('Name').fill(name);
      await form.getByRole('radio', { name: /HTTP webhook/ }).check();
      // .invalid never resolves (RFC 6761): saved, but a call cannot reach it.
      await form.getByLabel('Webhook URL').fill('https://agent.example.invalid/hook');
      await form.getByLabel('Timeout (ms)').fill('2000');
      await form.getByLabel('API key').fill('sk-e2e-never-shown');
      await form.getByLabel('Signing secret').fill('whsec-e2e-never-shown');
      await form.getByRole('button', { name: 'Create chat widget' }).click();

      const row = page.getByTestId('widget-row').filter({ hasText: name });
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(/HTTP webhook.*https:\/\/agent\.example\.invalid\/hook.*API key stored.*Signing secret stored/);
      await expect(page.content()).resolves.not.toContain('never-shown');

      await row.getByRole('button', { name: `Actions for ${name}` }).click();
      await page.getByRole('menuitem', { name: 'Edit' }).click();
      const edit = page.getByRole('dialog', { name: `Edit ${name}` });
      await expect(edit.getByRole('group', { name: 'API key' }).textContent()).resolves.toContain('Stored');
      await expect(edit.locator('input[type="password"]').count()).resolves.toBe(0);
      await edit.getByLabel('Name').fill(`${name} v2`);
      await edit.getByRole('button', { name: 'Save changes' }).click();
      const edited = page.getByTestId('widget-row').filter({ hasText: `${name} v2` });
      await edited.waitFor();
      await expect(edited.textContent()).resolves.toContain('API key stored');
      await screenshot(page, 'chat-widgets');

      await edited.getByRole('button', { name: `Actions for ${name} v2` }).click();
      await page.getByRole('menuitem', { name: 'Test connection' }).click();
      const test = page.getByRole('dialog', { name: `Test connection: ${name} v2` });
      await test.getByLabel('Message').fill('Hello?');
      await test.getByRole('button', { name: 'Send test message' }).click();
      await expect(textOf(test.getByRole('alert'), /could not be reached/)).resolves.toMatch(/agent\.example\.invalid|resolve|ENOTFOUND/i);
      await page.close();
    });

    it('"Test connection" on the seeded Demo Store Assistant shows the demo agent\'s reply', async () => {
      const page = await pageAs(ACME_EDITOR, '/widgets');
      const row = page.getByTestId('widget-row').filter({ hasText: 'Demo Store Assistant' });
      await expect(row.textContent()).resolves.toContain('Demo');
      await row.getByRole('button', { name: 'Actions for Demo Store Assistant' }).click();
      await page.getByRole('menuitem', { name: 'Test connection' }).click();
      const dialog = page.getByRole('dialog', { name: 'Test connection: Demo Store Assistant' });
      await dialog.getByLabel('Message').fill('Where is my order DG-882341?');
      await dialog.getByRole('button', { name: 'Send test message' }).click();
      const answer = await textOf(dialog.getByTestId('widget-test-result'), /Connected/);
      expect(answer).toMatch(/Your order DG-882341 has shipped with Royal Mail/);
      await page.close();
    });
  });

  describe('Sources', () => {
    it('keeps the tab in the URL and, in Knowledge, creates a collection and adds a document to it', async () => {
      const page = await pageAs(ACME_EDITOR, '/sources');
      await expect(page.getByRole('tab', { name: 'Knowledge' }).getAttribute('aria-selected')).resolves.toBe('true');
      await page.getByRole('tab', { name: 'Intents' }).click();
      await page.waitForURL(/tab=intents/);
      await page.getByRole('tab', { name: 'Knowledge' }).click();
      await page.waitForURL(/tab=knowledge/);

      const name = `Warranty articles ${stamp}`;
      await page.getByRole('button', { name: 'New collection' }).click();
      await page.getByRole('dialog', { name: 'New knowledge collection' }).getByLabel('Collection name').fill(name);
      await page.getByRole('button', { name: 'Create collection' }).click();
      const row = page.getByTestId('knowledge-collection-row').filter({ hasText: name });
      await expect(textOf(row.getByTestId('document-count'), /^0$/)).resolves.toBe('0');

      await page.getByRole('heading', { name: `Documents in ${name}` }).waitFor();
      await page.getByRole('button', { name: 'Add document' }).click();
      const dialog = page.getByRole('dialog', { name: `Add document to ${name}` });
      await dialog.getByLabel('Title').fill('Warranty claims');
      await dialog.getByLabel('Format').selectOption('MARKDOWN');
      await dialog.getByLabel('Content').fill('# Warranty claims\n\nEvery item has a two-year warranty. Send a photo of the fault and the order number.');
      await dialog.getByRole('button', { name: 'Add document' }).click();

      await expect(textOf(row.getByTestId('document-count'), /^1$/)).resolves.toBe('1');
      const documentRow = page.getByRole('row').filter({ hasText: 'Warranty claims' });
      await expect(documentRow.textContent()).resolves.toMatch(/Markdown\s*1/);
      await screenshot(page, 'sources-knowledge');
      await page.close();
    });

    it('imports Purchase AI items from CSV and browses them', async () => {
      const page = await pageAs(ACME_EDITOR, '/sources?tab=pai');
      const name = `Spare parts ${stamp}`;
      await page.getByRole('button', { name: 'New collection' }).click();
      await page.getByRole('dialog', { name: 'New Purchase AI collection' }).getByLabel('Collection name').fill(name);
      await page.getByRole('button', { name: 'Create collection' }).click();
      await page.getByRole('heading', { name: `Items in ${name}` }).waitFor();
      await page.getByRole('button', { name: 'Import items' }).click();
      const dialog = page.getByRole('dialog', { name: `Import items into ${name}` });
      await dialog.getByRole('radio', { name: 'CSV' }).check();
      await dialog.getByLabel('File content').fill('sku,name,price\nSP-1,Replacement lace,4.00 EUR\nSP-2,Insole,12.00 EUR\n');
      await dialog.getByRole('button', { name: 'Import items' }).click();
      const row = page.getByTestId('pai-collection-row').filter({ hasText: name });
      await expect(textOf(row.getByTestId('item-count'), /^2$/)).resolves.toBe('2');
      await expect(textOf(page.locator('table').filter({ hasText: 'Replacement lace' }), /Insole/)).resolves.toMatch(/Product/);
      await page.close();
    });

    it('imports tickets all or nothing: a bad row is reported and nothing imported, then a good file is, and filters by channel', async () => {
      const page = await pageAs(ACME_EDITOR, '/sources?tab=tickets');
      await expect(page.getByRole('tab', { name: 'Historical Tickets' }).getAttribute('aria-selected')).resolves.toBe('true');
      const pager = page.getByRole('navigation', { name: 'Tickets pages' }).getByTestId('pager-summary');
      const totalBefore = await textOf(pager, /of \d+/);

      const channel = `sms-${stamp}`;
      const ticket = (id: string, csat: number) => ({
        externalId: `E2E-${stamp}-${id}`,
        channel,
        createdAt: '2026-11-18T09:30:00Z',
        tags: ['e2e'],
        intent: 'Returns :: Damaged Item',
        csat,
        resolution: 'Replacement sent',
        turns: [
          { role: 'CUSTOMER', text: 'My kettle arrived broken, write to jo.bloggs@example.com' },
          { role: 'AGENT', text: 'Sorry! A replacement is on its way.' },
        ],
      });

      await page.getByRole('button', { name: 'Import tickets' }).click();
      let dialog = page.getByRole('dialog', { name: 'Import tickets' });
      await dialog.getByLabel('File content').fill(JSON.stringify([ticket('1', 5), ticket('2', 9)], null, 2));
      await dialog.getByRole('button', { name: 'Import tickets' }).click();
      const problems = await textOf(dialog.getByTestId('import-problems'), /Nothing was imported/);
      expect(problems).toMatch(/Row 2.*csat.*csat must be a whole number from 1 to 5/);
      expect(problems).not.toMatch(/Row 1/);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await page.reload();
      await expect(textOf(pager, /of \d+/)).resolves.toBe(totalBefore);

      await page.getByRole('button', { name: 'Import tickets' }).click();
      dialog = page.getByRole('dialog', { name: 'Import tickets' });
      await dialog.getByRole('radio', { name: 'CSV' }).check();
      const csvTurns = JSON.stringify(ticket('x', 1).turns).replace(/"/g, '""');
      await dialog
        .getByLabel('File content')
        .fill(
          [
            'externalId,channel,createdAt,tags,intent,csat,resolution,turns',
            `E2E-${stamp}-3,${channel},2026-11-18T09:30:00Z,e2e;damaged,Returns :: Damaged Item,2,Replacement sent,"${csvTurns}"`,
            `E2E-${stamp}-4,${channel},2026-11-19T10:00:00Z,e2e,Returns :: Damaged Item,4,Refunded,"${csvTurns}"`,
          ].join('\n'),
        );
      await dialog.getByRole('button', { name: 'Import tickets' }).click();
      await expect(textOf(page.getByRole('status'), /Imported/)).resolves.toContain('Imported 2 tickets');

      await page.locator('summary', { hasText: 'Channel' }).click();
      await page.getByRole('checkbox', { name: channel }).check();
      await expect(textOf(pager, /of 2$/)).resolves.toBe('1–2 of 2');
      const channels = await page.getByTestId('ticket-channel').allTextContents();
      expect(channels).toEqual([channel, channel]);
      await screenshot(page, 'sources-tickets');

      await page.getByRole('button', { name: `E2E-${stamp}-4` }).click();
      const drawer = page.getByRole('dialog', { name: `Ticket E2E-${stamp}-4` });
      const transcript = await textOf(drawer.getByRole('list', { name: /Conversation/ }), /kettle/);
      expect(transcript).toContain('write to [email]');
      expect(transcript).not.toContain('jo.bloggs@example.com');
      await page.close();
    });

    it('creates an intent with its example messages', async () => {
      const page = await pageAs(ACME_EDITOR, '/sources?tab=intents');
      const name = `Warranty :: Claim ${stamp}`;
      await page.getByRole('button', { name: 'New intent' }).click();
      const dialog = page.getByRole('dialog', { name: 'New intent' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByLabel('Description').fill('A product broke within its warranty.');
      await dialog.getByLabel('Example messages').fill('My boots split after a month\nIs this covered by warranty?');
      await dialog.getByRole('button', { name: 'Create intent' }).click();
      const row = page.getByTestId('intent-row').filter({ hasText: name });
      await expect(textOf(row, /covered by warranty/)).resolves.toContain('My boots split after a month');
      await page.close();
    });

    it('shows a 390px-wide phone the tickets without the page scrolling sideways', async () => {
      const page = await pageAs(ACME_EDITOR, '/sources?tab=tickets', { width: 390, height: 844 });
      await page.getByTestId('ticket-row').first().waitFor();
      await screenshot(page, 'sources-phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });
  });

  describe('what a viewer is offered', () => {
    it('shows a viewer the widgets and sources with no create, import or delete actions', async () => {
      const page = await pageAs(ACME_VIEWER, '/widgets');
      await page.getByRole('cell', { name: 'Demo Store Assistant', exact: true }).waitFor();
      await expect(page.getByRole('button', { name: 'New Chat Widget' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: /^Actions for/ }).count()).resolves.toBe(0);
      await expect(page.getByText('You have read-only access').count()).resolves.toBe(1);

      const checks: [string, string, RegExp][] = [
        ['knowledge', 'Demo Store Help Centre', /New collection|Add document|Remove|Actions for/],
        ['pai', 'Demo Store Catalog', /New collection|Import items|Actions for/],
        ['intents', 'Order Status :: Late Delivery', /New intent|Delete/],
        ['tickets', 'ZD-40100', /Import tickets/],
      ];
      for (const [tab, seeded, writeActions] of checks) {
        await page.goto(`${web.webUrl}/sources?tab=${tab}`);
        await page.getByText(seeded).first().waitFor();
        await expect(page.getByRole('button', { name: writeActions }).count()).resolves.toBe(0);
      }
      await page.close();
    });
  });

  describe('accessibility', () => {
    it('has no serious or critical WCAG 2.1 AA problems on the set-up screens and their forms', async () => {
      const problems: Record<string, unknown[]> = {};
      const check = async (page: Page, name: string) => {
        const found = await accessibilityProblems(page);
        if (found.length) problems[name] = found;
      };
      const editor = await pageAs(ACME_EDITOR, '/widgets');
      await editor.getByRole('cell', { name: 'Demo Store Assistant', exact: true }).waitFor();
      await check(editor, 'widgets');
      await editor.getByRole('button', { name: 'New Chat Widget' }).click();
      await editor.getByRole('dialog', { name: 'New Chat Widget' }).waitFor();
      await check(editor, 'widget form');
      for (const [tab, seeded] of [
        ['knowledge', 'Demo Store Help Centre'],
        ['pai', 'Demo Store Catalog'],
        ['intents', 'Order Status :: Late Delivery'],
        ['tickets', 'ZD-40100'],
      ]) {
        await editor.goto(`${web.webUrl}/sources?tab=${tab}`);
        await editor.getByText(seeded).first().waitFor();
        await check(editor, `sources ${tab}`);
      }
      await editor.getByRole('button', { name: 'Import tickets' }).click();
      await editor.getByRole('dialog', { name: 'Import tickets' }).waitFor();
      await check(editor, 'ticket import');
      await editor.close();

      const admin = await pageAs(PLATFORM_ADMIN, '/admin');
      await admin.getByTestId('tenant-row-acme').waitFor();
      await check(admin, 'admin');
      await admin.getByRole('button', { name: 'Edit settings of Acme Outdoor Store' }).click();
      await admin.getByRole('dialog', { name: 'Settings of Acme Outdoor Store' }).waitFor();
      await check(admin, 'tenant settings');
      await admin.close();
      expect(problems).toEqual({});
    });
  });

  describe('Admin', () => {
    it('tells an acme editor that Admin needs the platform admin role, and lists no tenants', async () => {
      const page = await pageAs(ACME_EDITOR, '/admin');
      await page.getByRole('heading', { name: 'You need the platform admin role' }).waitFor();
      await expect(page.getByRole('table').count()).resolves.toBe(0);
      await page.close();
    });

    it('lets a platform admin switch Conversation Simulations off for globex, set a limit, and switch it on again', async () => {
      const admin = await pageAs(PLATFORM_ADMIN, '/admin');
      const acme = admin.getByTestId('tenant-row-acme');
      await expect(textOf(acme, /Acme Outdoor Store/)).resolves.toMatch(/acme/);
      const globex = admin.getByTestId('tenant-row-globex');
      await expect(globex.getByTestId('tenant-simulations').textContent()).resolves.toBe('On');

      await globex.getByRole('button', { name: 'Edit settings of Globex Corporation' }).click();
      let dialog = admin.getByRole('dialog', { name: 'Settings of Globex Corporation' });
      const simulations = dialog.getByRole('switch', { name: 'Conversation Simulations' });
      await expect(simulations.getAttribute('aria-checked')).resolves.toBe('true');
      await simulations.click();
      await expect(simulations.getAttribute('aria-checked')).resolves.toBe('false');
      await dialog.getByLabel('Max active runs').fill('500');
      await dialog.getByRole('button', { name: 'Save settings' }).click();
      await expect(textOf(fieldOf(admin, 'Max active runs').locator('.field-error'), /maxActiveRuns/)).resolves.toMatch(/maxActiveRuns must be a whole number from 0 to 100/);
      await screenshot(admin, 'admin-settings');
      await dialog.getByLabel('Max active runs').fill('2');
      await dialog.getByRole('button', { name: 'Save settings' }).click();
      await expect(textOf(globex.getByTestId('tenant-simulations'), /Off/)).resolves.toBe('Off');
      await expect(globex.getByTestId('tenant-max-active-runs').textContent()).resolves.toBe('2');
      await screenshot(admin, 'admin');

      const gina = await pageAs(GLOBEX_EDITOR, '/test-cases');
      await gina.getByRole('heading', { name: /Conversation Simulations is off/ }).waitFor();
      await gina.close();

      await globex.getByRole('button', { name: 'Edit settings of Globex Corporation' }).click();
      dialog = admin.getByRole('dialog', { name: 'Settings of Globex Corporation' });
      await dialog.getByRole('switch', { name: 'Conversation Simulations' }).click();
      await dialog.getByRole('button', { name: 'Save settings' }).click();
      await expect(textOf(globex.getByTestId('tenant-simulations'), /On/)).resolves.toBe('On');
      await admin.close();

      const ginaAgain = await pageAs(GLOBEX_EDITOR, '/test-cases');
      await ginaAgain.getByRole('heading', { name: 'Test Cases', level: 1 }).waitFor();
      // The notice appears once the tenant's settings have arrived: wait for them before looking.
      await ginaAgain.waitForLoadState('networkidle');
      await expect(ginaAgain.getByRole('heading', { name: /Conversation Simulations is off/ }).count()).resolves.toBe(0);
      await ginaAgain.close();
    });
  });
});

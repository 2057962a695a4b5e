/**
 * The Test Runs area in a real browser (Debian's Chromium through playwright-core) against the
 * embedded default with its demo seed: following a run live, reading its results and a case's
 * conversation and verdict, its configuration, rerunning, sharing, cancelling, filtering the
 * run history, and what another tenant and a viewer are (not) shown.
 *
 * Runs are started through the GraphQL API, as the Test Cases page would. To watch a run while
 * it is in progress, its agent is a webhook that holds every answer until the test lets it go.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityProblems } from './support/accessibility';
import { launchBrowser, screenshot, signIn, type DemoAccount } from './support/browser';
import { eventually } from './support/eventually';
import { callerFor, type Caller } from './support/graphql-client';
import { startWhenProjected } from './support/start-run';
import { startWebPlatform, type WebPlatform } from './support/web-platform';

jest.setTimeout(300_000);

const ACME_EDITOR: DemoAccount = { tenant: 'acme', user: 'erin.editor', role: 'editor' };
const ACME_ADMIN: DemoAccount = { tenant: 'acme', user: 'alex.admin', role: 'admin' };
const ACME_VIEWER: DemoAccount = { tenant: 'acme', user: 'victor.viewer', role: 'viewer' };
const GLOBEX_EDITOR: DemoAccount = { tenant: 'globex', user: 'gina.editor', role: 'editor' };

/** A word unique to this test run, so nothing else can make a search or filter check pass. */
const stamp = `zr${Date.now().toString(36)}`;
const DEMO_RUN = `Demo regression ${stamp}`;
const LIVE_RUN = `Live order checks ${stamp}`;
const HELD_RUN = `Held run ${stamp}`;
const FINISHED = ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'];

interface HeldAgent {
  url: string;
  /** Answers every waiting message, and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A support agent behind the HTTP webhook connector that asks for the order number at once
 * (so each case gets going: Running) and then holds every later answer until released.
 */
async function startHeldAgent(): Promise<HeldAgent> {
  let released = false;
  const waiting: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const call = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { conversationId: string; turn: number };
      const reply = (message: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ messages: [message] }));
      };
      const trackingLink = () => reply(`Your order ships today. Track it here: https://track.example.com/${call.conversationId.slice(0, 8)}`);
      if (call.turn === 1) reply('Could you give me your order number?');
      else if (released) trackingLink();
      else waiting.push(trackingLink);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/agent`,
    release() {
      released = true;
      for (const answer of waiting.splice(0)) answer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('web app: test runs', () => {
  let web: WebPlatform;
  let browser: Browser;
  let acme: Caller;
  let liveAgent: HeldAgent;
  let heldAgent: HeldAgent;
  let demoWidgetId: string;
  let caseIds: string[];
  let demoRunId: string;
  let heldRunId: string;

  beforeAll(async () => {
    // The held agents listen on loopback, which only the operator's allow-list admits.
    process.env.AGENT_URL_ALLOWLIST = '127.0.0.1';
    web = await startWebPlatform();
    browser = await launchBrowser();
    acme = await callerFor(web.platform.gateway.url, web.platform.jwtSecret, 'acme', 'erin.editor', ['editor']);
    liveAgent = await startHeldAgent();
    heldAgent = await startHeldAgent();

    const widgets = await acme('{ chatWidgets { id name } }');
    demoWidgetId = widgets.data!.chatWidgets.find((w: { name: string }) => w.name === 'Demo Store Assistant').id;
    const cases = await acme('{ testCases(first: 4) { edges { node { id } } } }');
    caseIds = cases.data!.testCases.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(caseIds).toHaveLength(4);

    // A finished run of four seeded cases on the demo store agent.
    demoRunId = await startRun({ name: DEMO_RUN, widgetId: demoWidgetId, testCaseIds: caseIds, chatUrl: 'https://shop.example.com/orders', metadata: { plan: 'gold' } });
    const finished = await eventually(
      () => acme('query($id: ID!) { testRun(id: $id) { status } }', { id: demoRunId }),
      (result) => FINISHED.includes(result.data?.testRun?.status),
      30_000,
    );
    expect(finished.data!.testRun.status).toMatch(/^COMPLETED/);

    // A run that stays in progress until it is cancelled: its agent never answers.
    const heldWidgetId = await createWidget(`Held agent ${stamp}`, heldAgent.url);
    heldRunId = await startRun({ name: HELD_RUN, widgetId: heldWidgetId, testCaseIds: caseIds.slice(0, 2) });
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await liveAgent?.close();
    await heldAgent?.close();
  });

  /** Each run's widget was created (or seeded) a moment before: its snapshot reaches the orchestrator soon after. */
  async function startRun(input: Record<string, unknown>): Promise<string> {
    const started = await startWhenProjected(acme, input);
    expect(started.errors).toBeUndefined();
    return started.data!.startTestRun.id;
  }

  async function createWidget(name: string, url: string): Promise<string> {
    const created = await acme('mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }', {
      input: { name, connector: 'HTTP', url, timeoutMs: 120_000 },
    });
    expect(created.errors).toBeUndefined();
    return created.data!.createChatWidget.id;
  }

  async function pageAs(account: DemoAccount, path: string, options: { viewport?: { width: number; height: number }; clipboard?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
      permissions: options.clipboard ? ['clipboard-read', 'clipboard-write'] : [],
    });
    const page = await context.newPage();
    await signIn(page, web.webUrl, account);
    await page.goto(`${web.webUrl}${path}`);
    return page;
  }

  const closePage = (page: Page) => page.context().close();
  const caseRows = (page: Page) => page.getByTestId('case-row');
  const runRows = (page: Page) => page.getByTestId('run-row');
  const runRow = (page: Page, name: string) => runRows(page).filter({ has: page.getByRole('link', { name, exact: true }) });
  const headerStatus = (page: Page) => page.locator('.page-header').getByTestId('run-status');

  /** What each case row says about its case: its status until scored, then its score and band. */
  async function caseResults(page: Page): Promise<{ status: string | null; score: string | null; band: string | null }[]> {
    // Runs in the browser; e2e is compiled without the DOM types, hence `any`.
    return caseRows(page).evaluateAll((rows: any[]) =>
      rows.map((row) => ({
        status: row.querySelector('[data-testid="case-status"]')?.textContent ?? null,
        score: row.querySelector('[data-testid="case-score"]')?.textContent ?? null,
        band: row.querySelector('[data-testid="case-band"]')?.textContent ?? null,
      })),
    );
  }

  /** The names of the runs the list shows once `accept` holds (or when time runs out). */
  async function listedRuns(page: Page, accept: (names: string[]) => boolean): Promise<string[]> {
    return eventually(() => runRows(page).getByRole('link').allTextContents(), accept, 15_000);
  }

  async function clipboardText(page: Page): Promise<string> {
    return page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>);
  }

  async function waitForText(locator: Locator, expected: RegExp, timeoutMs = 15_000): Promise<string> {
    return eventually(async () => (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : '', (text) => expected.test(text), timeoutMs);
  }

  it('shows cases move from waiting to scored, and the run to Completed in the list, without a reload', async () => {
    const liveWidgetId = await createWidget(`Live agent ${stamp}`, liveAgent.url);
    const runId = await startRun({ name: LIVE_RUN, widgetId: liveWidgetId, testCaseIds: caseIds.slice(0, 3) });
    const page = await pageAs(ACME_EDITOR, `/runs/${runId}`);
    await expect(waitForText(page.getByRole('heading', { level: 1 }), new RegExp(LIVE_RUN))).resolves.toBe(LIVE_RUN);

    // The agent holds its answers: every case waits or talks, none can be opened yet.
    const waiting = await eventually(() => caseResults(page), (rows) => rows.length === 3 && rows.some((r) => r.status === 'Running'), 20_000);
    for (const row of waiting) expect(['Not Started', 'Running']).toContain(row.status);
    expect(waiting.map((r) => r.status)).toContain('Running');
    expect(waiting.map((r) => r.band)).toEqual([null, null, null]);
    await expect(headerStatus(page).textContent()).resolves.toMatch(/^(Queued|Running)$/);
    await expect(page.getByTestId('passed-of-total').textContent()).resolves.toBe('0 of 3 passed');
    const runningRow = caseRows(page).filter({ has: page.getByTestId('case-status').filter({ hasText: /^Running$/ }) }).first();
    await expect(runningRow.textContent()).resolves.toContain('opens once it is scored');
    await expect(runningRow.getByRole('button').count()).resolves.toBe(0);

    await screenshot(page, 'test-run-in-progress');

    // The run history, open at the same time, shows the run as active too.
    const list = await page.context().newPage();
    await list.goto(`${web.webUrl}/runs`);
    await listedRuns(list, (names) => names.includes(LIVE_RUN));
    await expect(runRow(list, LIVE_RUN).getByTestId('run-status').textContent()).resolves.toMatch(/^(Queued|Running)$/);

    // Marks both documents: a reload would lose the mark.
    for (const open of [page, list]) await open.evaluate(() => ((globalThis as any).stillTheSamePage = true));
    liveAgent.release();

    const scored = await eventually(() => caseResults(page), (rows) => rows.length === 3 && rows.every((r) => r.band !== null), 40_000);
    expect(scored.every((r) => /^\d+%$/.test(r.score ?? ''))).toBe(true);
    await expect(waitForText(headerStatus(page), /^Completed/)).resolves.toMatch(/^Completed/);
    const passed = scored.filter((r) => r.band === 'Passed').length;
    await expect(page.getByTestId('passed-of-total').textContent()).resolves.toBe(`${passed} of 3 passed`);
    await expect(waitForText(runRow(list, LIVE_RUN).getByTestId('run-status'), /^Completed/)).resolves.toMatch(/^Completed/);
    for (const open of [page, list]) await expect(open.evaluate(() => (globalThis as any).stillTheSamePage as boolean | undefined)).resolves.toBe(true);
    await closePage(page);
  });

  it('shows the pass rate as passed of all cases, agreeing with the bands of the cases listed', async () => {
    const page = await pageAs(ACME_EDITOR, `/runs/${demoRunId}`);
    const rows = await eventually(() => caseResults(page), (list) => list.length === 4 && list.every((r) => r.band !== null), 15_000);
    const count = (band: string) => rows.filter((r) => r.band === band).length;
    const passed = count('Passed');

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(DEMO_RUN);
    await expect(headerStatus(page).textContent()).resolves.toMatch(/^Completed/);
    await expect(page.getByTestId('passed-of-total').textContent()).resolves.toBe(`${passed} of 4 passed`);
    await expect(page.getByTestId('pass-rate').textContent()).resolves.toBe(`${Math.round((passed / 4) * 1000) / 10}%`);
    await expect(page.getByTestId('count-needs-attention').textContent()).resolves.toBe(String(count('Needs Attention')));
    await expect(page.getByTestId('count-failed').textContent()).resolves.toBe(String(count('Failed')));
    // The score distribution says the same in words for screen readers.
    await expect(page.getByTestId('score-distribution').getAttribute('aria-label')).resolves.toContain(`${passed} Passed (80–100%)`);
    for (const row of rows) expect(['Passed', 'Needs Attention', 'Failed']).toContain(row.band);

    await screenshot(page, 'test-run-results');
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await closePage(page);
  });

  it('opens a scored case on the conversation panel: the transcript and why it got its score', async () => {
    const page = await pageAs(ACME_EDITOR, `/runs/${demoRunId}`);
    await eventually(() => caseResults(page), (list) => list.length === 4 && list.every((r) => r.band !== null), 15_000);
    const row = caseRows(page).first();
    const name = (await row.getByRole('button').textContent())!;
    const score = (await row.getByTestId('case-score').textContent())!;

    // A click anywhere on the row opens it.
    await row.getByTestId('case-score').click();
    const panel = page.getByRole('dialog', { name });
    await panel.getByTestId('conversation-panel').waitFor();
    await expect(panel.getByRole('heading', { name: 'Transcript' }).count()).resolves.toBe(1);
    const turns = await panel.getByTestId('turn').allTextContents();
    expect(turns.length).toBeGreaterThanOrEqual(2);
    expect(turns[0]).toMatch(/^Customer · Turn 1 · \d\d:\d\d:\d\d/);
    expect(turns.some((turn) => /^Agent · Turn \d+/.test(turn))).toBe(true);

    await expect(panel.getByRole('heading', { name: 'Why this score?' }).count()).resolves.toBe(1);
    await expect(panel.locator('.why-score-result').textContent()).resolves.toContain(score);
    await expect(panel.getByTestId('evaluation-summary').textContent()).resolves.toMatch(/\S/);
    await expect(panel.getByText(/^Judged by offline-rules\//).count()).resolves.toBe(1);
    const verdicts = await panel.getByTestId('criterion').allTextContents();
    expect(verdicts.length).toBeGreaterThanOrEqual(1);
    for (const verdict of verdicts) expect(verdict).toMatch(/^(Met|Not met)(User|Agent) criterion\d+%/);

    await screenshot(page, 'conversation-panel');
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    // Escape closes it; the case's name button opens the next one from the keyboard.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    const second = caseRows(page).nth(1).getByRole('button');
    const secondName = (await second.textContent())!;
    await second.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: secondName }).getByTestId('conversation-panel').waitFor();
    await closePage(page);
  });

  it('shows the run configuration: the widget, chat URL, metadata and who ran it', async () => {
    const page = await pageAs(ACME_EDITOR, `/runs/${demoRunId}`);
    await page.getByRole('tab', { name: 'Configuration Details' }).click();
    const details = page.getByTestId('run-configuration');
    await details.waitFor();
    const text = (await details.textContent())!;
    expect(text).toContain('Demo Store Assistant');
    expect(text).toContain('https://shop.example.com/orders');
    expect(text).toContain('"plan": "gold"');
    await expect(page.getByTestId('run-by').textContent()).resolves.toBe('erin.editor');
    await screenshot(page, 'configuration-details');
    await closePage(page);
  });

  it('reruns a run into a new run page named "(rerun)" that links back to the original', async () => {
    const page = await pageAs(ACME_EDITOR, `/runs/${demoRunId}`);
    await page.getByRole('button', { name: 'Rerun Test' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/runs/') && !url.pathname.endsWith(demoRunId));
    await expect(waitForText(page.getByRole('heading', { level: 1 }), /\(rerun\)$/)).resolves.toBe(`${DEMO_RUN} (rerun)`);
    await page.getByRole('tab', { name: 'Configuration Details' }).click();
    await expect(page.getByTestId('run-configuration').getByRole('link', { name: DEMO_RUN }).getAttribute('href')).resolves.toBe(`/runs/${demoRunId}`);
    await closePage(page);
  });

  it('copies a run’s share link, and the link opens the same run for someone else of the tenant', async () => {
    const page = await pageAs(ACME_EDITOR, '/runs', { clipboard: true });
    await listedRuns(page, (names) => names.includes(DEMO_RUN));
    await runRow(page, DEMO_RUN).getByRole('button', { name: `Actions for ${DEMO_RUN}` }).click();
    await page.getByRole('menuitem', { name: 'Copy Share Link' }).click();
    await waitForText(page.locator('.toast'), /Share link copied/);
    const link = await clipboardText(page);
    expect(link).toBe(`${web.webUrl}/runs/${demoRunId}`);

    // The results page's Share Link copies the same address.
    await page.evaluate(() => (globalThis as any).navigator.clipboard.writeText(''));
    await page.goto(link);
    await page.getByRole('button', { name: 'Share Link' }).click();
    await expect(eventually(() => clipboardText(page), (text) => text !== '')).resolves.toBe(link);
    await closePage(page);

    const colleague = await pageAs(ACME_ADMIN, '/runs');
    await colleague.goto(link);
    await expect(waitForText(colleague.getByRole('heading', { level: 1 }), new RegExp(DEMO_RUN))).resolves.toBe(DEMO_RUN);
    await closePage(colleague);
  });

  it('tells another tenant’s user the run is not found', async () => {
    const page = await pageAs(GLOBEX_EDITOR, `/runs/${demoRunId}`);
    await expect(waitForText(page.getByRole('heading', { level: 1 }), /not found/)).resolves.toBe('Run not found');
    await expect(page.getByText(DEMO_RUN).count()).resolves.toBe(0);
    await closePage(page);
  });

  it('offers a viewer the share link but no rerun or cancel', async () => {
    const page = await pageAs(ACME_VIEWER, `/runs/${heldRunId}`);
    await waitForText(page.getByRole('heading', { level: 1 }), new RegExp(HELD_RUN));
    await expect(headerStatus(page).textContent()).resolves.toMatch(/^(Queued|Running)$/);
    await expect(page.getByRole('button', { name: 'Share Link' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Rerun Test' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Cancel Run' }).count()).resolves.toBe(0);

    await page.goto(`${web.webUrl}/runs`);
    await listedRuns(page, (names) => names.includes(HELD_RUN));
    await runRow(page, HELD_RUN).getByRole('button', { name: `Actions for ${HELD_RUN}` }).click();
    await expect(page.getByRole('menuitem').allTextContents()).resolves.toEqual(['Copy Share Link']);
    await closePage(page);
  });

  it('cancels a run in progress: its unfinished cases are Skipped and say why they cannot be opened', async () => {
    const page = await pageAs(ACME_EDITOR, `/runs/${heldRunId}`);
    await waitForText(headerStatus(page), /^(Queued|Running)$/);
    await page.getByRole('button', { name: 'Cancel Run' }).click();
    const confirm = page.getByRole('dialog', { name: 'Cancel this run?' });
    await confirm.getByRole('button', { name: 'Cancel Run' }).click();

    await expect(waitForText(headerStatus(page), /^Cancelled$/)).resolves.toBe('Cancelled');
    const rows = await eventually(() => caseResults(page), (list) => list.length === 2 && list.every((r) => r.status === 'Skipped'));
    expect(rows.map((r) => r.status)).toEqual(['Skipped', 'Skipped']);
    await expect(caseRows(page).first().textContent()).resolves.toContain('nothing to review');
    await expect(caseRows(page).getByRole('button').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Cancel Run' }).count()).resolves.toBe(0);
    await closePage(page);
  });

  it('filters the run history by status, widget and name, keeping the filters in the address', async () => {
    const page = await pageAs(ACME_EDITOR, '/runs');
    await listedRuns(page, (names) => names.includes(DEMO_RUN) && names.includes(LIVE_RUN) && names.includes(HELD_RUN));

    await page.getByText('Status: All').click();
    await page.getByRole('checkbox', { name: 'Cancelled', exact: true }).check();
    await page.waitForURL(/status=CANCELLED/);
    const cancelled = await listedRuns(page, (names) => names.length > 0 && !names.includes(DEMO_RUN));
    expect(cancelled).toContain(HELD_RUN);
    const statuses = await runRows(page).getByTestId('run-status').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['Cancelled']));
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await listedRuns(page, (names) => names.includes(DEMO_RUN));

    await page.getByLabel('Widget').selectOption({ label: 'Demo Store Assistant' });
    await page.waitForURL(new RegExp(`widget=${demoWidgetId}`));
    const demoRuns = await listedRuns(page, (names) => names.includes(DEMO_RUN) && !names.includes(LIVE_RUN));
    expect(demoRuns).not.toContain(HELD_RUN);
    const widgetsShown = await runRows(page).locator('td:nth-child(2)').allTextContents();
    expect(new Set(widgetsShown)).toEqual(new Set(['Demo Store Assistant']));
    // One widget chosen: its pass-rate trend is drawn, with a summary in words.
    await expect(page.getByTestId('pass-rate-trend').getAttribute('aria-label')).resolves.toMatch(/^Pass rate of Demo Store Assistant/);
    await screenshot(page, 'test-runs');
    await expect(accessibilityProblems(page)).resolves.toEqual([]);

    // The filter survives a reload, and the search narrows it further.
    await page.reload();
    await listedRuns(page, (names) => names.includes(DEMO_RUN) && !names.includes(LIVE_RUN));
    await expect(page.getByLabel('Widget').inputValue()).resolves.toBe(demoWidgetId);
    await page.getByLabel('Search').fill(`${stamp} rerun`);
    await page.waitForURL(/q=/);
    await expect(listedRuns(page, (names) => names.length === 1)).resolves.toEqual([`${DEMO_RUN} (rerun)`]);
    await closePage(page);
  });

  it('opens a run from anywhere on its row', async () => {
    const page = await pageAs(ACME_EDITOR, '/runs');
    await listedRuns(page, (names) => names.includes(LIVE_RUN));
    await runRow(page, LIVE_RUN).getByTestId('run-status').click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await expect(waitForText(page.getByRole('heading', { level: 1 }), new RegExp(LIVE_RUN))).resolves.toBe(LIVE_RUN);
    await closePage(page);
  });

  it('fits a phone: the results read at 390 pixels wide without sideways scrolling', async () => {
    const page = await pageAs(ACME_EDITOR, `/runs/${demoRunId}`, { viewport: { width: 390, height: 844 } });
    await eventually(() => caseResults(page), (list) => list.length === 4 && list.every((r) => r.band !== null), 15_000);
    await expect(page.getByTestId('passed-of-total').isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).resolves.toBeLessThanOrEqual(390);
    await screenshot(page, 'test-run-results-phone');
    await closePage(page);
  });
});

/**
 * The web app as its own process in distributed mode: in front of the gateway process, with
 * each service its own process on PostgreSQL and Kafka. Queries, sign-in and live updates
 * (graphql-ws, forwarded by the web server to the gateway, fed by Kafka) reach the browser.
 */
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { buildWeb, isWebBuildFresh } from '@sim/web';
import { eventually } from './support/eventually';
import { launchBrowser, signIn } from './support/browser';
import { startSeededDistributedStack, type SeededDistributedStack } from './support/distributed';
import { freePorts } from './support/free-port';
import { callerFor } from './support/graphql-client';
import { startWhenProjected } from './support/start-run';
import { Subscriber } from './support/subscriber';
import { startWebProcess, stopProcess } from './support/web-platform';

jest.setTimeout(300_000);

describe('web app in distributed mode (its own process, Kafka, PostgreSQL)', () => {
  let distributed: SeededDistributedStack;
  let web: ChildProcess;
  let webUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!isWebBuildFresh()) await buildWeb();
    const [webPort] = await freePorts(1);
    webUrl = `http://127.0.0.1:${webPort}`;
    distributed = await startSeededDistributedStack('e2e_web', { PUBLIC_WEB_URL: webUrl });
    web = await startWebProcess(webPort, distributed.gatewayUrl.replace(/\/graphql$/, ''));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stopProcess(web ?? null);
    await distributed?.close();
  });

  it('signs in and lists the seeded test cases through the web server', async () => {
    const page = await browser.newPage();
    await signIn(page, webUrl, { tenant: 'acme', user: 'erin.editor', role: 'editor' });
    await page.goto(`${webUrl}/test-cases`);
    await page.getByRole('link', { name: 'Where is my order? — Standard tracked delivery' }).waitFor();
    await page.close();
  });

  it('follows a run live: subscriptions cross the web server to the gateway and Kafka', async () => {
    const acme = await callerFor(distributed.gatewayUrl, distributed.jwtSecret, 'acme', 'erin.editor', ['editor']);
    const widget = (await acme('{ chatWidgets { id name } }')).data!.chatWidgets[0];
    const cases = (await acme('{ testCases(first: 2) { edges { node { id } } } }')).data!.testCases.edges.map((e: any) => e.node.id);

    // A graphql-ws client at the web app's own origin, as the browser connects.
    const subscriber = await Subscriber.connect(`${webUrl}/graphql`, distributed.jwtSecret, 'acme', 'erin.editor', ['editor']);
    const live = subscriber.subscribe<{ lastRunUpdated: { name: string; status: string } }>('subscription { lastRunUpdated { name status } }');
    try {
      const started = await startWhenProjected(acme, { name: 'Distributed web run', widgetId: widget.id, testCaseIds: cases }, 'id shareUrl');
      const run = started.data!.startTestRun;
      expect(run.shareUrl).toBe(`${webUrl}/runs/${run.id}`);

      const page = await browser.newPage();
      await signIn(page, webUrl, { tenant: 'acme', user: 'erin.editor', role: 'editor' });
      await page.goto(run.shareUrl);
      const status = page.locator('.page-header').getByTestId('run-status');
      await expect(eventually(() => status.textContent(), (text) => /^Completed/.test(text ?? ''), 90_000)).resolves.toMatch(/^Completed/);
      await expect(page.getByTestId('passed-of-total').textContent()).resolves.toMatch(/^\d of 2 passed$/);
      await page.close();

      const seen = await eventually(
        async () => live.results.map((r) => r.data?.lastRunUpdated),
        (updates) => updates.some((u) => u?.name === 'Distributed web run' && /^COMPLETED/.test(u.status)),
        30_000,
      );
      expect(seen.some((u) => u?.name === 'Distributed web run' && /^COMPLETED/.test(u.status))).toBe(true);
      expect(live.error).toBeUndefined();
    } finally {
      live.stop();
      await subscriber.close();
    }
  });
});

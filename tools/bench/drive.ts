/**
 * Drives one benchmark run through the public API, as a customer would: a fresh tenant
 * whose limits allow N cases, N cases imported in one file, a webhook widget, one run.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { signDevToken, type Role } from '@sim/auth';

// Bench queries read loosely typed answers; the API's own types live in the supergraph.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;
type Call = <T = Answer>(query: string, variables?: Record<string, unknown>) => Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;

async function caller(gatewayUrl: string, jwtSecret: string, tenantId: string, userId: string, roles: Role[]): Promise<Call> {
  const token = await signDevToken({ tenantId, userId, roles }, { secret: jwtSecret, expiresIn: '2h' });
  return async (query, variables = {}) => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as never;
  };
}

export interface RunMeasurement {
  status: string;
  cases: number;
  completedCases: number;
  /** From the run's creation to its finish, by the platform's own clock. */
  wallMs: number;
  /** From the run's finish to the `testRunUpdated` push that says so reaching a subscriber. */
  liveUpdateLagMs: number | null;
}

/** Subscribes to the run over graphql-ws, as the web app does, and notes when it is seen finished. */
async function watchRun(gatewayUrl: string, token: string, runId: string): Promise<{ finishedSeenAt: () => number | null; close: () => Promise<void> }> {
  const client = createClient({ url: gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  let seenAt: number | null = null;
  client.subscribe<{ testRunUpdated: { status: string } }>(
    { query: 'subscription($id: ID!) { testRunUpdated(id: $id) { status } }', variables: { id: runId } },
    {
      next: (result) => {
        if (seenAt === null && ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'].includes(result.data?.testRunUpdated.status ?? '')) seenAt = Date.now();
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return { finishedSeenAt: () => seenAt, close: () => client.dispose() as Promise<void> };
}

export async function benchRun(gatewayUrl: string, jwtSecret: string, n: number, agentUrl: string, maxTurns: number): Promise<RunMeasurement> {
  const tenantId = `bench-${randomUUID().slice(0, 8)}`;
  const admin = await caller(gatewayUrl, jwtSecret, 'platform', 'bench.admin', ['platform-admin']);
  const created = await admin(`mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }`, {
    input: { id: tenantId, name: 'Benchmark', maxActiveRuns: 5, maxCasesPerRun: Math.max(n, 1), defaultMaxTurns: maxTurns },
  });
  if (created.errors) throw new Error(`bench tenant: ${created.errors[0].message}`);
  const editor = await caller(gatewayUrl, jwtSecret, tenantId, 'bench.editor', ['editor']);

  const cases = Array.from({ length: n }, (_, i) => ({
    name: `bench-${String(i).padStart(5, '0')}`,
    toneOfVoice: 'Neutral.',
    behaviour: 'Ask where your order is, then end the conversation.',
    personaFacts: [{ name: 'order_number', value: `DG-${1000 + i}` }],
    successCriteria: 'The customer gets the order status.',
    agentCriteria: 'The agent answers promptly.',
  }));
  const imported = await editor(`mutation($content: String!) { importTestCases(format: JSON, content: $content) { imported errors { message } } }`, { content: JSON.stringify(cases) });
  if (imported.errors || imported.data.importTestCases.imported !== n) throw new Error(`bench import: ${JSON.stringify(imported.errors ?? imported.data.importTestCases.errors)}`);
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page: Answer = await editor(`query($after: String) { testCases(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
    ids.push(...page.data.testCases.edges.map((e: { node: { id: string } }) => e.node.id));
    after = page.data.testCases.pageInfo.hasNextPage ? page.data.testCases.pageInfo.endCursor : null;
  } while (after);

  const widget = await editor(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }`, {
    input: { name: 'Bench agent', connector: 'HTTP', url: agentUrl, timeoutMs: 30_000 },
  });
  if (widget.errors) throw new Error(`bench widget: ${widget.errors[0].message}`);

  // The orchestrator learns about new cases and the new widget from their snapshot topics: wait until it knows them all.
  let runId: string | undefined;
  for (let tries = 0; !runId; tries++) {
    const started = await editor(`mutation($input: StartTestRunInput!) { startTestRun(input: $input) { id } }`, {
      input: { name: `Bench N=${n}`, widgetId: widget.data.createChatWidget.id, testCaseIds: ids, maxTurns },
    });
    if (started.data?.startTestRun) runId = started.data.startTestRun.id;
    else if (started.errors?.[0].extensions?.code !== 'NOT_FOUND' || tries > 600) throw new Error(`bench start: ${started.errors?.[0].message}`);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const watcher = await watchRun(gatewayUrl, await signDevToken({ tenantId, userId: 'bench.viewer', roles: ['viewer'] }, { secret: jwtSecret, expiresIn: '2h' }), runId!);
  try {
    for (;;) {
      const run = await editor(`query($id: ID!) { testRun(id: $id) { status createdAt finishedAt totalCases passedCases scoredCases } }`, { id: runId });
      const r = run.data?.testRun;
      if (r && ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'].includes(r.status)) {
        const finishedAt = Date.parse(r.finishedAt);
        for (let i = 0; i < 50 && watcher.finishedSeenAt() === null; i++) await new Promise((resolve) => setTimeout(resolve, 100));
        const seenAt = watcher.finishedSeenAt();
        return {
          status: r.status,
          cases: r.totalCases,
          completedCases: r.scoredCases,
          wallMs: finishedAt - Date.parse(r.createdAt),
          liveUpdateLagMs: seenAt === null ? null : seenAt - finishedAt,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await watcher.close();
  }
}

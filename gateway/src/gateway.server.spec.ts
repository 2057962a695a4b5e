import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { getIntrospectionQuery } from 'graphql';
import WebSocket from 'ws';
import { hashApiKey, InternalHeaders, signDevToken, verifyInternalHeaders, type Principal, type Role } from '@sim/auth';
import { InProcessBus, MessageHeaders } from '@sim/bus';
import { recordSpans, type SpanRecorder } from '@sim/observability';
import { DEV_INTERNAL_AUTH_SECRET, DEV_JWT_SECRET, loadGatewayConfig } from './gateway.config';
import type { GatewayLogger } from './gateway.context';
import { createGatewayServer, type GatewayServer } from './gateway.server';
import { runReads, runs, startTestSubgraphs, type TestSubgraph } from './testing/test-subgraphs';

const silent: GatewayLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const API_KEY = 'tool-key-for-tests';

let gateway: GatewayServer;
let bus: InProcessBus;
let orchestrator: TestSubgraph;
let runsSubgraph: TestSubgraph;
const clients: Client[] = [];

beforeAll(async () => {
  const subgraphs = await startTestSubgraphs(DEV_INTERNAL_AUTH_SECRET);
  orchestrator = subgraphs.orchestrator;
  runsSubgraph = subgraphs.runs;
  bus = new InProcessBus();
  const config = loadGatewayConfig({
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    ORCHESTRATOR_URL: orchestrator.url,
    API_KEYS: `${hashApiKey(API_KEY)}:globex:ci-tool:editor`,
    TENANT_CACHE_TTL_MS: '50',
  });
  gateway = await createGatewayServer({ config, supergraphSdl: subgraphs.supergraphSdl, bus, logger: silent });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await gateway?.close();
  await bus?.close();
  await orchestrator?.stop();
  await runsSubgraph?.stop();
});

const token = (tenantId: string, roles: Role[] = ['editor'], userId = 'ann') =>
  signDevToken({ tenantId, userId, roles } satisfies Principal, { secret: DEV_JWT_SECRET });

interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

async function post(query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
}

const as = async (tenantId: string, roles?: Role[]) => ({ authorization: `Bearer ${await token(tenantId, roles)}` });

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED without credentials', async () => {
    const { status, body, headers } = await post('{ lastRun { id } }');
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(/Authorization: Bearer <token>.*x-api-key/);
  });

  it('answers 401 for a token not signed with the configured secret, a malformed header and an unknown API key', async () => {
    const forged = await signDevToken({ tenantId: 'acme', userId: 'eve', roles: ['admin'] }, { secret: 'not-the-secret' });
    const attempts: Record<string, string>[] = [{ authorization: `Bearer ${forged}` }, { authorization: 'Basic abc' }, { 'x-api-key': 'wrong' }];
    for (const headers of attempts) {
      const { status, body } = await post('{ lastRun { id } }', headers);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('accepts a dev JWT and forwards tenant, user and roles in headers the subgraph can verify', async () => {
    const { status, body, headers } = await post('{ whoami { tenantId userId roles } }', {
      authorization: `Bearer ${await token('acme', ['admin'], 'ann')}`,
      'x-request-id': 'req-123',
    });
    expect(status).toBe(200);
    expect(body.data?.whoami).toEqual({ tenantId: 'acme', userId: 'ann', roles: ['admin'] });
    expect(headers.get('x-request-id')).toBe('req-123');
    const sent = orchestrator.received.filter((h) => h['x-request-id'] === 'req-123');
    expect(sent).toHaveLength(1);
    expect(verifyInternalHeaders(sent[0]!, DEV_INTERNAL_AUTH_SECRET)).toEqual({ tenantId: 'acme', userId: 'ann', roles: ['admin'] });
    expect(sent[0]![InternalHeaders.signature]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an API key as the principal it is configured for', async () => {
    const { status, body } = await post('{ whoami { tenantId userId roles } }', { 'x-api-key': API_KEY });
    expect(status).toBe(200);
    expect(body.data?.whoami).toEqual({ tenantId: 'globex', userId: 'ci-tool', roles: ['editor'] });
  });
});

describe('tenants and the feature flag', () => {
  it('refuses every operation but settings while simulations are turned off for the tenant', async () => {
    const { status, body } = await post('{ lastRun { id } }', await as('initech'));
    expect(status).toBe(403);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Conversation Simulations is turned off for tenant "initech"; a platform admin can turn it on',
      extensions: { code: 'FORBIDDEN' },
    });
    const settings = await post('{ tenantSettings { simulationsEnabled } __typename }', await as('initech'));
    expect(settings.body.data?.tenantSettings).toEqual({ simulationsEnabled: false });
  });

  it('refuses a tenant that does not exist, except a platform admin managing tenants', async () => {
    const { status, body } = await post('{ tenantSettings { simulationsEnabled } }', await as('nowhere', ['admin']));
    expect(status).toBe(403);
    expect(body.errors?.[0]).toMatchObject({ message: 'tenant "nowhere" does not exist', extensions: { code: 'FORBIDDEN' } });
    const admin = await post('{ tenants { id } }', await as('nowhere', ['platform-admin']));
    expect(admin.status).toBe(200);
    expect(admin.body.data?.tenants).toHaveLength(3);
  });
});

describe('errors', () => {
  it("passes a subgraph's code, message, field and fieldErrors through, without stack traces", async () => {
    const { body } = await post('mutation { startTestRun(name: " ") { id } }', await as('acme'));
    const [error] = body.errors ?? [];
    expect(error).toMatchObject({
      message: 'name: must not be empty',
      extensions: { code: 'BAD_USER_INPUT', field: 'name', fieldErrors: [{ field: 'name', message: 'must not be empty' }] },
    });
    expect(error?.extensions).not.toHaveProperty('stacktrace');
  });

  it('keeps the code and extensions of a subgraph error that set a non-2xx HTTP status', async () => {
    const { body } = await post('mutation { startTestRun(name: "nightly") { id } }', await as('acme'));
    expect(body.errors?.[0]).toMatchObject({
      message: 'at most 3 runs may be active; 3 are',
      extensions: { code: 'LIMIT_EXCEEDED', limit: 'maxActiveRuns', max: 3 },
    });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|stacktrace/);
  });

  it('never sends a stack trace for an unexpected subgraph error', async () => {
    const { body } = await post('{ exploding }', await as('acme'));
    expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at Object\.|\.ts:\d+/);
  });

  it('answers an invalid query with BAD_USER_INPUT and HTTP 400', async () => {
    const { status, body } = await post('{ lastRun { nope } }', await as('acme'));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('query limits', () => {
  it('refuses a query deeper than MAX_QUERY_DEPTH with BAD_USER_INPUT and HTTP 400', async () => {
    // testRun + 13 x parent + id = depth 15
    const query = `{ testRun(id: "run-1") { ${'parent { '.repeat(13)}id${' }'.repeat(13)} } }`;
    const { status, body } = await post(query, await as('acme'));
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({ message: 'query depth 15 exceeds the maximum of 12', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a query costlier than MAX_QUERY_COST, reading page sizes from variables', async () => {
    const query = 'query Runs($n: Int) { testRuns(first: $n) { edges { node { id children(first: 100) { totalCount edges { node { id name } } } } } } }';
    const expensive = await post(query, await as('acme'), { n: 500 });
    expect(expensive.status).toBe(400);
    expect(expensive.body.errors?.[0]?.message).toMatch(/^query cost \d+ exceeds the maximum of 20000$/);
    expect(expensive.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const cheap = await post(query, await as('acme'), { n: 5 });
    expect(cheap.status).toBe(200);
    expect(cheap.body.data?.testRuns.edges).toHaveLength(1);
  });

  it('allows the standard introspection query', async () => {
    const { status, body } = await post(getIntrospectionQuery(), await as('acme'));
    expect(status).toBe(200);
    expect(body.data?.__schema.subscriptionType).toMatchObject({ name: 'Subscription' });
  });
});

describe('subscriptions over graphql-ws', () => {
  const wsUrl = () => gateway.url.replace(/^http/, 'ws');

  function connect(connectionParams: Record<string, string> | undefined) {
    const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
    clients.push(client);
    return client;
  }

  interface Collected {
    results: FormattedExecutionResult<Record<string, any>, unknown>[];
    error: unknown;
    completed: boolean;
  }

  function collect(client: Client, query: string, variables?: Record<string, unknown>): Collected & { stop: () => void } {
    const state: Collected = { results: [], error: undefined, completed: false };
    const stop = client.subscribe<Record<string, any>>(
      { query, variables },
      {
        next: (result) => void state.results.push(result),
        error: (error) => void (state.error = error),
        complete: () => void (state.completed = true),
      },
    );
    return Object.assign(state, { stop });
  }

  const publishRunUpdated = (tenantId: string, runId: string) =>
    bus.publish('run.updated', [{ key: runId, value: new Uint8Array(), headers: { [MessageHeaders.tenantId]: tenantId } }]);

  async function until(condition: () => boolean, onEachTry: () => Promise<unknown> = async () => undefined, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await onEachTry();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("pushes the re-queried run after a bus event of the subscriber's tenant, and ignores other tenants' events", async () => {
    const client = connect({ authorization: `Bearer ${await token('acme')}` });
    const sub = collect(client, 'subscription Watch($id: ID!) { run: testRunUpdated(id: $id) { id name status ...Owner } } fragment Owner on TestRun { tenantId }', { id: 'run-1' });

    // The subscription is live once an event reaches it.
    await until(() => sub.results.length > 0, () => publishRunUpdated('acme', 'run-1'));
    expect(sub.results[0]).toEqual({ data: { run: { id: 'run-1', name: 'acme smoke run', status: 'QUEUED', tenantId: 'acme' } } });

    // Another tenant's event for the same key, and another run of this tenant, wake nothing.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const seen = sub.results.length;
    const reads = runReads['acme'];
    await publishRunUpdated('globex', 'run-1');
    await publishRunUpdated('acme', 'run-2');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sub.results.length).toBe(seen);
    expect(runReads['acme']).toBe(reads);

    // A change to the run arrives as the same federated object a query returns.
    runs[0]!.status = 'RUNNING';
    await publishRunUpdated('acme', 'run-1');
    await until(() => sub.results.at(-1)?.data?.['run']?.status === 'RUNNING');
    sub.stop();
  });

  it("lastRunUpdated re-queries with the subscriber's own principal, never another tenant's data", async () => {
    const client = connect({ 'x-api-key': API_KEY }); // globex
    const sub = collect(client, 'subscription { lastRunUpdated { id tenantId } }');
    await until(() => sub.results.length > 0, () => publishRunUpdated('globex', 'run-9'));
    expect(sub.results.every((result) => result.data?.['lastRunUpdated']?.tenantId === 'globex')).toBe(true);
    sub.stop();
  });

  it('refuses a connection without credentials, or with a bad token, with close code 4401', async () => {
    for (const params of [undefined, { authorization: 'Bearer not-a-jwt' }]) {
      const sub = collect(connect(params), 'subscription { lastRunUpdated { id } }');
      await until(() => sub.error !== undefined);
      expect(sub.error).toMatchObject({ code: 4401 });
    }
  });

  it('refuses a connection of a tenant that does not exist with close code 4403', async () => {
    const sub = collect(connect({ authorization: `Bearer ${await token('nowhere')}` }), 'subscription { lastRunUpdated { id } }');
    await until(() => sub.error !== undefined);
    expect(sub.error).toMatchObject({ code: 4403, reason: 'tenant "nowhere" does not exist' });
  });

  it('answers FORBIDDEN while simulations are off, and a clear error for a subscription with no registry entry', async () => {
    const off = collect(connect({ authorization: `Bearer ${await token('initech')}` }), 'subscription { lastRunUpdated { id } }');
    await until(() => off.error !== undefined);
    expect(off.error).toEqual([expect.objectContaining({ message: expect.stringContaining('turned off for tenant "initech"'), extensions: { code: 'FORBIDDEN' } })]);

    const client = connect({ authorization: `Bearer ${await token('acme')}` });
    const unknown = collect(client, 'subscription { runLogAppended(id: "run-1") }');
    await until(() => unknown.error !== undefined);
    expect(unknown.error).toEqual([expect.objectContaining({ message: expect.stringContaining('no subscription registry entry'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);

    const deep = collect(client, `subscription { testRunUpdated(id: "run-1") { ${'parent { '.repeat(13)}id${' }'.repeat(13)} } }`);
    await until(() => deep.error !== undefined);
    expect(deep.error).toEqual([expect.objectContaining({ message: 'query depth 15 exceeds the maximum of 12' })]);
  });

  it('serves queries over the socket too', async () => {
    const client = connect({ authorization: `Bearer ${await token('acme')}` });
    const sub = collect(client, '{ whoami { tenantId } }');
    await until(() => sub.completed);
    expect(sub.results).toEqual([{ data: { whoami: { tenantId: 'acme' } } }]);
  });
});

describe('http', () => {
  it('answers a CORS preflight from the web app origin, and not from others', async () => {
    const preflight = (origin: string) =>
      fetch(gateway.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    const web = await preflight('http://localhost:3000');
    expect(web.status).toBe(204);
    expect(web.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(web.headers.get('access-control-allow-headers')).toContain('authorization');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a malformed JSON body with a GraphQL-shaped 400', async () => {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLBody).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('health', () => {
  it('is 200 with every subgraph up, 503 naming the one that is down; live stays 200', async () => {
    const up = await fetch(gateway.url.replace('/graphql', '/health'));
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', subgraphs: { orchestrator: 'ok', runs: 'ok' } });

    await runsSubgraph.stop();
    const down = await fetch(gateway.url.replace('/graphql', '/health'));
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', subgraphs: { orchestrator: 'ok', runs: 'unreachable' }, notReady: ['runs'] });
    expect((await fetch(gateway.url.replace('/graphql', '/health/live'))).status).toBe(200);
    const query = await post('{ lastRun { id } }', await as('acme'));
    expect(query.body.errors?.[0]).toMatchObject({ message: 'the runs service is unavailable; try again shortly', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(query.body)).not.toContain('127.0.0.1');
  });
});

describe('observability', () => {
  let spans: SpanRecorder;
  beforeAll(() => {
    spans = recordSpans('gateway');
  });
  afterAll(() => spans.stop());

  const traceIdOf = (traceparent: unknown) => String(traceparent).split('-')[1];

  it('opens a span per operation that continues the caller’s trace and carries it to the subgraphs', async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { status } = await post('query Whoami { whoami { tenantId } }', {
      ...(await as('acme')),
      'x-request-id': 'req-traced',
      traceparent: `00-${callerTrace}-00f067aa0ba902b7-01`,
    });
    expect(status).toBe(200);
    const span = spans.spans().find((s) => s.name === 'graphql query Whoami');
    expect(span?.spanContext().traceId).toBe(callerTrace);
    expect(span?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    const sent = orchestrator.received.find((h) => h['x-request-id'] === 'req-traced')!;
    // The subgraph continues the gateway's span: same trace, the operation span as parent.
    expect(sent.traceparent).toBe(`00-${callerTrace}-${span!.spanContext().spanId}-01`);
  });

  it('starts a trace of its own for a caller that sends none, one per operation', async () => {
    await post('{ whoami { tenantId } }', { ...(await as('acme')), 'x-request-id': 'req-a' });
    await post('{ whoami { tenantId } }', { ...(await as('acme')), 'x-request-id': 'req-b' });
    const [a, b] = ['req-a', 'req-b'].map((id) => traceIdOf(orchestrator.received.find((h) => h['x-request-id'] === id)!.traceparent));
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
    expect(spans.spans().filter((s) => s.name === 'graphql query').map((s) => s.spanContext().traceId)).toEqual(expect.arrayContaining([a, b]));
  });

  it('serves Prometheus metrics with GraphQL durations by operation type and outcome', async () => {
    await post('{ whoami { tenantId } }', await as('acme'));
    await post('{ nope }', await as('acme'));
    const response = await fetch(gateway.url.replace('/graphql', '/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^sim_gateway_graphql_duration_seconds_count\{operation="query",outcome="ok"\} [1-9]\d*$/m);
    expect(text).toMatch(/^sim_gateway_graphql_duration_seconds_count\{operation="unknown",outcome="error"\} [1-9]\d*$/m);
    expect(text).toMatch(/^sim_gateway_graphql_in_flight 0$/m);
  });
});

describe('close', () => {
  it('closes open sockets, stops listening, and can be called twice', async () => {
    const socket = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await Promise.all([gateway.close(), gateway.close()]);
    expect(await closed).toBe(1001);
    await expect(fetch(gateway.url.replace('/graphql', '/health/live'))).rejects.toThrow();
  });
});

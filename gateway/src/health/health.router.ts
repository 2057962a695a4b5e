import { Router } from 'express';

export interface SubgraphEndpoint {
  name: string;
  /** The subgraph's GraphQL URL; its health endpoint is the same URL with `/graphql` -> `/health`. */
  url: string;
}

export function healthUrlOf(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = /\/graphql\/?$/.test(url.pathname) ? url.pathname.replace(/\/graphql\/?$/, '/health') : '/health';
  url.search = '';
  return url.toString();
}

async function probe(url: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 200 ? 'ok' : `HTTP ${response.status}`;
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable';
  }
}

/**
 * `GET /health`: 200 once every subgraph answers its own `/health` with 200 within the
 * timeout, else 503 naming the ones that are not ready. `GET /health/live`: the process runs.
 */
export function createHealthRouter(subgraphs: () => SubgraphEndpoint[], timeoutMs = 1000): Router {
  const router = Router();
  router.get('/live', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.get('/', async (_req, res) => {
    const endpoints = subgraphs();
    const results = await Promise.all(endpoints.map(async ({ name, url }) => [name, await probe(healthUrlOf(url), timeoutMs)] as const));
    const notReady = results.filter(([, state]) => state !== 'ok').map(([name]) => name);
    res.status(notReady.length === 0 && endpoints.length > 0 ? 200 : 503).json({
      status: notReady.length === 0 && endpoints.length > 0 ? 'ok' : 'unavailable',
      subgraphs: Object.fromEntries(results),
      ...(notReady.length > 0 ? { notReady } : {}),
    });
  });
  return router;
}

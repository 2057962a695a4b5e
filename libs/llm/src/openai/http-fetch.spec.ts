import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpFetch } from './http-fetch';

describe('createHttpFetch', () => {
  let server: Server;
  let base: string;
  const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (req.url === '/limited') {
          res.writeHead(429, { 'retry-after': '2', 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'slow down' } }));
        } else if (req.url === '/empty') {
          res.writeHead(204);
          res.end();
        } else if (req.url === '/slow') {
          // Gone with the caller that gave up on it, so no timer outlives the test.
          const late = setTimeout(() => res.end('late'), 2_000);
          res.on('close', () => clearTimeout(late));
        } else {
          res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
          res.end(JSON.stringify({ echoed: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the method, headers and body, and answers a standard Response', async () => {
    const fetch = createHttpFetch();
    const response = await fetch(`${base}/chat`, { method: 'POST', headers: new Headers({ authorization: 'Bearer k', 'content-type': 'application/json' }), body: '{"a":1}' });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-request-id')).toBe('r-1');
    expect(await response.json()).toEqual({ echoed: { a: 1 } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', headers: expect.objectContaining({ authorization: 'Bearer k' }), body: '{"a":1}' });
  });

  it('passes an error status and its headers through, and a bodiless answer', async () => {
    const fetch = createHttpFetch();
    const limited = await fetch(`${base}/limited`, { method: 'POST', body: '{}' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({ error: { message: 'slow down' } });
    const empty = await fetch(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('fails with an AbortError when its signal aborts, and with the cause when nothing listens', async () => {
    const fetch = createHttpFetch();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(fetch(`${base}/slow`, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(fetch('http://127.0.0.1:1/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

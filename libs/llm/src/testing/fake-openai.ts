import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake server answers to one request. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** Wait this long before answering (to provoke client timeouts). */
  delayMs?: number;
}

export interface RecordedRequest {
  path: string;
  body: any;
  headers: IncomingHttpHeaders;
  /** `Date.now()` when the request arrived. */
  at: number;
}

/** Scripts the answer to each request; `requestNumber` counts from 1. */
export type FakeHandler = (body: any, requestNumber: number, request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeOpenAI {
  /** Base URL including `/v1`, for `LLM_BASE_URL` or a connector's base URL. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  handler: FakeHandler;
  port?: number;
}

/**
 * A local server speaking the OpenAI chat-completions protocol (`POST /v1/chat/completions`
 * and `/chat/completions`), answering what the test scripts and recording every request.
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions | FakeHandler): Promise<FakeOpenAI> {
  const { handler, port = 0 } = typeof options === 'function' ? { handler: options } : options;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'POST' || !/^(\/v1)?\/chat\/completions$/.test(path)) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
        return;
      }
      let body: any = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'body is not JSON' } }));
        return;
      }
      const recorded: RecordedRequest = { path, body, headers: req.headers, at: Date.now() };
      requests.push(recorded);
      try {
        const answer = await handler(body, requests.length, recorded);
        if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.json === undefined ? '' : JSON.stringify(answer.json));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: (error as Error).message } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A normal chat completion answering `content`. */
export function completion(content: string, usage: { promptTokens?: number; completionTokens?: number } = {}, model = 'fake-model'): FakeResponse {
  const prompt = usage.promptTokens ?? 10;
  const done = usage.completionTokens ?? 5;
  return {
    json: {
      id: `chatcmpl-fake-${Math.random().toString(36).slice(2, 10)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: prompt, completion_tokens: done, total_tokens: prompt + done },
    },
  };
}

/** A structured-output answer: `value` serialised as the message content. */
export function jsonCompletion(value: unknown, usage?: { promptTokens?: number; completionTokens?: number }): FakeResponse {
  return completion(JSON.stringify(value), usage);
}

/** 429 with `Retry-After` in seconds (or an HTTP date when given a Date). */
export function rateLimited(retryAfter: number | Date = 1): FakeResponse {
  return {
    status: 429,
    headers: { 'retry-after': retryAfter instanceof Date ? retryAfter.toUTCString() : String(retryAfter) },
    json: { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } },
  };
}

export function serverError(status = 500, message = 'The server had an error while processing your request.'): FakeResponse {
  return { status, json: { error: { message, type: 'server_error' } } };
}

export function badRequest(message = 'Invalid request'): FakeResponse {
  return { status: 400, json: { error: { message, type: 'invalid_request_error' } } };
}

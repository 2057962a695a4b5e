import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AgentUnavailableError } from './agent-connector';
import { UrlRefusedError, type UrlGuard } from './url-guard';

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  guard: UrlGuard;
  signal?: AbortSignal;
}

/** Agents answer in a few kilobytes; a bigger answer is a misconfigured endpoint. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * POSTs a body to an agent and returns its parsed JSON answer. Every failure becomes an
 * AgentUnavailableError that names the URL (without credentials or query) and the cause,
 * since that message ends up as the case's error for the user to act on.
 */
export async function postJsonToAgent(url: URL, body: string, options: PostOptions): Promise<unknown> {
  const shown = displayUrl(url);
  try {
    await options.guard.assertAllowed(url);
  } catch (error) {
    throw new AgentUnavailableError(`the agent URL ${shown} is refused: ${(error as Error).message}`);
  }
  let response: { status: number; text: string };
  try {
    response = await post(url, body, options);
  } catch (error) {
    throw new AgentUnavailableError(`could not reach the agent at ${shown}: ${describeNetworkError(error, options.timeoutMs)}`);
  }
  if (response.status < 200 || response.status >= 300) {
    throw new AgentUnavailableError(`the agent at ${shown} answered HTTP ${response.status}${excerpt(response.text)}`);
  }
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    throw new AgentUnavailableError(`the agent at ${shown} did not answer with JSON${excerpt(response.text)}`);
  }
}

class TimeoutError extends Error {}

function post(url: URL, body: string, options: PostOptions): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: options.guard.lookupFor(url),
      signal: options.signal,
    });
    const timer = setTimeout(() => req.destroy(new TimeoutError()), options.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) req.destroy(new Error(`the answer is larger than ${MAX_RESPONSE_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    req.end(body);
  });
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof TimeoutError) return `no answer within ${timeoutMs} ms (timeout)`;
  if (error instanceof UrlRefusedError) return `refused by the SSRF guard: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the agent running?)',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed (temporary DNS failure)',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ABORT_ERR: 'the call was cancelled',
  };
  if (code && known[code]) return `${known[code]} (${code})`;
  return (error as Error).message || String(error);
}

/** Origin and path only: user info and query strings may carry credentials. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return '';
  return `: ${clean.length > 200 ? `${clean.slice(0, 200)}…` : clean}`;
}

import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the agent under test received, as the HTTP connector documents it. */
export interface AgentCall {
  conversationId: string;
  turn: number;
  message: string;
  language: string;
  chatUrl: string | null;
  metadata: Record<string, unknown>;
  /** Whether `x-sim-signature` matched the body signed with the widget's secret. */
  signatureValid: boolean;
  at: number;
}

export interface FakeAgent {
  url: string;
  calls: AgentCall[];
  close(): Promise<void>;
}

export interface FakeAgentOptions {
  signingSecret?: string;
  /** Delay before answering, like a real agent's latency. */
  latencyMs?: number;
  /** The reply to one message; default: a support answer with a tracking link. */
  reply?: (call: AgentCall) => { messages: string[]; handoff?: boolean; end?: boolean };
}

/** A support agent behind the HTTP webhook connector, on a free loopback port. */
export async function startFakeAgent(options: FakeAgentOptions = {}): Promise<FakeAgent> {
  const calls: AgentCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as Omit<AgentCall, 'signatureValid' | 'at'>;
      const expected = options.signingSecret ? `sha256=${createHmac('sha256', options.signingSecret).update(raw).digest('hex')}` : undefined;
      const call: AgentCall = { ...body, signatureValid: expected !== undefined && req.headers['x-sim-signature'] === expected, at: Date.now() };
      calls.push(call);
      const answer = options.reply?.(call) ?? {
        messages: [`Your order ships today. Track it here: https://track.example.com/${call.conversationId.slice(0, 8)}`],
      };
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      }, options.latencyMs ?? 0);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/agent`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

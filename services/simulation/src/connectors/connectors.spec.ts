import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatRequest } from '@sim/llm';
import { AgentUnavailableError, type AgentTurnRequest } from './agent-connector';
import { HttpWebhookConnector, webhookSignature } from './http-connector';
import { OpenAiAgentConnector } from './openai-connector';
import { RasaConnector } from './rasa-connector';
import { UrlGuard } from './url-guard';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: any;
}

/** A local agent whose answer each test decides. */
class FakeAgent {
  received: Received[] = [];
  answer: (req: Received, res: ServerResponse) => void = (_req, res) => res.end(JSON.stringify({ messages: ['Hello!'] }));
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const received = { path: req.url ?? '', headers: req.headers, raw, body: raw ? JSON.parse(raw) : null };
        this.received.push(received);
        res.setHeader('content-type', 'application/json');
        this.answer(received, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const turn = (n: number, message: string): AgentTurnRequest => ({
  conversationId: 'c0ffee00-0000-4000-8000-000000000001',
  turn: n,
  message,
  language: 'de',
  chatUrl: 'https://shop.example.com/help',
  metadata: { plan: 'gold', customerId: 42 },
  history: [],
});

const failure = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AgentUnavailableError);
    return (error as Error).message;
  }
  throw new Error('expected the call to fail');
};

describe('agent connectors', () => {
  const agent = new FakeAgent();
  const guard = new UrlGuard(['127.0.0.1']);

  beforeAll(() => agent.start());
  afterAll(() => agent.stop());
  beforeEach(() => {
    agent.received = [];
    agent.answer = (_req, res) => res.end(JSON.stringify({ messages: ['Hello!'] }));
  });

  describe('HTTP webhook', () => {
    const connector = (settings: Partial<{ url: string; timeoutMs: number; signingSecret: string; apiKey: string }> = {}) =>
      new HttpWebhookConnector({ url: `${agent.url}/hook`, timeoutMs: 2000, ...settings }, guard);

    it('signs the raw body and sends language, chat URL and metadata on every turn', async () => {
      const http = connector({ signingSecret: 'whsec_test', apiKey: 'key-1' });
      await http.send(turn(1, 'Where is my order?'));
      await http.send(turn(2, 'It is DG-882341'));
      expect(agent.received).toHaveLength(2);
      for (const [i, received] of agent.received.entries()) {
        expect(received.path).toBe('/hook');
        expect(received.headers['content-type']).toBe('application/json');
        expect(received.headers['x-sim-signature']).toBe(webhookSignature('whsec_test', received.raw));
        expect(received.headers['x-sim-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(Number(received.headers['x-sim-timestamp'])).toBeGreaterThan(Date.now() - 60_000);
        expect(received.headers.authorization).toBe('Bearer key-1');
        expect(received.body).toMatchObject({
          conversationId: 'c0ffee00-0000-4000-8000-000000000001',
          turn: i + 1,
          language: 'de',
          chatUrl: 'https://shop.example.com/help',
          metadata: { plan: 'gold', customerId: 42 },
        });
      }
      expect(agent.received.map((r) => r.body.message)).toEqual(['Where is my order?', 'It is DG-882341']);
    });

    it('sends no signature without a signing secret', async () => {
      await connector().send(turn(1, 'Hi'));
      expect(agent.received[0].headers['x-sim-signature']).toBeUndefined();
    });

    it('reads every documented reply shape', async () => {
      agent.answer = (_req, res) => res.end(JSON.stringify({ messages: ['One', { text: 'Two' }, '  '], handoff: true }));
      expect(await connector().send(turn(1, 'Hi'))).toEqual({ messages: ['One', 'Two'], handoff: true, end: false });
      agent.answer = (_req, res) => res.end(JSON.stringify({ text: 'Bye', end: true }));
      expect(await connector().send(turn(1, 'Hi'))).toEqual({ messages: ['Bye'], handoff: false, end: true });
    });

    it('times out with a clear message', async () => {
      agent.answer = (_req, res) => setTimeout(() => res.end('{"messages":[]}'), 1000);
      const message = await failure(connector({ timeoutMs: 150 }).send(turn(1, 'Hi')));
      expect(message).toBe(`could not reach the agent at ${agent.url}/hook: no answer within 150 ms (timeout)`);
    });

    it('names the URL and the cause when the agent is down', async () => {
      const down = new HttpWebhookConnector({ url: 'http://127.0.0.1:9/hook', timeoutMs: 2000 }, guard);
      expect(await failure(down.send(turn(1, 'Hi')))).toBe(
        'could not reach the agent at http://127.0.0.1:9/hook: connection refused (is the agent running?) (ECONNREFUSED)',
      );
    });

    it('reports non-2xx answers and answers that are not JSON', async () => {
      agent.answer = (_req, res) => {
        res.statusCode = 503;
        res.end('upstream busy');
      };
      expect(await failure(connector().send(turn(1, 'Hi')))).toBe(`the agent at ${agent.url}/hook answered HTTP 503: upstream busy`);
      agent.answer = (_req, res) => res.end('<html>oops</html>');
      expect(await failure(connector().send(turn(1, 'Hi')))).toMatch(/did not answer with JSON: <html>oops<\/html>/);
      agent.answer = (_req, res) => res.end('{"reply":"hi"}');
      expect(await failure(connector().send(turn(1, 'Hi')))).toMatch(/not a webhook reply/);
    });

    it('refuses a loopback agent that the allow-list does not name', async () => {
      const strict = new HttpWebhookConnector({ url: `${agent.url}/hook`, timeoutMs: 2000 }, new UrlGuard([]));
      expect(await failure(strict.send(turn(1, 'Hi')))).toMatch(/is refused: 127\.0\.0\.1 is a loopback address/);
      expect(agent.received).toHaveLength(0);
    });

    it('connects through the guard by name, and refuses a name that re-resolves to a private address (DNS rebinding)', async () => {
      const port = new URL(agent.url).port;
      const named = new HttpWebhookConnector({ url: `http://agent.test:${port}/hook`, timeoutMs: 2000 }, new UrlGuard(['agent.test'], async () => ['127.0.0.1']));
      expect(await named.send(turn(1, 'Hi'))).toEqual({ messages: ['Hello!'], handoff: false, end: false });

      let lookups = 0;
      const rebinding = new UrlGuard([], async () => (lookups++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']));
      const rebound = new HttpWebhookConnector({ url: `http://rebind.test:${port}/hook`, timeoutMs: 2000 }, rebinding);
      expect(await failure(rebound.send(turn(1, 'Hi')))).toMatch(/refused by the SSRF guard: 127\.0\.0\.1 is a loopback address \(rebind\.test resolves to 127\.0\.0\.1\)/);
      expect(agent.received).toHaveLength(1);
    });

    it('never puts credentials of the URL into its messages', async () => {
      const down = new HttpWebhookConnector({ url: 'http://127.0.0.1:9/hook?token=secret', timeoutMs: 2000 }, guard);
      expect(await failure(down.send(turn(1, 'Hi')))).not.toContain('secret');
    });
  });

  describe('RASA', () => {
    it("speaks Rasa's REST channel", async () => {
      agent.answer = (_req, res) => res.end(JSON.stringify([{ recipient_id: 'x', text: 'Hi there' }, { image: 'https://img/1.png' }, { text: 'How can I help?' }]));
      const rasa = new RasaConnector({ url: `${agent.url}/`, timeoutMs: 2000 }, guard);
      const reply = await rasa.send(turn(1, 'Hello'));
      expect(reply).toEqual({ messages: ['Hi there', '[image: https://img/1.png]', 'How can I help?'], handoff: false, end: false });
      expect(agent.received[0].path).toBe('/webhooks/rest/webhook');
      expect(agent.received[0].body).toEqual({
        sender: 'c0ffee00-0000-4000-8000-000000000001',
        message: 'Hello',
        metadata: { language: 'de', chatUrl: 'https://shop.example.com/help', plan: 'gold', customerId: 42 },
      });
    });

    it('refuses an answer that is not a list', async () => {
      agent.answer = (_req, res) => res.end('{"text":"hi"}');
      const rasa = new RasaConnector({ url: `${agent.url}/webhooks/rest/webhook`, timeoutMs: 2000 }, guard);
      expect(await failure(rasa.send(turn(1, 'Hello')))).toMatch(/not a list of messages/);
    });
  });

  describe('OPENAI', () => {
    const settings = { url: 'https://llm.example.com/v1', model: 'gpt-test', systemPrompt: 'You are the Acme support agent.', timeoutMs: 5000, apiKey: 'sk-1' };
    const publicGuard = new UrlGuard([], async () => ['93.184.216.34']);

    it('sends the system prompt with the context, then the history and the message', async () => {
      const calls: ChatRequest[] = [];
      const openai = new OpenAiAgentConnector(settings, publicGuard, async (request) => {
        calls.push(request);
        return { text: ' Sure, let me check. ', usage: { promptTokens: 10, completionTokens: 5, costUsd: 0 } };
      });
      const reply = await openai.send({
        ...turn(2, 'DG-882341'),
        history: [
          { index: 0, role: 'CUSTOMER', text: 'Where is my order?' },
          { index: 1, role: 'AGENT', text: 'What is the order number?' },
        ],
      });
      expect(reply).toEqual({ messages: ['Sure, let me check.'], handoff: false, end: false });
      expect(calls[0]).toMatchObject({ baseUrl: settings.url, apiKey: 'sk-1', model: 'gpt-test', timeoutMs: 5000, maxRetries: 1 });
      expect(calls[0].messages).toEqual([
        {
          role: 'system',
          content:
            'You are the Acme support agent.\n\nConversation context: language=de; chat URL=https://shop.example.com/help; metadata={"plan":"gold","customerId":42}',
        },
        { role: 'user', content: 'Where is my order?' },
        { role: 'assistant', content: 'What is the order number?' },
        { role: 'user', content: 'DG-882341' },
      ]);
    });

    it("turns the model's failure into the agent's", async () => {
      const openai = new OpenAiAgentConnector(settings, publicGuard, async () => {
        throw new Error('401 invalid api key');
      });
      expect(await failure(openai.send(turn(1, 'Hi')))).toBe(
        'the OpenAI-compatible agent at https://llm.example.com/v1 (model gpt-test) failed: 401 invalid api key',
      );
    });

    it('refuses a private endpoint', async () => {
      const openai = new OpenAiAgentConnector({ ...settings, url: 'http://192.168.0.10:11434/v1' }, new UrlGuard([]), async () => {
        throw new Error('must not be called');
      });
      expect(await failure(openai.send(turn(1, 'Hi')))).toMatch(/192\.168\.0\.10 is a private address/);
    });
  });
});

/**
 * The benchmark's world: a local OpenAI-compatible server playing the simulated customer
 * (exactly `turns` messages, then it ends) and the judge, and an HTTP agent, each answering
 * after a fixed latency. Every external call is recorded per conversation, so the
 * platform's own time between calls can be told apart from the time spent waiting on them.
 */
import { CUSTOMER_SCHEMA_NAME, JUDGE_SCHEMA_NAME, parsePayload } from '@sim/llm';
import { jsonCompletion, startFakeOpenAI, type FakeOpenAI } from '@sim/llm/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScenarioOptions {
  turns: number;
  agentLatencyMs: number;
  llmLatencyMs: number;
  judgeLatencyMs: number;
}

export interface ExternalCall {
  kind: 'customer' | 'agent' | 'judge';
  arrivedAt: number;
  latencyMs: number;
}

export interface Scenario {
  llmUrl: string;
  agentUrl: string;
  /** One conversation's external calls, keyed by test-case name. */
  calls: Map<string, ExternalCall[]>;
  /** Critical path of one conversation: every call it makes, one after another. */
  criticalPathMs: number;
  close(): Promise<void>;
}

const CASE_TAG = /\[(bench-\d+)\]/;

export async function startScenario(options: ScenarioOptions): Promise<Scenario> {
  const calls = new Map<string, ExternalCall[]>();
  const record = (caseName: string, kind: ExternalCall['kind'], latencyMs: number) => {
    const list = calls.get(caseName) ?? [];
    list.push({ kind, arrivedAt: Date.now(), latencyMs });
    calls.set(caseName, list);
  };

  const llm: FakeOpenAI = await startFakeOpenAI((body) => {
    const schema: string | undefined = body?.response_format?.json_schema?.name;
    const prompt = [...(body.messages ?? [])].reverse().find((m: { role: string }) => m.role === 'user');
    const payload = parsePayload(String(prompt?.content ?? ''));
    const caseName = payload?.testCase.name ?? 'unknown';
    if (schema === CUSTOMER_SCHEMA_NAME) {
      record(caseName, 'customer', options.llmLatencyMs);
      const said = payload?.transcript.filter((t) => t.role === 'CUSTOMER').length ?? 0;
      const answer =
        said < options.turns
          ? { action: 'say', text: `[${caseName}] question ${said + 1}: where is order DG-${1000 + said}?`, reason: 'none' }
          : { action: 'end', text: 'Thanks, that answers it.', reason: 'goal_met' };
      return { ...jsonCompletion(answer, { promptTokens: 300, completionTokens: 30 }), delayMs: options.llmLatencyMs };
    }
    if (schema === JUDGE_SCHEMA_NAME) {
      record(caseName, 'judge', options.judgeLatencyMs);
      const verdict = (criterion: string) => ({ criterion, met: true, score: 90, reasoning: 'turn 2: the agent answered with the status' });
      return {
        ...jsonCompletion(
          { user_criteria: [verdict('Status given')], agent_criteria: [verdict('Answered promptly')], overall_score: 90, summary: 'The agent answered every question.', simulator_error: null },
          { promptTokens: 800, completionTokens: 120 },
        ),
        delayMs: options.judgeLatencyMs,
      };
    }
    return { status: 400, json: { error: { message: `unexpected request ${schema}` } } };
  });

  const agent: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message: string };
      const caseName = CASE_TAG.exec(body.message)?.[1] ?? 'unknown';
      record(caseName, 'agent', options.agentLatencyMs);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ messages: ['Your order is on its way: https://track.example.com/DG-1000'] }));
      }, options.agentLatencyMs);
    });
  });
  agent.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));

  return {
    llmUrl: llm.url,
    agentUrl: `http://127.0.0.1:${(agent.address() as AddressInfo).port}/agent`,
    calls,
    criticalPathMs: options.turns * (options.llmLatencyMs + options.agentLatencyMs) + options.llmLatencyMs + options.judgeLatencyMs,
    async close() {
      await llm.close();
      agent.closeAllConnections();
      await new Promise<void>((resolve) => agent.close(() => resolve()));
    },
  };
}

/**
 * The platform's own time per step: within each conversation, the gap between one external
 * call's answer and the next call's arrival (persisting the turn, the outbox, the bus, the
 * next step's dispatch, and any wait for a free step slot).
 */
export function platformStepTimes(calls: Map<string, ExternalCall[]>): number[] {
  return [...platformGaps(calls).values()].flat().sort((a, b) => a - b);
}

/**
 * The same gaps by the hop they cover: `customer->agent` stays inside one step,
 * `agent->customer` crosses the bus to the next step, `customer->judge` crosses two services.
 */
export function platformGaps(calls: Map<string, ExternalCall[]>): Map<string, number[]> {
  const gaps = new Map<string, number[]>();
  for (const list of calls.values()) {
    const sorted = [...list].sort((a, b) => a.arrivedAt - b.arrivedAt);
    for (let i = 1; i < sorted.length; i++) {
      const hop = `${sorted[i - 1].kind}->${sorted[i].kind}`;
      const gap = Math.max(0, sorted[i].arrivedAt - (sorted[i - 1].arrivedAt + sorted[i - 1].latencyMs));
      gaps.set(hop, [...(gaps.get(hop) ?? []), gap]);
    }
  }
  for (const list of gaps.values()) list.sort((a, b) => a - b);
  return gaps;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

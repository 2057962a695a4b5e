import { randomUUID } from 'node:crypto';
import { signInternalHeaders, type Principal } from '@sim/auth';
import { InProcessBus, MessageHeaders, type BusMessage, type Subscription } from '@sim/bus';
import {
  decode,
  encode,
  ScoreBand,
  SimulationOutcome,
  timestampFromDate,
  Topics,
  TurnRole,
  type TopicMessage,
  type TopicMessageInit,
} from '@sim/contracts';
import { LlmError, type Judge, type Judgement, type JudgeRequest, type LlmCallContext } from '@sim/llm';
import { startService, type RunningService } from '@sim/subgraph';
import { createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import type { EvaluationConfig } from './evaluation.config';
import { EVALUATION_CONFIG } from './evaluation.tokens';
import { EvaluationStore } from './evaluations/evaluation.store';
import { SimulationCompletedConsumer } from './evaluations/simulation-completed.consumer';
import { evaluationServiceWith } from './service.definition';

jest.setTimeout(60_000);

const SECRET = 'evaluation-spec-secret';
const TENANT_A = 'tenant-a';
const TENANT_B = 'tenant-b';

type Plan =
  | { kind: 'score'; score: number }
  | { kind: 'refuse' }
  | { kind: 'fail-retryably-once'; score: number }
  | { kind: 'fail-retryably' }
  | { kind: 'unusable' }
  | { kind: 'until-aborted' }
  | { kind: 'wait'; until: Promise<void>; score: number };

/** A judge that follows a plan per test-case name and counts its calls. */
class CountingJudge implements Judge {
  readonly engine = 'fake-judge/v1';
  readonly model = 'fake-model';
  readonly promptVersion = 'fake/1';
  private readonly plans = new Map<string, Plan>();
  private readonly counts = new Map<string, number>();

  plan(caseName: string, plan: Plan): void {
    this.plans.set(caseName, plan);
  }

  calls(caseName: string): number {
    return this.counts.get(caseName) ?? 0;
  }

  async judge(request: JudgeRequest, context?: LlmCallContext): Promise<Judgement> {
    const name = request.testCase.name;
    const call = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, call);
    const plan = this.plans.get(name) ?? { kind: 'score', score: 90 };
    switch (plan.kind) {
      case 'refuse':
        throw new LlmError('the model refused the request (400 Bad Request)', false);
      case 'fail-retryably-once':
        if (call === 1) throw new LlmError('the model endpoint answered 503 after 4 retries', true);
        return judgement(plan.score);
      case 'fail-retryably':
        throw new LlmError('the model endpoint answered 503 after 4 retries', true);
      case 'until-aborted':
        // A call that only ends when its caller gives up on it, as the LLM client's does.
        return new Promise((_, reject) => context?.signal?.addEventListener('abort', () => reject(new LlmError('aborted', true))));
      case 'unusable':
        return { ...judgement(50), score: 150 };
      case 'wait':
        await plan.until;
        return judgement(plan.score);
      default:
        return judgement(plan.score);
    }
  }
}

function judgement(score: number): Judgement {
  return {
    score,
    band: 'PASSED', // deliberately wrong for low scores: the band must come from the score
    summary: `Scored ${score}: the agent sent the tracking link in turn 1.`,
    criteria: [
      { criterion: 'The customer receives a tracking link', kind: 'USER', met: score >= 50, score, reasoning: 'turn 1: the agent sent a tracking link' },
      { criterion: 'The agent confirms the order number', kind: 'AGENT', met: true, score: 100, reasoning: 'turn 1: "DG-882341"' },
    ],
    simulatorError: null,
    engine: 'fake-judge/v1',
    model: 'fake-model',
    promptVersion: 'fake/1',
    usage: { promptTokens: 120, completionTokens: 30, costUsd: 0.0021 },
  };
}

interface Case {
  tenantId: string;
  runId: string;
  runCaseId: string;
  name: string;
}

function newCase(tenantId = TENANT_A): Case {
  return { tenantId, runId: randomUUID(), runCaseId: randomUUID(), name: `case ${randomUUID()}` };
}

type CompletionChanges = Pick<TopicMessageInit<'simulation.completed'>, 'attempt' | 'outcome' | 'endedBy' | 'error' | 'simulatorError' | 'simulatorErrorReason'>;

function completion(c: Case, changes: Partial<CompletionChanges> = {}): Uint8Array {
  return encode(Topics.simulationCompleted, {
    tenantId: c.tenantId,
    runId: c.runId,
    runCaseId: c.runCaseId,
    attempt: 1,
    outcome: SimulationOutcome.COMPLETED,
    endedBy: 'customer',
    turnCount: 2,
    completedAt: timestampFromDate(new Date()),
    testCase: {
      tenantId: c.tenantId,
      testCaseId: randomUUID(),
      name: c.name,
      toneOfVoice: 'Polite but impatient',
      behaviour: 'Ask where the order is.',
      personaFacts: [{ name: 'order_number', value: 'DG-882341' }],
      successCriteria: 'The customer receives a tracking link.',
      agentCriteria: 'The agent confirms the order number.',
    },
    transcript: [
      { index: 0, role: TurnRole.CUSTOMER, text: 'Where is my order DG-882341?', at: timestampFromDate(new Date()) },
      { index: 1, role: TurnRole.AGENT, text: 'Order DG-882341 is on its way: https://track.example/DG-882341', at: timestampFromDate(new Date()) },
    ],
    ...changes,
  });
}

interface Received {
  messageId: string;
  event: TopicMessage<'evaluation.completed'>;
}

describe('evaluation service (PostgreSQL, in-process bus)', () => {
  let database: TestPostgresDatabase;
  let bus: InProcessBus;
  let service: RunningService;
  let collector: Subscription;
  const judge = new CountingJudge();
  const received: Received[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sim_evaluation');
    bus = new InProcessBus();
    service = await startService(evaluationServiceWith({ judge, env: {} }), {
      database: { kind: 'postgres', url: database.url, poolSize: 5 },
      bus,
      port: 0,
      internalSecret: SECRET,
      logLevels: ['error'],
    });
    collector = await bus.subscribe({
      groupId: 'spec.collector',
      topics: [Topics.evaluationCompleted],
      fromBeginning: true,
      handler: async (message) => {
        received.push({ messageId: message.headers[MessageHeaders.messageId], event: decode(Topics.evaluationCompleted, message.value) });
      },
    });
  });

  afterAll(async () => {
    await collector?.close();
    await service?.close();
    await bus?.close();
    await database?.drop();
  });

  const eventsOf = (c: Case) => received.filter((r) => r.event.runCaseId === c.runCaseId).map((r) => r.event);

  async function publish(c: Case, value: Uint8Array, messageId = randomUUID()): Promise<void> {
    await bus.publish(Topics.simulationCompleted, [
      { key: c.runCaseId, value, headers: { [MessageHeaders.tenantId]: c.tenantId, [MessageHeaders.messageId]: messageId } },
    ]);
  }

  async function eventually(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The consumer called directly, as a second worker would: the same database, no bus. */
  function consumer(): SimulationCompletedConsumer {
    return service.app.get(SimulationCompletedConsumer);
  }

  function asBusMessage(c: Case, value: Uint8Array): BusMessage {
    return {
      topic: Topics.simulationCompleted,
      partition: 0,
      offset: '0',
      key: c.runCaseId,
      value,
      headers: { [MessageHeaders.tenantId]: c.tenantId, [MessageHeaders.messageId]: randomUUID() },
      attempt: 1,
    };
  }

  /**
   * A later attempt of the same case, published after the messages under test: it shares their
   * key, hence their partition, so once its verdict is out every earlier message was handled.
   */
  async function drainWithNextAttempt(c: Case, attempt: number): Promise<void> {
    await publish(c, completion(c, { attempt }));
    await eventually(() => eventsOf(c).some((e) => e.attempt === attempt), `the verdict of attempt ${attempt}`);
  }

  it('announces one verdict per completed case, banded by its score', async () => {
    const cases = [92, 65, 30].map((score) => {
      const c = newCase();
      judge.plan(c.name, { kind: 'score', score });
      return { c, score };
    });
    for (const { c } of cases) await publish(c, completion(c));
    await eventually(() => cases.every(({ c }) => eventsOf(c).length === 1), 'three verdicts');

    const bands = cases.map(({ c }) => eventsOf(c)[0].band);
    expect(bands).toEqual([ScoreBand.PASSED, ScoreBand.NEEDS_ATTENTION, ScoreBand.FAILED]);
    for (const { c, score } of cases) {
      const [event] = eventsOf(c);
      expect(event).toMatchObject({ tenantId: TENANT_A, runId: c.runId, attempt: 1, score, engine: 'fake-judge/v1', simulatorError: false });
      expect(event.error).toBeUndefined();
      expect(event.summary).toContain(`Scored ${score}`);
      expect(event.usage).toMatchObject({ promptTokens: 120, completionTokens: 30 });
      expect(event.usage?.costUsd).toBeCloseTo(0.0021);
      expect(event.evaluatedAt).toBeDefined();
      expect(judge.calls(c.name)).toBe(1);
    }
  });

  it('does not call the judge again when the same message is delivered twice', async () => {
    const c = newCase();
    const value = completion(c);
    const messageId = randomUUID();
    await publish(c, value, messageId);
    await publish(c, value, messageId);
    await drainWithNextAttempt(c, 2);

    expect(eventsOf(c).map((e) => e.attempt)).toEqual([1, 2]);
    expect(judge.calls(c.name)).toBe(2); // attempt 1 once, attempt 2 once
  });

  it('does not call the judge again for a second completion of the case under another message id', async () => {
    const c = newCase();
    await publish(c, completion(c));
    await publish(c, completion(c, { endedBy: 'agent' }));
    await drainWithNextAttempt(c, 2);

    expect(eventsOf(c).map((e) => e.attempt)).toEqual([1, 2]);
    expect(judge.calls(c.name)).toBe(2);
  });

  it('ignores a stale earlier attempt once a later one is judged', async () => {
    const c = newCase();
    await publish(c, completion(c, { attempt: 2 }));
    await publish(c, completion(c, { attempt: 1 }));
    await drainWithNextAttempt(c, 3);

    expect(eventsOf(c).map((e) => e.attempt)).toEqual([2, 3]);
    expect(judge.calls(c.name)).toBe(2);
  });

  it('leaves a conversation that ended in ERROR to the orchestrator', async () => {
    const c = newCase();
    await publish(c, completion(c, { outcome: SimulationOutcome.ERROR, endedBy: 'error', error: 'the agent did not answer' }));
    await drainWithNextAttempt(c, 2);

    expect(eventsOf(c).map((e) => e.attempt)).toEqual([2]);
    expect(judge.calls(c.name)).toBe(1);
  });

  it('ends the case with an error when the judge refuses for good', async () => {
    const c = newCase();
    judge.plan(c.name, { kind: 'refuse' });
    await publish(c, completion(c));
    await eventually(() => eventsOf(c).length === 1, 'the failed verdict');

    const [event] = eventsOf(c);
    expect(event.error).toMatch(/^The judge could not score the conversation: the model refused/);
    expect(event).toMatchObject({ band: ScoreBand.UNSPECIFIED, engine: 'fake-judge/v1', attempt: 1 });
    expect(judge.calls(c.name)).toBe(1);

    // A redelivery finds the failure stored and does not ask the judge again.
    await publish(c, completion(c));
    await drainWithNextAttempt(c, 2);
    expect(judge.calls(c.name)).toBe(2);
  });

  it('ends the case with an error when the verdict fails validation', async () => {
    const c = newCase();
    judge.plan(c.name, { kind: 'unusable' });
    await publish(c, completion(c));
    await eventually(() => eventsOf(c).length === 1, 'the failed verdict');

    expect(eventsOf(c)[0].error).toMatch(/^The judge returned an unusable verdict: score must be a number from 0 to 100/);
    expect(eventsOf(c)[0].usage?.promptTokens).toBe(120);
  });

  it('retries a retryable judge failure, and the retry is not blocked by its own claim', async () => {
    const c = newCase();
    judge.plan(c.name, { kind: 'fail-retryably-once', score: 81 });
    await publish(c, completion(c));
    await eventually(() => eventsOf(c).length === 1, 'the verdict after a retry');

    expect(eventsOf(c)[0]).toMatchObject({ score: 81, band: ScoreBand.PASSED });
    expect(judge.calls(c.name)).toBe(2);
  });

  it('ends the case with an error naming the failure when the judge fails on every attempt', async () => {
    const c = newCase();
    judge.plan(c.name, { kind: 'fail-retryably' });
    await publish(c, completion(c));
    await eventually(() => eventsOf(c).length === 1, 'the failed verdict');

    expect(eventsOf(c)[0].error).toBe('The judge could not be reached after 5 attempts: the model endpoint answered 503 after 4 retries');
    expect(judge.calls(c.name)).toBe(5);
  });

  it('acknowledges the message once the judge call is under way, not when it answers', async () => {
    const c = newCase();
    let release!: () => void;
    judge.plan(c.name, { kind: 'wait', until: new Promise<void>((resolve) => (release = resolve)), score: 70 });

    const { judged } = await consumer().accept(asBusMessage(c, completion(c)));
    expect(judge.calls(c.name)).toBe(1);
    expect(eventsOf(c)).toHaveLength(0);
    release();

    expect(await judged).toBe('evaluated');
    await eventually(() => eventsOf(c).length === 1, 'the verdict');
    expect(eventsOf(c)[0].score).toBe(70);
  });

  it('hands a case whose judge call it stopped back, and another worker judges it', async () => {
    const stopping = new SimulationCompletedConsumer(bus, service.db, service.relay, judge, service.app.get<EvaluationConfig>(EVALUATION_CONFIG));
    const c = newCase();
    judge.plan(c.name, { kind: 'until-aborted' });
    const { judged } = await stopping.accept(asBusMessage(c, completion(c)));
    judge.plan(c.name, { kind: 'score', score: 85 }); // what the next worker's judge answers

    await stopping.onApplicationShutdown();
    expect(await judged).toBe('handed-back');
    await eventually(() => eventsOf(c).length === 1, 'the verdict of the worker that took the case over');

    expect(eventsOf(c)[0]).toMatchObject({ score: 85, band: ScoreBand.PASSED });
    expect(judge.calls(c.name)).toBe(2);
    const claims = await service.db.withTenant(TENANT_A, (m) => m.query('SELECT 1 FROM evaluation_claim WHERE run_case_id = $1', [c.runCaseId]));
    expect(claims).toHaveLength(0);
  });

  it("still judges a conversation simulation marked as the simulator's fault, and passes that on", async () => {
    const c = newCase();
    judge.plan(c.name, { kind: 'score', score: 40 });
    await publish(c, completion(c, { simulatorError: true, simulatorErrorReason: 'the customer invented an order number' }));
    await eventually(() => eventsOf(c).length === 1, 'the verdict');

    expect(eventsOf(c)[0]).toMatchObject({ simulatorError: true, score: 40, band: ScoreBand.FAILED });
    expect(judge.calls(c.name)).toBe(1);
    const [row] = await service.db.withTenant(TENANT_A, (m) =>
      m.query('SELECT simulator_error FROM evaluation WHERE run_case_id = $1', [c.runCaseId]),
    );
    expect(row.simulator_error).toBe('the customer invented an order number');
  });

  it('lets only one of two workers judging the same case at once call the judge', async () => {
    const c = newCase();
    let release!: () => void;
    judge.plan(c.name, { kind: 'wait', until: new Promise<void>((resolve) => (release = resolve)), score: 77 });

    const first = consumer().handle(asBusMessage(c, completion(c)));
    await eventually(() => judge.calls(c.name) === 1, 'the first judge call');
    const second = await consumer().handle(asBusMessage(c, completion(c, { endedBy: 'agent' })));
    release();

    expect(second).toBe('claimed-elsewhere');
    expect(await first).toBe('evaluated');
    expect(judge.calls(c.name)).toBe(1);
    await eventually(() => eventsOf(c).length === 1, 'the verdict');
    const claims = await service.db.withTenant(TENANT_A, (m) => m.query('SELECT 1 FROM evaluation_claim WHERE run_case_id = $1', [c.runCaseId]));
    expect(claims).toHaveLength(0);
  });

  it('respects a fresh claim of another worker and takes an expired one over', async () => {
    const fresh = newCase();
    const expired = newCase();
    await service.db.withTenant(TENANT_A, async (m) => {
      const claim = `INSERT INTO evaluation_claim (run_case_id, tenant_id, attempt, token, claimed_at) VALUES ($1, $2, 1, $3, $4)`;
      await m.query(claim, [fresh.runCaseId, TENANT_A, randomUUID(), new Date()]);
      await m.query(claim, [expired.runCaseId, TENANT_A, randomUUID(), new Date(Date.now() - 10 * 60_000)]);
    });

    expect(await consumer().handle(asBusMessage(fresh, completion(fresh)))).toBe('claimed-elsewhere');
    expect(judge.calls(fresh.name)).toBe(0);
    expect(await consumer().handle(asBusMessage(expired, completion(expired)))).toBe('evaluated');
    expect(judge.calls(expired.name)).toBe(1);
  });

  it('renews its claim while the judge runs, so a slow judge is not taken over', async () => {
    // A second worker with a 1 s claim TTL: the claim renews every third of it.
    const config = { ...service.app.get<EvaluationConfig>(EVALUATION_CONFIG), claimTtlMs: 1_000 };
    const worker = new SimulationCompletedConsumer(bus, service.db, service.relay, judge, config);
    const c = newCase();
    let release!: () => void;
    judge.plan(c.name, { kind: 'wait', until: new Promise<void>((resolve) => (release = resolve)), score: 88 });

    const first = worker.handle(asBusMessage(c, completion(c)));
    await eventually(() => judge.calls(c.name) === 1, 'the first judge call');
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const second = await worker.handle(asBusMessage(c, completion(c)));
    release();

    expect(second).toBe('claimed-elsewhere');
    expect(await first).toBe('evaluated');
    expect(judge.calls(c.name)).toBe(1);
  });

  describe('GraphQL: TestRunCase.evaluation', () => {
    const viewer = (tenantId: string): Principal => ({ tenantId, userId: `viewer@${tenantId}`, roles: ['viewer'] });

    async function graphql(query: string, variables: Record<string, unknown>, principal: Principal | null) {
      const response = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(principal ? signInternalHeaders(principal, SECRET) : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] } };
    }

    const ENTITIES = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on TestRunCase {
          id
          evaluation {
            score band summary engine model promptVersion simulatorError evaluatedAt
            criteria { criterion kind met score reasoning }
            usage { promptTokens completionTokens costUsd }
          }
        }
      }
    }`;
    const representations = (...ids: string[]) => ({ representations: ids.map((id) => ({ __typename: 'TestRunCase', id })) });

    it("serves a case's verdict to its own tenant only", async () => {
      const scored = newCase(TENANT_A);
      const refused = newCase(TENANT_A);
      judge.plan(scored.name, { kind: 'score', score: 65 });
      judge.plan(refused.name, { kind: 'refuse' });
      await publish(scored, completion(scored));
      await publish(refused, completion(refused));
      await eventually(() => eventsOf(scored).length === 1 && eventsOf(refused).length === 1, 'both verdicts');

      const reads = jest.spyOn(EvaluationStore.prototype, 'findScored');
      const own = await graphql(ENTITIES, representations(scored.runCaseId, refused.runCaseId, randomUUID(), 'not-a-uuid'), viewer(TENANT_A));
      expect(own.body.errors).toBeUndefined();
      expect(reads).toHaveBeenCalledTimes(1); // one query for the whole page of cases
      reads.mockRestore();
      const [found, failed, unknown, malformed] = own.body.data!._entities as { id: string; evaluation: Record<string, unknown> | null }[];
      expect(found.id).toBe(scored.runCaseId);
      expect(found.evaluation).toMatchObject({
        score: 65,
        band: 'NEEDS_ATTENTION',
        summary: 'Scored 65: the agent sent the tracking link in turn 1.',
        engine: 'fake-judge/v1',
        model: 'fake-model',
        promptVersion: 'fake/1',
        simulatorError: null,
        usage: { promptTokens: 120, completionTokens: 30, costUsd: 0.0021 },
      });
      expect(found.evaluation!.criteria).toEqual([
        { criterion: 'The customer receives a tracking link', kind: 'USER', met: true, score: 65, reasoning: 'turn 1: the agent sent a tracking link' },
        { criterion: 'The agent confirms the order number', kind: 'AGENT', met: true, score: 100, reasoning: 'turn 1: "DG-882341"' },
      ]);
      expect(typeof found.evaluation!.evaluatedAt).toBe('string');
      expect(failed.evaluation).toBeNull(); // could not be judged: the case's error says why
      expect(unknown.evaluation).toBeNull();
      expect(malformed.evaluation).toBeNull();

      const other = await graphql(ENTITIES, representations(scored.runCaseId), viewer(TENANT_B));
      expect(other.body.errors).toBeUndefined();
      expect(other.body.data!._entities).toEqual([{ id: scored.runCaseId, evaluation: null }]);
    });

    it('refuses requests that did not come through the gateway', async () => {
      const response = await graphql(ENTITIES, representations(randomUUID()), null);
      expect(response.status).toBe(401);
    });

    it('keeps the evaluationStatus query', async () => {
      const response = await graphql('{ evaluationStatus { service ready } }', {}, viewer(TENANT_A));
      expect(response.body.data).toEqual({ evaluationStatus: { service: 'evaluation', ready: true } });
    });
  });
});

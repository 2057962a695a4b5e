import { create, equals } from '@bufbuild/protobuf';
import type { DescMessage, Message, MessageInitShape } from '@bufbuild/protobuf';
import {
  Codecs,
  ContractError,
  decode,
  encode,
  GenerationJobStatus,
  GenerationSource,
  ScoreBand,
  SimulationOutcome,
  TestCaseSourceKind,
  TestRunStatus,
  timestampDate,
  timestampFromDate,
  Topics,
  TopicSpecs,
  TurnRole,
} from './index';
import type { Topic, TopicMessageInit } from './index';

const at = timestampFromDate(new Date('2025-03-01T10:15:30.123Z'));

const snapshot = {
  tenantId: 'acme',
  testCaseId: 'tc-1',
  name: 'Where is my order',
  toneOfVoice: 'Impatient customer',
  behaviour: 'Asks for the delivery status of order DG-882341 and refuses to repeat it.',
  personaFacts: [{ name: 'order_number', value: 'DG-882341' }],
  successCriteria: 'The agent gives a tracking link within 4 turns.',
  language: 'de-DE',
  agentCriteria: 'Polite',
  type: 'Order Status',
  intent: 'Order Status :: Where Is My Order',
  sourceKind: TestCaseSourceKind.KNOWLEDGE_SOURCE,
  sourceRef: 'collection-7',
  createdAt: at,
  updatedAt: at,
  version: 9_007_199_254_740_993n, // beyond 2^53: int64 must survive as bigint
};

/** A fully populated message per topic; the mapped type fails to compile if a topic is missing. */
const samples: { [T in Topic]: TopicMessageInit<T> } = {
  [Topics.testcasesSnapshot]: snapshot,
  [Topics.testcasesGenerated]: {
    tenantId: 'acme',
    jobId: 'job-1',
    cases: [
      {
        name: 'Refund',
        toneOfVoice: 'Calm',
        behaviour: 'Wants a refund',
        personaFacts: [{ name: 'order', value: '1' }],
        successCriteria: 'Refund explained',
        sourceKind: TestCaseSourceKind.INTENTS,
        intent: 'refund',
        dedupeKey: 'job-1:0',
      },
    ],
  },
  [Topics.generationRequested]: {
    tenantId: 'acme',
    jobId: 'job-1',
    source: GenerationSource.HISTORICAL_TICKETS,
    intentIds: ['i-1', 'i-2'],
    casesPerIntent: 3,
    ticketFilter: { from: at, to: at, channels: ['email'], tags: ['vip'], intents: ['refund'], minCsat: 1, maxCsat: 3 },
    language: 'fr',
    count: 20,
    requestedBy: 'user-1',
  },
  [Topics.generationUpdated]: {
    tenantId: 'acme',
    jobId: 'job-1',
    status: GenerationJobStatus.FAILED,
    requested: 5,
    created: 2,
    testCaseIds: ['tc-1', 'tc-2'],
    error: 'model unavailable',
  },
  [Topics.simulationRequested]: {
    tenantId: 'acme',
    runId: 'run-1',
    runCaseId: 'rc-1',
    attempt: 2,
    widgetId: 'w-1',
    language: 'en',
    chatUrl: 'https://shop.example/help',
    metadataJson: '{"plan":"gold"}',
    maxTurns: 12,
    testCase: snapshot,
    deadline: at,
  },
  [Topics.simulationStep]: { tenantId: 'acme', runId: 'run-1', runCaseId: 'rc-1', attempt: 2, step: 3 },
  [Topics.simulationStarted]: { tenantId: 'acme', runId: 'run-1', runCaseId: 'rc-1', attempt: 2, at },
  [Topics.simulationTurn]: {
    tenantId: 'acme',
    runId: 'run-1',
    runCaseId: 'rc-1',
    index: 3,
    role: TurnRole.AGENT,
    text: 'Here is your tracking link.',
    at,
    attempt: 1,
  },
  [Topics.simulationCompleted]: {
    tenantId: 'acme',
    runId: 'run-1',
    runCaseId: 'rc-1',
    attempt: 1,
    outcome: SimulationOutcome.ERROR,
    endedBy: 'error',
    error: 'agent unreachable',
    turnCount: 2,
    simulatorError: true,
    simulatorErrorReason: 'customer model returned nothing',
    usage: { promptTokens: 1200, completionTokens: 80, costUsd: 0.0042 },
    completedAt: at,
    testCase: snapshot,
    transcript: [
      { index: 0, role: TurnRole.CUSTOMER, text: 'Where is my order?', at },
      { index: 1, role: TurnRole.AGENT, text: 'Which order?', at },
    ],
    language: 'en',
  },
  [Topics.evaluationCompleted]: {
    tenantId: 'acme',
    runId: 'run-1',
    runCaseId: 'rc-1',
    attempt: 1,
    score: 65,
    band: ScoreBand.NEEDS_ATTENTION,
    summary: 'Asked for the order number twice.',
    engine: 'offline-rules',
    usage: { promptTokens: 900, completionTokens: 150, costUsd: 0.001 },
    evaluatedAt: at,
  },
  [Topics.runUpdated]: {
    tenantId: 'acme',
    runId: 'run-1',
    status: TestRunStatus.COMPLETED_WITH_ERRORS,
    totalCases: 10,
    passedCases: 7,
    scoredCases: 9,
    erroredCases: 1,
    updatedAt: at,
    version: 42n,
  },
  [Topics.tenantsSettings]: {
    tenantId: 'acme',
    simulationsEnabled: true,
    maxActiveRuns: 3,
    maxCasesPerRun: 200,
    defaultMaxTurns: 12,
    version: 7n,
  },
  [Topics.chatWidgetsSnapshot]: {
    tenantId: 'acme',
    widgetId: 'w-1',
    name: 'Storefront bot',
    updatedAt: at,
    version: 4n,
  },
};

const allTopics = Object.values(Topics);

describe('topics', () => {
  it('has one spec per topic, compacting only the snapshot topics', () => {
    expect(TopicSpecs.map((spec) => spec.name).sort()).toEqual([...allTopics].sort());
    expect(TopicSpecs.filter((spec) => spec.compacted).map((spec) => spec.name).sort()).toEqual([
      'chatwidgets.snapshot',
      'tenants.settings',
      'testcases.snapshot',
    ]);
  });

  it('gives the per-case topics 32 partitions so one run spreads over consumers', () => {
    const partitions = Object.fromEntries(TopicSpecs.map((spec) => [spec.name, spec.partitions]));
    expect(partitions).toMatchObject({
      'simulation.requested': 32,
      'simulation.step': 32,
      'simulation.turn': 32,
      'simulation.completed': 32,
      'evaluation.completed': 32,
      'run.updated': 3,
      'testcases.snapshot': 3,
      'chatwidgets.snapshot': 3,
    });
  });

  it('binds every topic to a schema', () => {
    expect(Object.keys(Codecs).sort()).toEqual([...allTopics].sort());
  });
});

describe('encode/decode', () => {
  it.each(allTopics)('round-trips a fully populated %s message', (topic) => {
    const { expected, decoded } = roundTrip(topic);
    expect(decoded.$typeName).toBe(Codecs[topic].typeName);
    expect(equals(Codecs[topic] as DescMessage, decoded, expected)).toBe(true);
    expect(decoded).toMatchObject(samples[topic]);
  });

  it('keeps int64 versions and timestamps exact', () => {
    const decoded = decode(Topics.testcasesSnapshot, encode(Topics.testcasesSnapshot, snapshot));
    expect(decoded.version).toBe(9_007_199_254_740_993n);
    expect(timestampDate(decoded.updatedAt!).toISOString()).toBe('2025-03-01T10:15:30.123Z');
  });

  it('round-trips a tombstone snapshot with only its ids', () => {
    const bytes = encode(Topics.testcasesSnapshot, { tenantId: 'acme', testCaseId: 'tc-1', deleted: true, version: 3n });
    expect(decode(Topics.testcasesSnapshot, bytes)).toMatchObject({ deleted: true, name: '', version: 3n });
    const widget = encode(Topics.chatWidgetsSnapshot, { tenantId: 'acme', widgetId: 'w-1', deleted: true, version: 5n });
    expect(decode(Topics.chatWidgetsSnapshot, widget)).toMatchObject({ deleted: true, name: '', version: 5n });
  });

  it('refuses a chat widget snapshot that names no widget', () => {
    expect(() => encode(Topics.chatWidgetsSnapshot, { tenantId: 'acme', version: 1n })).toThrow(
      'Cannot encode simulations.v1.ChatWidgetSnapshot for topic "chatwidgets.snapshot": missing widgetId',
    );
  });

  it('rejects bytes that are not protobuf, naming the topic', () => {
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(() => decode(Topics.runUpdated, garbage)).toThrow(ContractError);
    expect(() => decode(Topics.runUpdated, garbage)).toThrow(
      /^Cannot decode message on topic "run\.updated" as simulations\.v1\.RunUpdated: /,
    );
  });

  it('rejects a JSON payload sent where protobuf is expected', () => {
    const json = new TextEncoder().encode(JSON.stringify({ tenantId: 'acme', runId: 'run-1' }));
    expect(() => decode(Topics.simulationCompleted, json)).toThrow(/topic "simulation\.completed"/);
  });

  it('rejects a message that decodes but lacks its required fields', () => {
    let error: unknown;
    try {
      decode(Topics.simulationRequested, new Uint8Array());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).topic).toBe('simulation.requested');
    expect((error as ContractError).message).toBe(
      'Invalid message on topic "simulation.requested": not a valid simulations.v1.SimulationRequested (missing tenantId, runId, runCaseId, widgetId, testCase)',
    );
  });

  it('refuses to encode a message with an unspecified status', () => {
    expect(() => encode(Topics.runUpdated, { tenantId: 'acme', runId: 'run-1' })).toThrow(
      'Cannot encode simulations.v1.RunUpdated for topic "run.updated": missing status',
    );
  });

  it('refuses topics it has no contract for', () => {
    expect(() => decode('run.updated.dlq' as Topic, new Uint8Array())).toThrow(
      'Cannot decode a message for topic "run.updated.dlq": no contract is defined for it',
    );
  });
});

/** Encodes a topic's sample and decodes it again, next to the message the sample describes. */
function roundTrip<T extends Topic>(topic: T) {
  const expected = create(Codecs[topic] as DescMessage, samples[topic] as MessageInitShape<DescMessage>);
  return { expected, decoded: decode(topic, encode(topic, samples[topic])) as Message };
}

import { Inject, Injectable } from '@nestjs/common';
import { deadLetterTopic, MessageHeaders, type BusMessage, type MessageBus, type SubscribeOptions } from '@sim/bus';
import { decode, Topics } from '@sim/contracts';
import { handleOnce, type Database, type OutboxRelay } from '@sim/persistence';
import { DATABASE, MESSAGE_BUS, OUTBOX_RELAY } from '@sim/subgraph';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../../orchestrator.config';
import { isUuid } from '../domain/start-run.input';
import { RunAnnouncer } from '../run-announcer';
import { RunProgress, type ProgressOutcome } from '../run-progress';
import { BusConsumer } from './bus-consumer';

export const DEAD_LETTER_GROUP = 'orchestrator.dead-letters';

/** The per-case topics whose dead letters end their case: nothing else will ever move it. */
const CASE_TOPICS = [Topics.simulationRequested, Topics.simulationStep, Topics.simulationCompleted, Topics.evaluationCompleted] as const;
type CaseTopic = (typeof CASE_TOPICS)[number];

/** The case a dead letter was about, read from its payload, else from its key (per-case topics are keyed by run-case id). */
interface DeadCase {
  runId: string | null;
  runCaseId: string;
  attempt: number | null;
}

/**
 * Ends a case as ERROR, with the dead letter's reason, when one of its messages could not be
 * handled after every retry (ARCHITECTURE.md: a case whose messages land in a DLQ never
 * hangs its run). A dead letter of an earlier attempt than the case's current one is stale.
 */
@Injectable()
export class DeadLetterConsumer extends BusConsumer {
  private readonly progress: RunProgress;

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    announcer: RunAnnouncer,
  ) {
    super(bus);
    this.progress = new RunProgress(db, announcer);
  }

  protected consumers(): SubscribeOptions[] {
    return [
      {
        groupId: DEAD_LETTER_GROUP,
        topics: CASE_TOPICS.map(deadLetterTopic),
        fromBeginning: true,
        partitionConcurrency: this.config.partitionConcurrency,
        handler: (message) => this.handle(message).then(() => undefined),
      },
    ];
  }

  async handle(message: BusMessage): Promise<ProgressOutcome | 'duplicate' | 'unreadable'> {
    const sourceTopic = CASE_TOPICS.find((topic) => deadLetterTopic(topic) === message.topic);
    const deadCase = sourceTopic ? readDeadCase(sourceTopic, message) : null;
    if (!deadCase || !message.headers[MessageHeaders.tenantId]) {
      this.logger.warn(`dead letter on ${message.topic} names no run case; ignored`);
      return 'unreadable';
    }
    const reason = message.headers[MessageHeaders.dlqReason] || `a message about the case could not be processed (${sourceTopic})`;
    let outcome = 'duplicate' as ProgressOutcome | 'duplicate';
    await handleOnce(this.db, DEAD_LETTER_GROUP, message, async (manager, tenantId) => {
      outcome = await this.progress.deadLettered(manager, tenantId, deadCase.runId, deadCase.runCaseId, deadCase.attempt, reason);
    });
    if (outcome === 'applied') this.relay.kick();
    return outcome;
  }
}

function readDeadCase(topic: CaseTopic, message: BusMessage): DeadCase | null {
  try {
    // Payloads are often dead-lettered precisely because they do not decode; the key still names the case.
    const decoded = decode(topic, message.value);
    return { runId: decoded.runId, runCaseId: decoded.runCaseId, attempt: decoded.attempt || null };
  } catch {
    return isUuid(message.key) ? { runId: null, runCaseId: message.key, attempt: null } : null;
  }
}

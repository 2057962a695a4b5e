import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MessageHeaders, PermanentMessageError, type BusMessage, type MessageBus, type Subscription } from '@sim/bus';
import { ContractError, decode, SimulationOutcome, Topics, type TopicMessage } from '@sim/contracts';
import type { Judge } from '@sim/llm';
import { tagCurrentWork } from '@sim/observability';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, MESSAGE_BUS, OUTBOX_RELAY } from '@sim/subgraph';
import type { EvaluationConfig } from '../evaluation.config';
import { EVALUATION_CONFIG, JUDGE } from '../evaluation.tokens';
import { evaluationCompletedMessage, judgeCase, toEntity, type Verdict } from './case-verdict';
import { claimCase, EvaluationStore, isUuid, saveVerdict, type ClaimOutcome } from './evaluation.store';
import { toJudgeRequest } from './judge-request';

export const JUDGE_CONSUMER_GROUP = 'evaluation.judge';

/** What handling one message did; tests and logs read it, nothing else does. */
export type JudgingOutcome = 'evaluated' | 'failed' | 'not-completed' | Exclude<ClaimOutcome, 'claimed'>;

/** How long shutdown waits for judge calls it aborted to release their claims. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * Judges every conversation that ran to an end, once per case.
 *
 * The judge is called once per (case, attempt), however often the message arrives (Kafka
 * delivers at least once; simulation may complete a case twice). The guard is in the
 * database, never in memory, because redeliveries land on other workers:
 *
 * 1. A short transaction claims the case in `evaluation_claim`. The judge call takes seconds
 *    and must run outside any transaction, so a row lock cannot serialise two workers
 *    holding the same case (a partition moving during a rebalance, a duplicate completion
 *    under another message id); the claim row does, cheaply. A claim younger than
 *    EVALUATION_CLAIM_TTL_MS means another worker is judging: this message is acknowledged
 *    without calling the judge, and that worker announces the verdict. A claim older than
 *    that belongs to a worker presumed dead and is taken over. The holder renews its claim
 *    while the judge runs, so a slow judge (retries, rate limits) is not taken over. A worker
 *    killed mid-call leaves its claim behind: a redelivery within the TTL is then dropped,
 *    and the orchestrator's deadline sweeper re-dispatches the case as a new attempt, which
 *    takes the claim over at once.
 * 2. The judge runs, with no transaction open.
 * 3. One transaction stores the verdict (`INSERT ... ON CONFLICT DO NOTHING`, or replacing
 *    an earlier attempt's) and, only if this call stored it, enqueues `evaluation.completed`
 *    through the outbox; the claim is released in the same transaction.
 */
@Injectable()
export class SimulationCompletedConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SimulationCompletedConsumer.name);
  private subscription: Subscription | undefined;
  /** Aborts judge calls in progress when the service stops, so their claims are released at once. */
  /** Shared by every call in flight, hence no listener limit. */
  private readonly stopping = unlimitedAbortController();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(JUDGE) private readonly judge: Judge,
    @Inject(EVALUATION_CONFIG) private readonly config: EvaluationConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: JUDGE_CONSUMER_GROUP,
      topics: [Topics.simulationCompleted],
      partitionConcurrency: this.config.partitionConcurrency,
      maxInFlightPerPartition: this.config.maxInFlightPerPartition,
      handler: async (message) => {
        await this.track(this.handle(message));
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
    this.stopping.abort(new Error('the evaluation service is shutting down'));
    // Let aborted handlers release their claims while the database is still open.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS)));
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
  }

  async handle(message: BusMessage): Promise<JudgingOutcome> {
    const completed = readMessage(message);
    if (completed.outcome !== SimulationOutcome.COMPLETED) return 'not-completed'; // the orchestrator ends that case
    assertJudgeable(completed);
    const request = toJudgeRequest(completed);
    const { tenantId, runCaseId, attempt } = completed;

    const token = randomUUID();
    const claim = await claimCase(this.db, tenantId, runCaseId, attempt, token, this.config.claimTtlMs);
    if (claim !== 'claimed') {
      this.logger.debug(`run case ${runCaseId} attempt ${attempt}: ${claim}, not judged again`);
      return claim;
    }

    let verdict: Verdict;
    try {
      verdict = await this.keepingClaim(tenantId, runCaseId, token, () => judgeCase(this.judge, request, { tenantId, signal: this.stopping.signal }));
    } catch (error) {
      // The bus retries the message (or dead-letters it): free the case for that retry now.
      await this.db
        .withTenant(tenantId, (m) => new EvaluationStore(m, tenantId).releaseClaim(runCaseId, token))
        .catch((releaseError: Error) => this.logger.warn(`could not release the claim on run case ${runCaseId}: ${releaseError.message}`));
      throw error;
    }

    const evaluation = toEntity(completed, verdict, this.judge, new Date());
    const stored = await saveVerdict(this.db, tenantId, evaluation, token, {
      tenantId,
      topic: Topics.evaluationCompleted,
      key: runCaseId,
      value: evaluationCompletedMessage(evaluation),
    });
    if (!stored) return 'already-evaluated';
    this.relay.kick();
    if (evaluation.error) this.logger.warn(`run case ${runCaseId} attempt ${attempt} could not be judged: ${evaluation.error}`);
    return evaluation.error ? 'failed' : 'evaluated';
  }

  /** Renews the claim every third of its TTL while `work` runs. */
  private async keepingClaim<T>(tenantId: string, runCaseId: string, token: string, work: () => Promise<T>): Promise<T> {
    const renew = () =>
      this.db
        .withTenant(tenantId, (m) => new EvaluationStore(m, tenantId).renewClaim(runCaseId, token))
        .then((held) => {
          if (!held) this.logger.warn(`the claim on run case ${runCaseId} was taken over while its judge was running`);
        })
        .catch((error: Error) => this.logger.warn(`could not renew the claim on run case ${runCaseId}: ${error.message}`));
    const timer = setInterval(() => void renew(), Math.max(100, Math.floor(this.config.claimTtlMs / 3)));
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(work);
    }
  }
}

/** Decodes a message; one that no retry could make readable is dead-lettered at once. */
function readMessage(message: BusMessage): TopicMessage<'simulation.completed'> {
  let completed: TopicMessage<'simulation.completed'>;
  try {
    completed = decode(Topics.simulationCompleted, message.value);
  } catch (error) {
    if (error instanceof ContractError) throw new PermanentMessageError(error.message);
    throw error;
  }
  tagCurrentWork(completed); // logs and the span name the run and run case from here on
  const headerTenant = message.headers[MessageHeaders.tenantId];
  if (headerTenant && headerTenant !== completed.tenantId) {
    throw new PermanentMessageError(`simulation.completed of tenant "${completed.tenantId}" arrived with tenant header "${headerTenant}"`);
  }
  return completed;
}

/** Ids the verdict is stored under; a producer bug otherwise, dead-lettered so the orchestrator ends the case. */
function assertJudgeable(completed: TopicMessage<'simulation.completed'>): void {
  if (!isUuid(completed.runCaseId)) throw new PermanentMessageError(`run case id "${completed.runCaseId}" is not a UUID`);
  if (!isUuid(completed.runId)) throw new PermanentMessageError(`run id "${completed.runId}" is not a UUID`);
  if (completed.attempt < 1) throw new PermanentMessageError(`run case ${completed.runCaseId} has attempt ${completed.attempt}; attempts start at 1`);
}

function unlimitedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

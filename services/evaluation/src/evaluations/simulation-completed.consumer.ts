import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  backoffDelayMs,
  ConcurrencyLimit,
  defaultRetryPolicy,
  MessageHeaders,
  PermanentMessageError,
  type BusMessage,
  type MessageBus,
  type Subscription,
} from '@sim/bus';
import { ContractError, decode, SimulationOutcome, Topics, type TopicMessage } from '@sim/contracts';
import { noUsage, type Judge } from '@sim/llm';
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
export type JudgingOutcome = 'evaluated' | 'failed' | 'not-completed' | 'handed-back' | Exclude<ClaimOutcome, 'claimed'>;

/** How long shutdown lets judge calls in progress finish before it aborts them. */
const FINISH_GRACE_MS = 2_000;
/** How long shutdown waits for judge calls it aborted to hand their cases back. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * Judges every conversation that ran to an end, once per case.
 *
 * The judge is called once per (case, attempt), however often the message arrives (Kafka
 * delivers at least once; simulation may complete a case twice). The guard is in the
 * database, never in memory, because redeliveries land on other workers:
 *
 * 1. The bus handler claims the case in `evaluation_claim` (one statement) and returns: the
 *    judge call runs in the background, so the consumer fetches on while it runs (ADR 0021).
 *    Holding the message for the call would hold up the consumer's whole fetch round behind
 *    the slowest judge, since kafkajs fetches again only when every partition's batch is
 *    done. A claim younger than EVALUATION_CLAIM_TTL_MS means another
 *    worker is judging: the message is acknowledged without calling the judge, and that
 *    worker announces the verdict. A claim older than that belongs to a worker presumed dead
 *    and is taken over. The holder renews its claim while the judge runs, so a slow judge
 *    (retries, rate limits) is not taken over.
 * 2. The judge runs, with no transaction open. A failure a retry may mend is retried here,
 *    with the bus's backoff; after the last attempt the case gets a failed verdict saying why,
 *    and ends as ERROR.
 * 3. One statement stores the verdict (`INSERT ... ON CONFLICT DO NOTHING`, or replacing an
 *    earlier attempt's) and, only if this call stored it, enqueues `evaluation.completed`
 *    through the outbox; the claim is released in the same statement.
 *
 * A worker that stops mid-call releases its claims and puts their messages back on
 * `simulation.completed` through the outbox, under their own message ids (which the
 * orchestrator has seen already): another worker, or this one restarted, judges them. A
 * worker killed mid-call leaves its claim behind: the orchestrator's deadline sweeper
 * re-dispatches the case as a new attempt, which takes the claim over at once.
 */
@Injectable()
export class SimulationCompletedConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SimulationCompletedConsumer.name);
  private subscription: Subscription | undefined;
  /** Aborts the judge calls still running at shutdown, so their cases are handed back at once; shared by every call, hence no listener limit. */
  private readonly stopping = unlimitedAbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Judge calls of this process at once: as many as its partitions could hand it before. */
  private readonly limit: ConcurrencyLimit;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(JUDGE) private readonly judge: Judge,
    @Inject(EVALUATION_CONFIG) private readonly config: EvaluationConfig,
  ) {
    this.limit = new ConcurrencyLimit(config.partitionConcurrency * config.maxInFlightPerPartition);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: JUDGE_CONSUMER_GROUP,
      topics: [Topics.simulationCompleted],
      partitionConcurrency: this.config.partitionConcurrency,
      maxInFlightPerPartition: this.config.maxInFlightPerPartition,
      handler: async (message) => {
        await this.accept(message);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
    // A judge call is paid for: let those about to answer finish, then stop the rest.
    await this.settleInFlight(FINISH_GRACE_MS);
    this.stopping.abort(new Error('the evaluation service is shutting down'));
    // Let aborted calls hand their cases back while the database is still open.
    await this.settleInFlight(SHUTDOWN_GRACE_MS);
  }

  private async settleInFlight(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
  }

  /** Handles a message to its end: claims the case, judges it and stores the verdict. */
  async handle(message: BusMessage): Promise<JudgingOutcome> {
    return (await this.accept(message)).judged;
  }

  /**
   * Claims the case and starts its judge call; resolves once the call is under way, or at once
   * when there is nothing to judge. `judged` resolves with what became of the case. Waits for
   * a free judging slot first, so a busy worker takes no more messages than it can judge.
   */
  async accept(message: BusMessage): Promise<{ judged: Promise<JudgingOutcome> }> {
    const completed = readMessage(message);
    if (completed.outcome !== SimulationOutcome.COMPLETED) return { judged: Promise.resolve('not-completed') }; // the orchestrator ends that case
    assertJudgeable(completed);
    const { tenantId, runCaseId, attempt } = completed;

    const slot = await this.limit.acquire();
    let claim: ClaimOutcome;
    const token = randomUUID();
    try {
      claim = await claimCase(this.db, tenantId, runCaseId, attempt, token, this.config.claimTtlMs);
    } catch (error) {
      slot.release();
      throw error;
    }
    if (claim !== 'claimed') {
      slot.release();
      this.logger.debug(`run case ${runCaseId} attempt ${attempt}: ${claim}, not judged again`);
      return { judged: Promise.resolve(claim) };
    }
    const judged = this.track(this.judgeClaimed(completed, token, message)).finally(() => slot.release());
    // Failures are logged where they happen; a caller that does not wait must not see them unhandled.
    judged.catch(() => undefined);
    return { judged };
  }

  private async judgeClaimed(completed: TopicMessage<'simulation.completed'>, token: string, message: BusMessage): Promise<JudgingOutcome> {
    const { tenantId, runCaseId, attempt } = completed;
    const verdict = await this.keepingClaim(tenantId, runCaseId, token, () => this.judgeWithRetries(completed));
    if (verdict === 'stopped') {
      await this.handBack(completed, token, message);
      return 'handed-back';
    }
    const evaluation = toEntity(completed, verdict, this.judge, new Date());
    const stored = await saveVerdict(this.db, tenantId, evaluation, token, {
      tenantId,
      topic: Topics.evaluationCompleted,
      key: runCaseId,
      value: evaluationCompletedMessage(evaluation),
    }).catch((error: Error) => {
      // The claim stays until it expires; the orchestrator's deadline ends or re-runs the case.
      this.logger.error(`run case ${runCaseId} attempt ${attempt}: the verdict could not be stored: ${error.message}`);
      throw error;
    });
    if (!stored) return 'already-evaluated';
    this.relay.kick();
    if (evaluation.error) this.logger.warn(`run case ${runCaseId} attempt ${attempt} could not be judged: ${evaluation.error}`);
    return evaluation.error ? 'failed' : 'evaluated';
  }

  /** The judge's verdict, retrying failures a retry may mend; 'stopped' when the service stops first. */
  private async judgeWithRetries(completed: TopicMessage<'simulation.completed'>): Promise<Verdict | 'stopped'> {
    const request = toJudgeRequest(completed);
    const signal = this.stopping.signal;
    for (let attempt = 1; ; attempt++) {
      try {
        return await judgeCase(this.judge, request, { tenantId: completed.tenantId, signal });
      } catch (error) {
        if (signal.aborted) return 'stopped';
        const reason = error instanceof Error ? error.message : String(error);
        if (attempt >= defaultRetryPolicy.maxAttempts) {
          return { kind: 'failed', error: `The judge could not be reached after ${attempt} attempts: ${reason}`, usage: noUsage() };
        }
        this.logger.warn(`run case ${completed.runCaseId}: judge call ${attempt} failed (${reason}); retrying`);
        if (!(await pause(backoffDelayMs(defaultRetryPolicy, attempt), signal))) return 'stopped';
      }
    }
  }

  /** Frees the case and puts its message back for another worker, in one transaction. */
  private async handBack(completed: TopicMessage<'simulation.completed'>, token: string, message: BusMessage): Promise<void> {
    const { tenantId, runCaseId } = completed;
    await this.db
      .withTenant(tenantId, (m) => new EvaluationStore(m, tenantId).handBack(runCaseId, token, { tenantId, topic: Topics.simulationCompleted, key: runCaseId, value: message.value, headers: message.headers }))
      .then(() => this.relay.kick())
      .catch((error: Error) => this.logger.warn(`could not hand run case ${runCaseId} back: ${error.message}; its claim expires instead`));
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

/** Waits `ms`; false when the signal aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const done = (finished: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(finished);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort);
  });
}

function unlimitedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

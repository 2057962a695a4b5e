import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MessageHeaders, PermanentMessageError, type BusMessage, type MessageBus, type Subscription } from '@sim/bus';
import { ContractError, decode, encode, TestCaseSourceKind, Topics, type TopicMessage } from '@sim/contracts';
import { caseFingerprint, generatedCaseId, generatedDedupeKey, type GeneratedCase, type TestCaseGenerator } from '@sim/llm';
import { enqueueOutbox, type Database, type OutboxRelay } from '@sim/persistence';
import { DATABASE, MESSAGE_BUS, OUTBOX_RELAY } from '@sim/subgraph';
import { SourcesReader } from '../sources';
import { publishJobUpdated } from './generation-events';
import { GenerationJobStore, isUuid, type GenerationJob } from './generation-job.store';
import { GENERATION_JOBS_CONFIG, TEST_CASE_GENERATOR, type GenerationJobsConfig } from './jobs.config';
import { readMaterial } from './material';

export const GENERATION_JOBS_GROUP = 'generation.jobs';

/** What handling one message did; tests and logs read it. */
export type JobOutcome = 'completed' | 'failed' | 'not-startable';

/**
 * Runs generation jobs. A job runs once however often `generation.requested` arrives: the
 * QUEUED -> RUNNING update succeeds for one delivery only (a RUNNING job is taken over only
 * once it is stale, its worker presumed dead). The generator call runs outside any
 * transaction; the cases, COMPLETED and `generation.updated` commit together, and the case
 * ids derive from (tenant, job, position), so even a takeover that generates again hands
 * test-cases the same ids, which it stores once.
 */
@Injectable()
export class GenerationRequestedConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GenerationRequestedConsumer.name);
  private subscription: Subscription | undefined;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(TEST_CASE_GENERATOR) private readonly generator: TestCaseGenerator,
    @Inject(GENERATION_JOBS_CONFIG) private readonly config: GenerationJobsConfig,
    private readonly sources: SourcesReader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: GENERATION_JOBS_GROUP,
      topics: [Topics.generationRequested],
      partitionConcurrency: this.config.partitionConcurrency,
      handler: async (message) => {
        await this.handle(message);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
    this.stopping.abort(new Error('the generation service is shutting down'));
  }

  async handle(message: BusMessage): Promise<JobOutcome> {
    const requested = readMessage(message);
    const { tenantId, jobId } = requested;
    const job = await this.transition(tenantId, (store) => store.start(jobId, this.config.jobStaleMs));
    if (!job) {
      this.logger.debug(`generation job ${jobId}: already running or finished, not started again`);
      return 'not-startable';
    }
    try {
      const cases = await this.generate(job);
      const finished = await this.db.withTenant(tenantId, async (manager) => {
        const done = await new GenerationJobStore(manager, tenantId).complete(jobId, { testCaseIds: cases.map((c) => c.id), engine: this.generator.engine });
        if (!done) return null; // taken over meanwhile: the other worker reports
        if (cases.length > 0) {
          await enqueueOutbox(manager, { tenantId, topic: Topics.testcasesGenerated, key: jobId, value: generatedMessage(job, cases) });
        }
        await publishJobUpdated(manager, done);
        return done;
      });
      this.relay.kick();
      return finished ? 'completed' : 'not-startable';
    } catch (error) {
      if (this.stopping.signal.aborted) throw error; // shutting down: the job is taken over once stale
      const reason = `Generation failed: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.warn(`generation job ${jobId}: ${reason}`);
      await this.transition(tenantId, (store) => store.fail(jobId, reason));
      return 'failed';
    }
  }

  /** The job's cases: generated from its material, repeats within the job dropped, at most as many as requested, each with its id. */
  private async generate(job: GenerationJob): Promise<IdentifiedCase[]> {
    const request = job.request;
    const material = await this.db.withTenant(job.tenantId, (manager) => readMaterial(this.sources, manager, job.tenantId, request));
    if (material.length === 0) throw new Error('the source has nothing to generate from any more');
    const result = await this.generator.generate(
      {
        source: request.source,
        material,
        count: job.requested,
        casesPerIntent: request.source === 'INTENTS' ? request.casesPerIntent : undefined,
        language: request.language,
      },
      { tenantId: job.tenantId, signal: this.stopping.signal },
    );
    const seen = new Set<string>();
    const unique = result.cases.filter((generated) => {
      const key = caseFingerprint(generated.name, generated.behaviour);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return unique.slice(0, job.requested).map((generated, index) => {
      const dedupeKey = generatedDedupeKey(job.id, index);
      return { ...generated, dedupeKey, id: generatedCaseId(job.tenantId, dedupeKey) };
    });
  }

  /** One state change and its `generation.updated`, committed together. */
  private async transition(tenantId: string, change: (store: GenerationJobStore) => Promise<GenerationJob | null>): Promise<GenerationJob | null> {
    const job = await this.db.withTenant(tenantId, async (manager) => {
      const changed = await change(new GenerationJobStore(manager, tenantId));
      if (changed) await publishJobUpdated(manager, changed);
      return changed;
    });
    if (job) this.relay.kick();
    return job;
  }
}

type IdentifiedCase = GeneratedCase & { id: string; dedupeKey: string };

function generatedMessage(job: GenerationJob, cases: IdentifiedCase[]): Uint8Array {
  return encode(Topics.testcasesGenerated, {
    tenantId: job.tenantId,
    jobId: job.id,
    cases: cases.map((c) => ({
      name: c.name,
      toneOfVoice: c.toneOfVoice,
      behaviour: c.behaviour,
      personaFacts: c.personaFacts,
      successCriteria: c.successCriteria,
      language: c.language,
      agentCriteria: c.agentCriteria ?? undefined,
      type: c.type ?? undefined,
      intent: c.intent ?? undefined,
      sourceKind: TestCaseSourceKind[job.source],
      sourceRef: c.sourceRef,
      dedupeKey: c.dedupeKey,
    })),
  });
}

/** Decodes a message; one that no retry could make readable is dead-lettered at once. */
function readMessage(message: BusMessage): TopicMessage<'generation.requested'> {
  let requested: TopicMessage<'generation.requested'>;
  try {
    requested = decode(Topics.generationRequested, message.value);
  } catch (error) {
    if (error instanceof ContractError) throw new PermanentMessageError(error.message);
    throw error;
  }
  const headerTenant = message.headers[MessageHeaders.tenantId];
  if (headerTenant && headerTenant !== requested.tenantId) {
    throw new PermanentMessageError(`generation.requested of tenant "${requested.tenantId}" arrived with tenant header "${headerTenant}"`);
  }
  if (!requested.tenantId || !isUuid(requested.jobId)) throw new PermanentMessageError(`generation.requested names no tenant or a job id that is not a UUID ("${requested.jobId}")`);
  return requested;
}

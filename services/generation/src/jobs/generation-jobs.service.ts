import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sim/auth';
import { NotFoundError } from '@sim/errors';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { SourcesReader } from '../sources';
import { requestedCount, validateGenerationInput, type GenerateTestCasesInputValue } from './domain/generation-request';
import { publishJobRequested, publishJobUpdated } from './generation-events';
import { GenerationJobStore, type GenerationJob } from './generation-job.store';
import { assertSourceUsable } from './material';

/** Accepts generation requests (the worker does the generating) and reads jobs. */
@Injectable()
export class GenerationJobsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly sources: SourcesReader,
  ) {}

  /**
   * Validates the input, checks the source exists and is not empty, and stores a QUEUED job
   * with its `generation.requested` in one transaction; the worker picks it up from the bus.
   */
  async request(principal: Principal, input: GenerateTestCasesInputValue): Promise<GenerationJob> {
    const request = validateGenerationInput(input);
    const tenantId = principal.tenantId;
    const job = await this.db.withTenant(tenantId, async (manager) => {
      await assertSourceUsable(this.sources, manager, tenantId, request);
      const now = new Date();
      const created: GenerationJob = {
        id: randomUUID(),
        tenantId,
        status: 'QUEUED',
        source: request.source,
        request,
        requested: requestedCount(request),
        created: 0,
        testCaseIds: [],
        error: null,
        engine: null,
        requestedBy: principal.userId,
        createdAt: now,
        startedAt: null,
        finishedAt: null,
        updatedAt: now,
      };
      await new GenerationJobStore(manager, tenantId).insert(created);
      await publishJobRequested(manager, created);
      await publishJobUpdated(manager, created);
      return created;
    });
    this.relay.kick();
    return job;
  }

  get(principal: Principal, id: string): Promise<GenerationJob | null> {
    return this.db.withTenant(principal.tenantId, (manager) => new GenerationJobStore(manager, principal.tenantId).find(id));
  }

  async getOrFail(principal: Principal, id: string): Promise<GenerationJob> {
    const job = await this.get(principal, id);
    if (!job) throw new NotFoundError('generation job', id);
    return job;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Principal } from '@sim/auth';
import type { Database } from '@sim/persistence';
import { DATABASE } from '@sim/subgraph';
import type { EvaluationEntity } from './evaluation.entity';
import { EvaluationStore } from './evaluation.store';

/**
 * Reads verdicts for GraphQL. A run page asks for the evaluation of every case it shows:
 * one DataLoader per request (kept with the request's context object, so it never outlives
 * the request nor mixes callers) turns those into one query in the caller's tenant.
 */
@Injectable()
export class EvaluationReader {
  private readonly loaders = new WeakMap<object, DataLoader<string, EvaluationEntity | null>>();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  load(requestContext: object, principal: Principal, runCaseId: string): Promise<EvaluationEntity | null> {
    let loader = this.loaders.get(requestContext);
    if (!loader) {
      loader = new DataLoader((ids) => this.batch(principal.tenantId, ids), { maxBatchSize: 500 });
      this.loaders.set(requestContext, loader);
    }
    return loader.load(runCaseId);
  }

  private async batch(tenantId: string, runCaseIds: readonly string[]): Promise<(EvaluationEntity | null)[]> {
    const found = await this.db.withTenant(tenantId, (m) => new EvaluationStore(m, tenantId).findScored(runCaseIds));
    const byId = new Map(found.map((e) => [e.runCaseId, e]));
    // PostgreSQL returns UUIDs in lower case; callers may send either.
    return runCaseIds.map((id) => byId.get(id.toLowerCase()) ?? null);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { MessageHeaders, PermanentMessageError, type BusMessage, type MessageBus, type SubscribeOptions } from '@sim/bus';
import { Topics } from '@sim/contracts';
import type { Database } from '@sim/persistence';
import { DATABASE, MESSAGE_BUS } from '@sim/subgraph';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../../orchestrator.config';
import { isUuid } from '../domain/start-run.input';
import { BusConsumer, decodeOrDeadLetter } from './bus-consumer';

/**
 * Keeps the local copy of test cases from the compacted `testcases.snapshot` topic, read
 * from the beginning, so that starting a run needs no call to test-cases. Idempotent by
 * version: a snapshot not newer than the one held (a replay, a late redelivery) changes nothing.
 */
@Injectable()
export class TestCaseProjectionConsumer extends BusConsumer {
  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {
    super(bus);
  }

  protected consumers(): SubscribeOptions[] {
    return [
      {
        groupId: 'orchestrator.testcases',
        topics: [Topics.testcasesSnapshot],
        fromBeginning: true,
        partitionConcurrency: this.config.partitionConcurrency,
        handler: (message) => this.handle(message).then(() => undefined),
      },
    ];
  }

  async handle(message: BusMessage): Promise<boolean> {
    const snapshot = decodeOrDeadLetter(Topics.testcasesSnapshot, message.value);
    const headerTenant = message.headers[MessageHeaders.tenantId];
    if (headerTenant && headerTenant !== snapshot.tenantId) {
      throw new PermanentMessageError(`snapshot of tenant "${snapshot.tenantId}" arrived with tenant header "${headerTenant}"`);
    }
    if (!isUuid(snapshot.testCaseId)) throw new PermanentMessageError(`test case id "${snapshot.testCaseId}" is not a UUID`);
    return this.db.withTenant(snapshot.tenantId, async (manager) => {
      const stored: unknown[] = await manager.query(
        `INSERT INTO test_case_projection (test_case_id, tenant_id, version, snapshot, deleted, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (test_case_id) DO UPDATE
           SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at
           WHERE test_case_projection.version < EXCLUDED.version AND test_case_projection.tenant_id = EXCLUDED.tenant_id
         RETURNING 1`,
        [snapshot.testCaseId, snapshot.tenantId, snapshot.version.toString(), Buffer.from(message.value), snapshot.deleted],
      );
      return stored.length > 0;
    });
  }
}

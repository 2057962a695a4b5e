import { Inject, Injectable } from '@nestjs/common';
import { MessageHeaders, PermanentMessageError, type BusMessage, type MessageBus, type SubscribeOptions } from '@sim/bus';
import { Topics } from '@sim/contracts';
import type { Database } from '@sim/persistence';
import { DATABASE, MESSAGE_BUS } from '@sim/subgraph';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../../orchestrator.config';
import { isUuid } from '../domain/start-run.input';
import { BusConsumer, decodeOrDeadLetter } from './bus-consumer';

export const ProjectionGroups = {
  testCases: 'orchestrator.testcases',
  chatWidgets: 'orchestrator.chatwidgets',
} as const;

/** What a snapshot did: stored; not newer than the one held; or about an id another tenant holds. */
export type ProjectionOutcome = 'applied' | 'stale' | 'other-tenant';

/**
 * A snapshot stored when it is newer than the one held, in one statement. The insert does
 * nothing on an existing id and the update sees only the tenant's own row: an upsert would
 * meet row-level security on another tenant's row and fail (to be retried, then
 * dead-lettered) instead of skipping it. `held` tells a stale snapshot from one whose id
 * belongs to someone else. $1 is the id, $2 the tenant, $3 the version; `columns` follow.
 */
function storeSnapshotStatement(table: string, idColumn: string, columns: readonly string[]): string {
  const values = columns.map((_, i) => `$${i + 4}`);
  const assignments = columns.map((column, i) => `${column} = ${values[i]}`);
  return `WITH inserted AS (
    INSERT INTO ${table} (${idColumn}, tenant_id, version, ${columns.join(', ')}, updated_at)
    VALUES ($1, $2, $3, ${values.join(', ')}, now())
    ON CONFLICT (${idColumn}) DO NOTHING
    RETURNING 1
  ),
  updated AS (
    UPDATE ${table} SET version = $3, ${assignments.join(', ')}, updated_at = now()
     WHERE ${idColumn} = $1 AND tenant_id = $2 AND version < $3
    RETURNING 1
  )
  SELECT EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM updated) AS stored,
         EXISTS (SELECT 1 FROM ${table} WHERE ${idColumn} = $1 AND tenant_id = $2) AS held`;
}

const STORE_TEST_CASE_SNAPSHOT = storeSnapshotStatement('test_case_projection', 'test_case_id', ['snapshot', 'deleted']);
const STORE_WIDGET_SNAPSHOT = storeSnapshotStatement('chat_widget_projection', 'widget_id', ['name', 'deleted']);

/**
 * Keeps the local copies of what other services own, each from its compacted snapshot topic
 * read from the beginning, so that starting a run needs no call to them: test cases
 * (`testcases.snapshot`) and chat widgets (`chatwidgets.snapshot`, ADR 0024). Idempotent by
 * version: a snapshot not newer than the one held (a replay, a late redelivery) changes nothing.
 */
@Injectable()
export class ProjectionConsumer extends BusConsumer {
  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {
    super(bus);
  }

  protected consumers(): SubscribeOptions[] {
    const common = { fromBeginning: true, partitionConcurrency: this.config.partitionConcurrency };
    return [
      { ...common, groupId: ProjectionGroups.testCases, topics: [Topics.testcasesSnapshot], handler: (m) => this.onTestCase(m).then(() => undefined) },
      { ...common, groupId: ProjectionGroups.chatWidgets, topics: [Topics.chatWidgetsSnapshot], handler: (m) => this.onChatWidget(m).then(() => undefined) },
    ];
  }

  /** Stores the test case's snapshot as published, so a run copies exactly that into its case. */
  async onTestCase(message: BusMessage): Promise<ProjectionOutcome> {
    const snapshot = decodeOrDeadLetter(Topics.testcasesSnapshot, message.value);
    assertOneTenant(message, snapshot.tenantId);
    if (!isUuid(snapshot.testCaseId)) throw new PermanentMessageError(`test case id "${snapshot.testCaseId}" is not a UUID`);
    return this.store('test case', snapshot.tenantId, snapshot.testCaseId, STORE_TEST_CASE_SNAPSHOT, [
      snapshot.version.toString(),
      Buffer.from(message.value),
      snapshot.deleted,
    ]);
  }

  /** Stores whether the chat widget exists, so a run on an unknown or deleted one is refused at once. */
  async onChatWidget(message: BusMessage): Promise<ProjectionOutcome> {
    const snapshot = decodeOrDeadLetter(Topics.chatWidgetsSnapshot, message.value);
    assertOneTenant(message, snapshot.tenantId);
    if (!isUuid(snapshot.widgetId)) throw new PermanentMessageError(`chat widget id "${snapshot.widgetId}" is not a UUID`);
    return this.store('chat widget', snapshot.tenantId, snapshot.widgetId, STORE_WIDGET_SNAPSHOT, [
      snapshot.version.toString(),
      snapshot.name,
      snapshot.deleted,
    ]);
  }

  private async store(entity: string, tenantId: string, id: string, statement: string, versionAndColumns: unknown[]): Promise<ProjectionOutcome> {
    const [row]: { stored: boolean; held: boolean }[] = await this.db.withTenant(tenantId, (manager) =>
      manager.query(statement, [id, tenantId, ...versionAndColumns]),
    );
    if (row.stored) return 'applied';
    if (row.held) return 'stale';
    // Ids are UUIDs that the owning service makes: one claimed by two tenants is a bug or a forgery, never a change to apply.
    this.logger.warn(`${entity} snapshot of tenant "${tenantId}" names ${entity} ${id}, which another tenant holds; ignored`);
    return 'other-tenant';
  }
}

/** A snapshot names its tenant twice, in its payload and its header: when they differ, it can be trusted with neither. */
function assertOneTenant(message: BusMessage, payloadTenant: string): void {
  const headerTenant = message.headers[MessageHeaders.tenantId];
  if (headerTenant && headerTenant !== payloadTenant) {
    throw new PermanentMessageError(`snapshot of tenant "${payloadTenant}" arrived with tenant header "${headerTenant}"`);
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MessageHeaders, PermanentMessageError, type BusMessage, type MessageBus, type Subscription } from '@sim/bus';
import { ContractError, decode, Topics, type TopicMessage } from '@sim/contracts';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, MESSAGE_BUS, OUTBOX_RELAY } from '@sim/subgraph';
import { validateTestCaseInput } from '../test-cases/domain/validate-test-case';
import { TestCaseRepository } from '../test-cases/test-case.repository';
import { publishSnapshot } from '../test-cases/test-case.snapshot';
import { asTestCaseInput, fingerprintOf, generatedEntity, generatedSourceKind, idOfGenerated, type GeneratedCaseMessage } from './generated-case';

export const GENERATED_CASES_GROUP = 'test-cases.generated';

/** What became of each case of a message; tests and logs read it. */
export interface GeneratedOutcome {
  created: string[];
  alreadyStored: string[];
  duplicates: string[];
  invalid: string[];
}

/**
 * Stores the cases generation jobs produce. Each message is one transaction. A case is stored
 * under the id generation derived from its dedupe key, so a redelivered message finds its
 * cases and creates nothing twice; a case with the same (normalised) name and behaviour as one
 * the tenant already has is not created; a case failing the service's validation is logged and
 * skipped. Each stored case is announced on `testcases.snapshot` exactly as create() does.
 */
@Injectable()
export class GeneratedCasesConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GeneratedCasesConsumer.name);
  private subscription: Subscription | undefined;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: GENERATED_CASES_GROUP,
      topics: [Topics.testcasesGenerated],
      fromBeginning: true,
      handler: async (message) => {
        await this.handle(message);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
  }

  async handle(message: BusMessage): Promise<GeneratedOutcome> {
    const generated = readMessage(message);
    const { tenantId, jobId } = generated;
    const outcome = await this.db.withTenant(tenantId, (manager) => this.store(manager, tenantId, jobId, generated.cases));
    if (outcome.created.length > 0) this.relay.kick();
    if (outcome.invalid.length > 0) this.logger.warn(`generation job ${jobId}: ${outcome.invalid.length} generated case(s) failed validation and were not stored`);
    return outcome;
  }

  private async store(manager: EntityManager, tenantId: string, jobId: string, cases: GeneratedCaseMessage[]): Promise<GeneratedOutcome> {
    const repo = new TestCaseRepository(manager, tenantId);
    const outcome: GeneratedOutcome = { created: [], alreadyStored: [], duplicates: [], invalid: [] };
    const existing = await this.existingFingerprints(manager, tenantId);
    const base = Date.now();
    for (const [index, generated] of cases.entries()) {
      const id = idOfGenerated(tenantId, generated);
      if (await repo.findById(id)) {
        outcome.alreadyStored.push(id);
        continue;
      }
      const kind = generatedSourceKind(generated.sourceKind);
      const checked = validateTestCaseInput(asTestCaseInput(generated));
      if (!kind || !checked.ok) {
        const why = !kind ? `source kind ${generated.sourceKind} is not a generation source` : checked.ok ? '' : checked.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
        this.logger.warn(`generation job ${jobId}, case ${generated.dedupeKey} ("${generated.name}") not stored: ${why}`);
        outcome.invalid.push(id);
        continue;
      }
      const fingerprint = fingerprintOf(checked.value);
      if (existing.has(fingerprint)) {
        outcome.duplicates.push(id);
        continue;
      }
      // Distinct timestamps keep the job's order in the newest-first list, as an import does.
      const entity = generatedEntity(tenantId, id, checked.value, { kind, ref: generated.sourceRef ?? null }, new Date(base + index));
      await repo.insert(entity);
      await manager.query('INSERT INTO generated_case (test_case_id, tenant_id, job_id) VALUES ($1, $2, $3)', [id, tenantId, jobId]);
      await publishSnapshot(manager, entity);
      existing.add(fingerprint);
      outcome.created.push(id);
    }
    return outcome;
  }

  /**
   * Name and behaviour of every case of the tenant, normalised. Read once per message (jobs
   * are rare and small); comparing in code keeps the normalisation identical to generation's.
   */
  private async existingFingerprints(manager: EntityManager, tenantId: string): Promise<Set<string>> {
    const rows: { name: string; behaviour: string }[] = await manager.query('SELECT name, behaviour FROM test_case WHERE tenant_id = $1', [tenantId]);
    return new Set(rows.map(fingerprintOf));
  }
}

/** Decodes a message; one that no retry could make readable is dead-lettered at once. */
function readMessage(message: BusMessage): TopicMessage<'testcases.generated'> {
  let generated: TopicMessage<'testcases.generated'>;
  try {
    generated = decode(Topics.testcasesGenerated, message.value);
  } catch (error) {
    if (error instanceof ContractError) throw new PermanentMessageError(error.message);
    throw error;
  }
  const headerTenant = message.headers[MessageHeaders.tenantId];
  if (!generated.tenantId) throw new PermanentMessageError('testcases.generated names no tenant');
  if (headerTenant && headerTenant !== generated.tenantId) {
    throw new PermanentMessageError(`testcases.generated of tenant "${generated.tenantId}" arrived with tenant header "${headerTenant}"`);
  }
  return generated;
}

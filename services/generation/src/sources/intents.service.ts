import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sim/auth';
import { BadUserInputError, NotFoundError } from '@sim/errors';
import { takeTurn, type Database } from '@sim/persistence';
import { DATABASE } from '@sim/subgraph';
import { MAX_NAME_LENGTH, requiredName } from './domain/limits';
import { isUuid } from './domain/uuid';
import { IntentEntity } from './entities';

export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_EXAMPLES = 50;
export const MAX_EXAMPLE_LENGTH = 1000;

export interface IntentInput {
  name: string;
  description?: string | null;
  examples?: string[] | null;
}

/** The tenant's intents; names are unique per tenant, ignoring case. */
@Injectable()
export class IntentsService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  list(principal: Principal): Promise<IntentEntity[]> {
    return this.db.withTenant(principal.tenantId, (manager) =>
      manager.find(IntentEntity, { where: { tenantId: principal.tenantId }, order: { name: 'ASC', id: 'ASC' } }),
    );
  }

  async create(principal: Principal, input: IntentInput): Promise<IntentEntity> {
    const tenantId = principal.tenantId;
    const entity: IntentEntity = { id: randomUUID(), tenantId, ...validateIntent(input), createdAt: new Date() };
    return this.db.withTenant(tenantId, async (manager) => {
      // Names are unique in any letter case, which the table's constraint does not say: the
      // check and the insert of racing creations must not interleave.
      await takeTurn(manager, `generation.intent-names:${tenantId}`);
      const taken: unknown[] = await manager.query('SELECT 1 FROM generation.intent WHERE tenant_id = $1 AND lower(name) = lower($2)', [tenantId, entity.name]);
      if (taken.length) throw BadUserInputError.field('input.name', `an intent named "${entity.name}" already exists`);
      await manager.insert(IntentEntity, entity);
      return entity;
    });
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    return this.db.withTenant(principal.tenantId, async (manager) => {
      const result = isUuid(id) ? await manager.delete(IntentEntity, { id, tenantId: principal.tenantId }) : { affected: 0 };
      if (!result.affected) throw new NotFoundError('intent', id);
      return true;
    });
  }
}

function validateIntent(input: IntentInput): Pick<IntentEntity, 'name' | 'description' | 'examples'> {
  const name = requiredName(input.name, 'input.name', MAX_NAME_LENGTH);
  const description = (input.description ?? '').trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) throw BadUserInputError.field('input.description', `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  const examples = (input.examples ?? []).map((e) => e.trim()).filter((e) => e !== '');
  if (examples.length > MAX_EXAMPLES) throw BadUserInputError.field('input.examples', `at most ${MAX_EXAMPLES} examples`);
  if (examples.some((e) => e.length > MAX_EXAMPLE_LENGTH)) throw BadUserInputError.field('input.examples', `each example must be at most ${MAX_EXAMPLE_LENGTH} characters`);
  return { name, description, examples: [...new Set(examples)] };
}

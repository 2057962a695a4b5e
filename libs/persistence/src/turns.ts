import type { EntityManager } from 'typeorm';

/**
 * Makes the transactions that name the same `key` take turns: each waits here until the one
 * before it has committed or rolled back. For a check-then-write (is this name free? then
 * insert it) whose rule no constraint states exactly, such as a name unique in any letter
 * case, or a batch whose rows are checked one by one before any is written.
 */
export async function takeTurn(manager: EntityManager, key: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
}

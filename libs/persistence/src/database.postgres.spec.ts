import { createTestDatabase } from '@sim/testing';
import { describeDatabaseContract } from './database.contract';

describeDatabaseContract('PostgreSQL', async () => {
  const database = await createTestDatabase('sim_persist');
  return { target: { kind: 'postgres', url: database.url }, cleanup: () => database.drop() };
});

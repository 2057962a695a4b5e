import { openPGliteThread } from './pglite';
import { describeDatabaseContract } from './database.contract';

describeDatabaseContract('PGlite on its own thread', async () => {
  const instance = await openPGliteThread();
  return { target: { kind: 'pglite', instance }, cleanup: () => instance.close() };
});

import { openPGlite } from './pglite';
import { describeDatabaseContract } from './database.contract';

describeDatabaseContract('PGlite', async () => {
  const instance = await openPGlite();
  return { target: { kind: 'pglite', instance }, cleanup: () => instance.close() };
});

import { createTestDatabase } from '@sim/testing';
import { describeDatabaseContract } from './database.contract';
import { Database } from './database';
import { postgresSsl } from './postgres-ssl';

describeDatabaseContract('PostgreSQL', async () => {
  const database = await createTestDatabase('sim_persist');
  return { target: { kind: 'postgres', url: database.url }, cleanup: () => database.drop() };
});

describe('PostgreSQL over TLS (DATABASE_SSL_MODE)', () => {
  it('asks the server for TLS when required: encrypted where the server offers it, refused where it does not', async () => {
    const database = await createTestDatabase('sim_persist_tls');
    const plain = await Database.open({ target: { kind: 'postgres', url: database.url }, schema: 'tls_probe', entities: [], migrations: [] });
    try {
      const [{ ssl: serverOffersTls }] = await plain.dataSource.query('SHOW ssl');
      const opening = Database.open({
        target: { kind: 'postgres', url: database.url, ssl: postgresSsl('require', null) },
        schema: 'tls_probe',
        entities: [],
        migrations: [],
      });
      if (serverOffersTls === 'on') {
        const encrypted = await opening;
        const [row] = await encrypted.dataSource.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
        await encrypted.close();
        expect(row.ssl).toBe(true);
      } else {
        // Never falls back to plain text.
        await expect(opening).rejects.toThrow(/SSL/i);
      }
    } finally {
      await plain.close();
      await database.drop();
    }
  });
});

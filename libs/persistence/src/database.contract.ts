import { Column, Entity, PrimaryColumn, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { BusMessage, MessageBus, OutgoingMessage, TopicBatch } from '@sim/bus';
import { inSpan, recordSpans } from '@sim/observability';
import { Database, type DatabaseTarget } from './database';
import { ensureAppRoleSql, messagingTablesSql, tenantRlsSql } from './sql';
import { enqueueOutbox, OutboxRelay } from './outbox';
import { handleOnce, ProcessedMessagePruner } from './idempotent-consumer';

const SCHEMA = 'contract_notes';

@Entity({ name: 'note', schema: SCHEMA })
class NoteEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') body: string;
}

class CreateNotes1700000000000 implements MigrationInterface {
  name = 'CreateNotes1700000000000';
  async up(runner: QueryRunner) {
    for (const sql of [
      ...ensureAppRoleSql('sim_app', SCHEMA),
      `CREATE TABLE "${SCHEMA}".note (id text PRIMARY KEY, tenant_id text NOT NULL, body text NOT NULL)`,
      ...tenantRlsSql(SCHEMA, 'note'),
      ...messagingTablesSql(SCHEMA),
    ])
      await runner.query(sql);
  }
  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE "${SCHEMA}".note`);
  }
}

class RecordingBus implements MessageBus {
  readonly kind = 'in-process' as const;
  readonly published: { topic: string; message: OutgoingMessage }[] = [];
  async ensureTopics() {}
  async publish(topic: string, messages: OutgoingMessage[]) {
    for (const message of messages) this.published.push({ topic, message });
  }
  async publishAll(batches: TopicBatch[]) {
    for (const batch of batches) await this.publish(batch.topic, batch.messages);
  }
  async subscribe(): Promise<never> {
    throw new Error('not used');
  }
  async drain() {
    return { finishedInTime: true };
  }
  async checkHealth() {}
  async close() {}
}

/** The same expectations for PostgreSQL and for PGlite. */
export function describeDatabaseContract(name: string, makeTarget: () => Promise<{ target: DatabaseTarget; cleanup(): Promise<void> }>) {
  describe(`Database on ${name}`, () => {
    let db: Database;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const made = await makeTarget();
      cleanup = made.cleanup;
      db = await Database.open({ target: made.target, schema: SCHEMA, entities: [NoteEntity], migrations: [CreateNotes1700000000000] });
    });
    afterAll(async () => {
      await db?.close();
      await cleanup?.();
    });

    it('applies migrations once, however often it is asked', async () => {
      expect(await db.migrate()).toEqual([]);
    });

    it("shows a tenant only its own rows, even to a query that forgets the tenant filter", async () => {
      await db.withTenant('acme', (m) => m.insert(NoteEntity, { id: 'n1', tenantId: 'acme', body: 'acme note' }));
      await db.withTenant('globex', (m) => m.insert(NoteEntity, { id: 'n2', tenantId: 'globex', body: 'globex note' }));
      const seenByAcme = await db.withTenant('acme', (m) => m.find(NoteEntity));
      expect(seenByAcme.map((n) => n.id)).toEqual(['n1']);
      const unfiltered = await db.withTenant('globex', (m) => m.query('SELECT id FROM note'));
      expect(unfiltered).toEqual([{ id: 'n2' }]);
    });

    it("refuses to write a row into another tenant", async () => {
      await expect(db.withTenant('acme', (m) => m.insert(NoteEntity, { id: 'n3', tenantId: 'globex', body: 'sneaky' }))).rejects.toThrow(
        /row-level security/,
      );
      await expect(db.withTenant('acme', (m) => m.query(`UPDATE note SET body = 'changed' WHERE id = 'n2'`))).resolves.toBeDefined();
      const globex = await db.withTenant('globex', (m) => m.findOneByOrFail(NoteEntity, { id: 'n2' }));
      expect(globex.body).toBe('globex note');
    });

    it('does not leak the tenant setting into the next transaction on the same connection', async () => {
      await db.withTenant('acme', async () => undefined);
      const setting = await db.withSystem((m) => m.query(`SELECT current_setting('app.tenant_id', true) AS t`));
      expect([null, '']).toContain(setting[0].t);
    });

    it('publishes outbox messages after commit and never after a rollback', async () => {
      const bus = new RecordingBus();
      const relay = new OutboxRelay(db, bus);
      await db.withTenant('acme', (m) => enqueueOutbox(m, { tenantId: 'acme', topic: 't.one', key: 'k1', value: new Uint8Array([1, 2]) }));
      await db
        .withTenant('acme', async (m) => {
          await enqueueOutbox(m, { tenantId: 'acme', topic: 't.one', key: 'k2', value: new Uint8Array([3]) });
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect(await relay.flush()).toBe(1);
      expect(bus.published).toHaveLength(1);
      expect(bus.published[0].message.key).toBe('k1');
      expect(Array.from(bus.published[0].message.value)).toEqual([1, 2]);
      expect(bus.published[0].message.headers?.['x-tenant-id']).toBe('acme');
      expect(bus.published[0].message.headers?.['x-message-id']).toMatch(/[0-9a-f-]{36}/);
      expect(await relay.flush()).toBe(0);
    });

    it('keeps the messages of a pass whose publish failed, and publishes them in order next time', async () => {
      const bus = new RecordingBus();
      const relay = new OutboxRelay(db, bus);
      await db.withTenant('acme', (m) =>
        enqueueOutbox(m, [1, 2, 3].map((i) => ({ tenantId: 'acme', topic: 't.retry', key: `k${i}`, value: new Uint8Array([i]) }))),
      );
      const publishAll = bus.publishAll.bind(bus);
      bus.publishAll = async () => {
        throw new Error('broker unreachable');
      };
      await expect(relay.flush()).rejects.toThrow('broker unreachable');
      bus.publishAll = publishAll;
      expect(await relay.flush()).toBe(3);
      expect(bus.published.map((p) => p.message.key)).toEqual(['k1', 'k2', 'k3']);
      expect(bus.published.map((p) => Array.from(p.message.value))).toEqual([[1], [2], [3]]);
      expect(await relay.flush()).toBe(0);
    });

    it('relays a message with the trace it was written in, whoever kicks the relay later', async () => {
      const recorder = recordSpans();
      try {
        const bus = new RecordingBus();
        const relay = new OutboxRelay(db, bus);
        const written = await inSpan('startTestRun', {}, async (span) => {
          await db.withTenant('acme', (m) => enqueueOutbox(m, { tenantId: 'acme', topic: 't.traced', key: 'case-1', value: new Uint8Array([1]) }));
          return span.spanContext();
        });
        // The relay runs on behalf of another request's trace: that trace must not be taken over.
        await inSpan('another request', {}, () => relay.flush());
        expect(bus.published).toHaveLength(1);
        expect(bus.published[0].message.headers?.traceparent).toBe(`00-${written.traceId}-${written.spanId}-01`);
      } finally {
        await recorder.stop();
      }
    });

    it('handles a redelivered message once', async () => {
      const message: BusMessage = {
        topic: 't.one', partition: 0, offset: '0', key: 'k', value: new Uint8Array(), attempt: 1,
        headers: { 'x-tenant-id': 'acme', 'x-message-id': 'm-1' },
      };
      let calls = 0;
      const work = async () => {
        calls += 1;
      };
      expect(await handleOnce(db, 'notes-consumer', message, work)).toBe(true);
      expect(await handleOnce(db, 'notes-consumer', message, work)).toBe(false);
      expect(await handleOnce(db, 'other-consumer', message, work)).toBe(true);
      expect(calls).toBe(2);
    });

    it('forgets handled messages past their retention, and only those', async () => {
      const handled = (id: string): BusMessage => ({
        topic: 't.one', partition: 0, offset: '0', key: 'k', value: new Uint8Array(), attempt: 1,
        headers: { 'x-tenant-id': 'acme', 'x-message-id': id },
      });
      const work = async () => undefined;
      for (const id of ['old-1', 'old-2', 'recent-1']) expect(await handleOnce(db, 'pruned-consumer', handled(id), work)).toBe(true);
      await db.withSystem((m) => m.query(`UPDATE processed_message SET processed_at = now() - interval '8 days' WHERE message_id LIKE 'old-%'`));

      const pruner = new ProcessedMessagePruner(db, { retentionMs: 7 * 24 * 60 * 60 * 1000 });
      expect(await pruner.prune()).toBe(2);
      expect(await pruner.prune()).toBe(0);
      // The recent one is still known; a forgotten one would be handled again.
      expect(await handleOnce(db, 'pruned-consumer', handled('recent-1'), work)).toBe(false);
      expect(await handleOnce(db, 'pruned-consumer', handled('old-1'), work)).toBe(true);
    });

    it("takes a tenant id with quotes as data, never as SQL", async () => {
      const tricky = "o'brien'), set_config('app.tenant_id', 'acme', true) --";
      await db.withTenant(tricky, (m) => m.insert(NoteEntity, { id: 'q1', tenantId: tricky, body: 'quoted' }));
      const seen = await db.withTenant(tricky, (m) => m.query('SELECT id, tenant_id FROM note'));
      expect(seen).toEqual([{ id: 'q1', tenant_id: tricky }]);
      const acme = await db.withTenant('acme', (m) => m.findOneBy(NoteEntity, { id: 'q1' }));
      expect(acme).toBeNull();
    });

    it('rolls back everything a failed transaction did, including writes made through save()', async () => {
      await expect(
        db.withTenant('acme', async (m) => {
          await m.save(NoteEntity, { id: 's1', tenantId: 'acme', body: 'saved' });
          await m.query('SELECT 1 / 0');
        }),
      ).rejects.toThrow(/division by zero/);
      expect(await db.withTenant('acme', (m) => m.findOneBy(NoteEntity, { id: 's1' }))).toBeNull();
      // The connection is usable (and outside any transaction) afterwards.
      await db.withTenant('acme', (m) => m.save(NoteEntity, { id: 's2', tenantId: 'acme', body: 'saved' }));
      expect((await db.withTenant('acme', (m) => m.findOneByOrFail(NoteEntity, { id: 's2' }))).body).toBe('saved');
    });

    it('stores and reads back every byte value of a bytea column unchanged', async () => {
      const bytes = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
      const payload = await db.withTenant('acme', async (m) => {
        await enqueueOutbox(m, { tenantId: 'acme', topic: 't.bytes', key: 'k', value: bytes });
        const rows: { payload: Uint8Array }[] = await m.query(`SELECT payload FROM outbox WHERE topic = 't.bytes'`);
        await m.query(`DELETE FROM outbox WHERE topic = 't.bytes'`);
        return rows[0].payload;
      });
      expect(Buffer.from(payload).equals(Buffer.from(bytes))).toBe(true);
    });

    it('runs one statement as the tenant in one round trip: row-level security, literals, rollback, no leak', async () => {
      const body = `it's a "quote", a backslash \\ and $1 in text`;
      const inserted = await db.tenantStatement<{ id: string; body: string }>('acme', 'INSERT INTO note (id, tenant_id, body) VALUES ($1, $2, $3) RETURNING id, body', ['ts1', 'acme', body]);
      expect(inserted).toEqual([{ id: 'ts1', body }]);
      // Only the tenant's own rows, whatever the statement forgets to filter.
      const seen = await db.tenantStatement<{ id: string }>('globex', 'SELECT id FROM note WHERE id = $1', ['ts1']);
      expect(seen).toEqual([]);
      await expect(db.tenantStatement('acme', 'INSERT INTO note (id, tenant_id, body) VALUES ($1, $2, $3)', ['ts2', 'globex', 'x'])).rejects.toThrow(/row-level security/);
      // A failing statement leaves nothing behind, and the connection outside any transaction.
      await expect(
        db.tenantStatement('acme', 'WITH a AS (INSERT INTO note (id, tenant_id, body) VALUES ($1, $2, $3) RETURNING 1) SELECT 1 / (SELECT count(*) - 1 FROM a)', ['ts3', 'acme', 'x']),
      ).rejects.toThrow(/division by zero/);
      expect(await db.withTenant('acme', (m) => m.findOneBy(NoteEntity, { id: 'ts3' }))).toBeNull();
      const setting = await db.withSystem((m) => m.query(`SELECT current_setting('app.tenant_id', true) AS t, current_user AS u`));
      expect([null, '']).toContain(setting[0].t);
      expect(setting[0].u).not.toBe('sim_app');
    });

    it('isolates tenants however often one statement runs for different tenants (PGlite prepares it once)', async () => {
      await db.withTenant('acme', (m) => m.insert(NoteEntity, { id: 'p-acme', tenantId: 'acme', body: 'shared body' }));
      await db.withTenant('globex', (m) => m.insert(NoteEntity, { id: 'p-globex', tenantId: 'globex', body: 'shared body' }));
      for (const tenant of ['acme', 'globex', 'acme', 'globex']) {
        const ids = await db.tenantStatement<{ id: string; tenant_id: string }>(tenant, 'SELECT id, tenant_id FROM note WHERE body = $1 ORDER BY id', ['shared body']);
        expect(ids.length).toBeGreaterThan(0);
        expect(ids.every((row) => row.tenant_id === tenant)).toBe(true);
      }
    });

    it('prepares a statement anew once its table changed what it answers, instead of failing from then on', async () => {
      await db.withTenant('acme', (m) => m.insert(NoteEntity, { id: 'prep-1', tenantId: 'acme', body: 'before' }));
      const read = () => db.tenantStatement<Record<string, unknown>>('acme', 'SELECT * FROM note WHERE id = $1', ['prep-1']);
      expect(await read()).toEqual([expect.objectContaining({ id: 'prep-1', body: 'before' })]);
      expect(await read()).toHaveLength(1);
      await db.dataSource.query(`ALTER TABLE "${SCHEMA}".note ADD COLUMN added text NOT NULL DEFAULT 'since'`);
      try {
        // The statement prepared before the change may fail once; after that it is prepared again.
        const answer = await read().catch(() => read());
        expect(answer).toEqual([expect.objectContaining({ id: 'prep-1', added: 'since' })]);
      } finally {
        await db.dataSource.query(`ALTER TABLE "${SCHEMA}".note DROP COLUMN added`);
      }
    });

    it('runs several statements as one tenant transaction, each seeing the one before, and answers with the last', async () => {
      const statements = ['INSERT INTO note (id, tenant_id, body) VALUES ($1, $2, $3)', 'SELECT id, body FROM note WHERE id = $1'];
      for (const id of ['multi-1', 'multi-2']) {
        expect(await db.tenantStatement('acme', statements, [id, 'acme', `body of ${id}`])).toEqual([{ id, body: `body of ${id}` }]);
      }
      // One transaction: the second statement failing takes the first one's write with it.
      await expect(db.tenantStatement('acme', ['INSERT INTO note (id, tenant_id, body) VALUES ($1, $2, $3)', 'SELECT 1 / 0'], ['multi-3', 'acme', 'x'])).rejects.toThrow(/division by zero/);
      expect(await db.withTenant('acme', (m) => m.findOneBy(NoteEntity, { id: 'multi-3' }))).toBeNull();
    });

    it('keeps concurrent transactions apart', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db.withTenant(i % 2 ? 'acme' : 'globex', (m) => m.insert(NoteEntity, { id: `c${i}`, tenantId: i % 2 ? 'acme' : 'globex', body: 'x' })),
        ),
      );
      const concurrent = (m: EntityManager) => m.query(`SELECT count(*)::int AS n FROM note WHERE id LIKE 'c%'`).then((rows: { n: number }[]) => rows[0].n);
      expect(await db.withTenant('acme', concurrent)).toBe(10);
      expect(await db.withTenant('globex', concurrent)).toBe(10);
    });
  });
}

/**
 * A catch-up pull commits several pages per transaction (each with its cursor). The network
 * failing in the middle keeps what was committed, rows and cursor agreeing, and the next
 * run finishes exactly. Real server on 127.0.0.1 (SQLite), a TCP proxy that adds delay and
 * then refuses, real counter SQLite files, the real SyncEngine.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open';
import { applicationClientEntity } from '../../main/applications/applications';
import { bulkUpsert } from '../../main/sync/bulk';
import { SyncEngine } from '../../main/sync/engine';
import { SyncTransport } from '../../main/sync/transport';
import { silentLogger } from '../../node-shared/logger';
import { WAL_BACKSTOP_PAGES } from '../../node-shared/sqlite-wal';
import { startServer, type RunningServer } from '../../server/src/main';
import { startSyncProxy, type SyncProxy } from '../support/sync-proxy';
import { DUKCAPIL, KK_SERVICE, serverLogin } from '../support/sync-fixtures';
import { tempDir } from '../support/temp';

const N = 300;

describe('a catch-up pull in groups of pages', () => {
  const t = tempDir('loket-sync-groups-');
  let server: RunningServer;
  let proxy: SyncProxy;
  let token: string;

  const engine = (db: Db, url: string, pullLimit = 20) =>
    new SyncEngine({ db, transport: new SyncTransport({ baseUrl: async () => url }), token: () => token, installationId: `groups-${randomUUID()}`, log: silentLogger, entities: [applicationClientEntity], intervalMs: 0, pullLimit });

  beforeAll(async () => {
    server = await startServer({ sqliteFile: path.join(t.dir, 'server.sqlite'), port: 0, host: '127.0.0.1', demo: true, quiet: true });
    token = await serverLogin(server.url, 'petugas.dukcapil');
    // N applications on the server, pushed by another counter.
    const db = await openDatabase(path.join(t.dir, 'writer.sqlite'));
    const at = '2026-03-02T01:00:00.000Z';
    const recs = Array.from({ length: N }, (_, i) => ({ id: randomUUID(), agencyId: DUKCAPIL, serviceId: KK_SERVICE, applicantName: `Pemohon ${i}`, applicantNik: null, notes: null, at }));
    await db.transaction(async (trx) => {
      await bulkUpsert(trx, 'outbox', ['id', 'seq', 'kind', 'payload_json', 'created_at', 'state', 'attempts', 'last_error'], recs.map((r, i) => [randomUUID(), i + 1, 'application.create', JSON.stringify(r), at, 'pending', 0, null]));
    });
    expect(await engine(db, server.url).pushOnly()).toEqual({ applied: N, rejected: 0 });
    await db.destroy();
    proxy = await startSyncProxy({ host: '127.0.0.1', port: server.port });
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    t.cleanup();
  });

  it('keeps the committed pages when the network fails mid-way, and finishes on the next run', async () => {
    const file = path.join(t.dir, 'counter.sqlite');
    const db = await openDatabase(file);
    // A second reader on the same file sees only what the counter committed.
    const reader = knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
    try {
      const e = engine(db, proxy.url);
      proxy.delayMs = 60;
      const run = e.pullOnly();
      run.catch(() => undefined);
      // Wait for the first group to commit (after about a second of pages), then take the network away.
      const cursorOf = async () => Number(((await reader('sync_state').where({ key: 'cursor' }).first('value')) as { value: string } | undefined)?.value ?? 0);
      const deadline = Date.now() + 20_000;
      while ((await cursorOf()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      proxy.mode = 'refuse';
      proxy.cut();
      await expect(run).rejects.toThrow();
      // The grouped pull leaves the writer's automatic checkpoint at its backstop (the WAL is
      // checkpointed beside the writes, node-shared/sqlite-wal.ts), failed or not.
      const autoCheckpoint = async () => ((await db.raw('PRAGMA wal_autocheckpoint')) as { wal_autocheckpoint: number }[])[0]?.wal_autocheckpoint;
      expect(await autoCheckpoint()).toBe(WAL_BACKSTOP_PAGES);

      // Rows and cursor agree: exactly the changes up to the stored cursor, and not all of them.
      const cursor = await cursorOf();
      const expected = Number(((await server.db('changes').where('seq', '<=', cursor).andWhere({ entity: 'application', scope: DUKCAPIL }).countDistinct({ n: 'entity_id' }).first()) as { n: number }).n);
      const total = Number(((await server.db('applications').where({ agency_id: DUKCAPIL }).count({ n: '*' }).first()) as { n: number }).n);
      const local = Number(((await reader('applications').count({ n: '*' }).first()) as { n: number }).n);
      expect(cursor).toBeGreaterThan(0);
      expect(local).toBe(expected);
      expect(local).toBeGreaterThan(0);
      expect(local).toBeLessThan(total);

      // Back online: the next run pulls the rest, and the digest agrees (no repair).
      proxy.mode = 'pass';
      proxy.delayMs = 0;
      const again = await engine(db, proxy.url).pullOnly();
      expect(again.repaired).toEqual([]);
      expect(again.pulled).toBeGreaterThanOrEqual(total - local);
      expect(Number(((await reader('applications').count({ n: '*' }).first()) as { n: number }).n)).toBe(total);
      expect(await autoCheckpoint()).toBe(WAL_BACKSTOP_PAGES);
    } finally {
      await reader.destroy();
      await db.destroy();
    }
  });
});

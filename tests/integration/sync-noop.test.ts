/**
 * A sync with nothing to do: the counter does not store its last-sync time on every poll
 * (only when data moved or a minute passed), and the server's no-change answer, kept for its
 * horizon, always matches the digest read in full and follows every push. Real server on
 * 127.0.0.1 (SQLite and PostgreSQL), real counter SQLite files, the real SyncEngine.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open';
import { applicationClientEntity } from '../../main/applications/applications';
import { bulkUpsert } from '../../main/sync/bulk';
import { getState, SyncEngine } from '../../main/sync/engine';
import { SyncTransport } from '../../main/sync/transport';
import { silentLogger } from '../../node-shared/logger';
import { startServer, type RunningServer } from '../../server/src/main';
import { createTestDatabase, type Backend, type TestDatabase } from './server-helpers';
import { DUKCAPIL, KK_SERVICE, serverLogin } from '../support/sync-fixtures';
import { tempDir } from '../support/temp';

interface PullPage {
  changes: unknown[];
  cursor: number;
  hasMore: boolean;
  digest?: Record<string, { count: number; checksum: string }>;
}

describe.each<Backend>(['sqlite', 'postgres'])('a sync with nothing to do, server on %s', (backend) => {
  const t = tempDir('loket-sync-noop-');
  let tdb: TestDatabase;
  let server: RunningServer;
  let token: string;
  let clock = Date.parse('2026-03-02T01:00:00.000Z');

  const engine = (db: Db) =>
    new SyncEngine({
      db,
      transport: new SyncTransport({ baseUrl: async () => server.url }),
      token: () => token,
      installationId: `noop-${randomUUID()}`,
      log: silentLogger,
      entities: [applicationClientEntity],
      intervalMs: 0,
      now: () => new Date(clock),
    });
  const pull = async (after: number): Promise<PullPage> => {
    const res = await fetch(new URL(`/api/v1/sync/pull?after=${after}&limit=1000`, server.url), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as PullPage;
  };
  /** The last page of a pull from the start: the digest read in the full transaction. */
  const fullDigest = async () => {
    let after = 0;
    for (;;) {
      const p = await pull(after);
      if (!p.hasMore) return { cursor: p.cursor, digest: p.digest };
      after = p.cursor;
    }
  };
  const pushOne = async (db: Db, name: string) => {
    const at = new Date(clock).toISOString();
    const rec = { id: randomUUID(), agencyId: DUKCAPIL, serviceId: KK_SERVICE, applicantName: name, applicantNik: null, notes: null, at };
    const seq = Number(((await db('outbox').max({ m: 'seq' }).first()) as { m: number | null } | undefined)?.m ?? 0) + 1;
    await db.transaction(async (trx) => {
      await bulkUpsert(trx, 'outbox', ['id', 'seq', 'kind', 'payload_json', 'created_at', 'state', 'attempts', 'last_error'], [[randomUUID(), seq, 'application.create', JSON.stringify(rec), at, 'pending', 0, null]]);
    });
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(backend);
    server = await startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, quiet: true });
    token = await serverLogin(server.url, 'petugas.dukcapil');
  });

  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
    t.cleanup();
  });

  it('stores the last-sync time when data moved or a minute passed, not on every idle poll', async () => {
    const db = await openDatabase(path.join(t.dir, `${backend}-counter.sqlite`));
    try {
      const e = engine(db);
      await pushOne(db, 'Pemohon Pertama');
      expect((await e.syncNow()).ok).toBe(true);
      const first = new Date(clock).toISOString();
      expect(await getState(db, 'lastSyncAt')).toBe(first);

      // Idle polls within the minute: the engine knows the time, the stored value waits.
      clock += 10_000;
      const idle = await e.syncNow();
      expect(idle).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
      expect((await e.snapshot()).lastSyncAt).toBe(new Date(clock).toISOString());
      expect(await getState(db, 'lastSyncAt')).toBe(first);

      // A run that moves data stores it at once.
      clock += 1000;
      await pushOne(db, 'Pemohon Kedua');
      expect((await e.syncNow()).pushed).toBe(1);
      const moved = new Date(clock).toISOString();
      expect(await getState(db, 'lastSyncAt')).toBe(moved);

      // A minute of idle polls later it is stored again.
      clock += 30_000;
      await e.syncNow();
      expect(await getState(db, 'lastSyncAt')).toBe(moved);
      clock += 31_000;
      await e.syncNow();
      expect(await getState(db, 'lastSyncAt')).toBe(new Date(clock).toISOString());
    } finally {
      await db.destroy();
    }
  });

  it('answers an unchanged horizon with the digest of a full read, and a push moves it', async () => {
    const db = await openDatabase(path.join(t.dir, `${backend}-writer.sqlite`));
    try {
      const before = await fullDigest();
      // The no-change answer, twice (the second from what the server kept), equals the full read.
      for (let i = 0; i < 2; i++) expect(await pull(before.cursor)).toEqual({ changes: [], cursor: before.cursor, hasMore: false, scope: expect.any(String) as unknown, digest: before.digest });

      await pushOne(db, 'Pemohon Ketiga');
      expect(await engine(db).pushOnly()).toEqual({ applied: 1, rejected: 0 });
      const after = await fullDigest();
      expect(after.cursor).toBeGreaterThan(before.cursor);
      expect(after.digest?.application?.count).toBe((before.digest?.application?.count ?? 0) + 1);
      // The old cursor now gets the change; the new one the new digest.
      expect((await pull(before.cursor)).changes).toHaveLength(after.cursor - before.cursor);
      expect(await pull(after.cursor)).toMatchObject({ changes: [], cursor: after.cursor, digest: after.digest });
    } finally {
      await db.destroy();
    }
  });
});

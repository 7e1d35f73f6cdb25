/**
 * Faults the sync must survive, each for real: no mocks of the database or of HTTP.
 * After recovery every change is on the server exactly once and the counter's rows equal
 * the server's, row by row.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import type { Loket } from '../../main/app/compose';
import type { ApplicationView } from '../../common/sync/applications';
import { PullResponseSchema } from '../../common/sync/protocol';
import { openServerDb } from '../../server/src/db/connect';
import { startServer, type RunningServer } from '../../server/src/main';
import { startSyncProxy } from '../support/sync-proxy';
import { call, DUKCAPIL, expectInSync, KK_SERVICE, KTP_SERVICE, openCounter, ROOT, signIn, startChildServer } from '../support/sync-fixtures';
import { tempDir } from '../support/temp';

const count = async (db: Knex, table: string, where: Record<string, string> = {}) =>
  Number(((await db(table).where(where).count({ n: '*' }).first()) as { n: number | string }).n);

async function createMany(loket: Loket, n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const app = await call<ApplicationView>(loket, 'applications.create', { serviceId: i % 2 ? KK_SERVICE : KTP_SERVICE, applicantName: `${prefix} ${i}`, notes: 'Berkas fotokopi KK dan KTP lengkap; pemohon menunggu di ruang tunggu.' });
    ids.push(app.id);
  }
  return ids;
}

/** Exactly once on the server: one row, one applied record, one change per create. */
async function expectExactlyOnce(db: Knex, ids: readonly string[]): Promise<void> {
  expect(await count(db, 'applications')).toBeGreaterThanOrEqual(ids.length);
  for (const id of ids) expect(await count(db, 'changes', { entity_id: id }), id).toBeGreaterThanOrEqual(1);
  const rows = (await db('applications').whereIn('id', [...ids]).select('id')) as { id: string }[];
  expect(new Set(rows.map((r) => r.id)).size).toBe(ids.length);
}

describe('sync faults', () => {
  const t = tempDir('loket-sync-faults-');
  afterAll(() => t.cleanup());

  it('survives the server killed (SIGKILL) in the middle of a push, and a restart as a new process', async () => {
    const dbFile = path.join(t.dir, 'killed.sqlite');
    let child = await startChildServer(['--port', '0', '--data', dbFile, '--demo']);
    const proxy = await startSyncProxy({ host: '127.0.0.1', port: child.port });
    const counter = await openCounter(path.join(t.dir, 'killed-counter'), proxy.url, { pushBatch: 300 });
    try {
      await signIn(counter, 'petugas.dukcapil');
      const ids = await createMany(counter, 900, 'Pemohon');
      // Kill the server as soon as the first push starts arriving.
      proxy.onRequestBytes = () => {
        proxy.onRequestBytes = null;
        child.proc.kill('SIGKILL');
      };
      const failed = await counter.sync.syncNow();
      expect(failed.ok).toBe(false);
      await child.kill();
      expect(await count(counter.db, 'outbox', { state: 'pending' })).toBeGreaterThan(0);
      // A new server process on the same database, on another port.
      child = await startChildServer(['--port', '0', '--data', dbFile]);
      proxy.target = { host: '127.0.0.1', port: child.port };
      // Second kill, later in the push this time (possibly after a commit).
      proxy.onRequestBytes = () => {
        proxy.onRequestBytes = null;
        setTimeout(() => child.proc.kill('SIGKILL'), 150);
      };
      await counter.sync.syncNow();
      await child.kill();
      child = await startChildServer(['--port', '0', '--data', dbFile]);
      proxy.target = { host: '127.0.0.1', port: child.port };
      const ok = await counter.sync.syncNow();
      expect(ok.error).toBeNull();
      expect(ok.ok).toBe(true);
      const db = openServerDb({ sqliteFile: dbFile });
      try {
        await expectExactlyOnce(db, ids);
        expect(await count(db, 'applications')).toBe(ids.length);
        expect(await count(db, 'changes')).toBe(ids.length);
        expect(await count(db, 'sync_applied')).toBe(ids.length);
        await expectInSync(counter, db, DUKCAPIL);
      } finally {
        await db.destroy();
      }
    } finally {
      await counter.close();
      await proxy.close();
      await child.kill();
    }
  });

  describe('against an in-process server', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'server.sqlite'), demo: true, quiet: true });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('survives the network dropping between the server’s commit and the counter’s receipt', async () => {
      const proxy = await startSyncProxy({ host: '127.0.0.1', port: server.port });
      const counter = await openCounter(path.join(t.dir, 'drop-counter'), proxy.url);
      try {
        await signIn(counter, 'petugas.dukcapil');
        const ids = await createMany(counter, 120, 'Drop');
        proxy.mode = 'dropResponse';
        const failed = await counter.sync.syncNow();
        expect(failed.ok).toBe(false);
        expect(proxy.dropped).toBeGreaterThan(0);
        // The server committed; the counter does not know it and keeps everything queued.
        expect(await count(server.db, 'applications', { agency_id: DUKCAPIL })).toBeGreaterThanOrEqual(ids.length);
        expect(await count(counter.db, 'outbox', { state: 'pending' })).toBe(ids.length);
        proxy.mode = 'pass';
        const ok = await counter.sync.syncNow();
        expect(ok.ok).toBe(true);
        expect(ok.rejected).toBe(0);
        for (const id of ids) expect(await count(server.db, 'changes', { entity_id: id })).toBe(1);
        await expectExactlyOnce(server.db, ids);
        await expectInSync(counter, server.db, DUKCAPIL);
      } finally {
        await counter.close();
        await proxy.close();
      }
    });

    it('keeps a write made just before the app process is SIGKILLed, and pushes it exactly once after restart', async () => {
      const dataDir = path.join(t.dir, 'killed-app');
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/support/sync-client-child.ts'), dataDir, server.url], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const id = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /WROTE (\S+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      expect(await server.db('applications').where({ id }).first()).toBeUndefined();

      const counter = await openCounter(dataDir, server.url);
      try {
        expect(await count(counter.db, 'outbox', { state: 'pending' })).toBe(1);
        expect(await counter.db('applications').where({ id }).first()).toMatchObject({ version: 0, status: 'diterima' });
        await signIn(counter, 'petugas.dukcapil');
        expect((await counter.sync.syncNow()).ok).toBe(true);
        expect((await counter.sync.syncNow()).ok).toBe(true);
        expect(await count(server.db, 'applications', { id })).toBe(1);
        expect(await count(server.db, 'changes', { entity_id: id })).toBe(1);
        await expectInSync(counter, server.db, DUKCAPIL);
      } finally {
        await counter.close();
      }
    });

    it('ignores a pull page delivered twice or late, and repairs a counter whose copy diverged', async () => {
      const writer = await openCounter(path.join(t.dir, 'page-writer'), server.url);
      const reader = await openCounter(path.join(t.dir, 'page-reader'), server.url);
      try {
        await signIn(writer, 'petugas.dukcapil');
        await signIn(reader, 'petugas.dukcapil');
        await createMany(writer, 30, 'Halaman');
        await writer.sync.syncNow();
        const token = reader.auth.token ?? '';
        const page = async (after: number) =>
          PullResponseSchema.parse(await (await fetch(new URL(`/api/v1/sync/pull?after=${after}&limit=10`, server.url), { headers: { authorization: `Bearer ${token}` } })).json());
        const p1 = await page(0);
        const p2 = await page(p1.cursor);
        expect(await reader.sync.applyPullPage(0, p1)).toBe(true);
        expect(await reader.sync.applyPullPage(0, p1)).toBe(false);
        expect(await reader.sync.applyPullPage(p1.cursor, p2)).toBe(true);
        expect(await reader.sync.applyPullPage(0, p1)).toBe(false);
        expect(await reader.sync.applyPullPage(p1.cursor, p2)).toBe(false);
        const done = await reader.sync.syncNow();
        expect(done).toMatchObject({ ok: true, repaired: [] });
        await expectInSync(reader, server.db, DUKCAPIL);

        // Divergence the cursor cannot see (a row lost, a row stale): the digest catches it, the snapshot repairs it.
        const [lost, stale] = (await reader.db('applications').orderBy('id').limit(2).select('id')) as { id: string }[];
        await reader.db('applications').where({ id: lost?.id }).delete();
        await reader.db('applications').where({ id: stale?.id }).update({ status: 'diproses', version: 99 });
        // A manual "Sync now" re-derives the digest from the rows.
        const repaired = await reader.sync.syncNow({ verify: true });
        expect(repaired).toMatchObject({ ok: true, repaired: ['application'] });
        await expectInSync(reader, server.db, DUKCAPIL);
        expect((await reader.sync.syncNow()).repaired).toEqual([]);
      } finally {
        await writer.close();
        await reader.close();
      }
    });

    it('brings back an installation that was offline for 30 days with thousands of changes', async () => {
      let clock = Date.parse('2026-04-01T01:00:00.000Z');
      const proxy = await startSyncProxy({ host: '127.0.0.1', port: server.port });
      const away = await openCounter(path.join(t.dir, 'away'), proxy.url, { pushBatch: 2000 });
      const other = await openCounter(path.join(t.dir, 'stayed'), server.url);
      try {
        await signIn(away, 'petugas.dukcapil');
        await signIn(other, 'petugas.dukcapil');
        await away.sync.syncNow();
        proxy.mode = 'refuse';
        proxy.cut();
        // 30 days of work offline: 2,000 applications, half of them verified later.
        const ids: string[] = [];
        for (let day = 0; day < 30; day++) {
          clock += 24 * 3600_000;
          ids.push(...(await createMany(away, day < 20 ? 67 : 66, `Hari ${day}`)));
        }
        for (const id of ids.slice(0, 1000)) await call(away, 'applications.setStatus', { id, to: 'diverifikasi' });
        expect(await count(away.db, 'outbox', { state: 'pending' })).toBe(3000);
        // Meanwhile the mall kept working.
        const others = await createMany(other, 500, 'Mall');
        await other.sync.syncNow();

        proxy.mode = 'pass';
        await call(away, 'auth.signOut');
        await signIn(away, 'petugas.dukcapil');
        const back = await away.sync.syncNow();
        expect(back).toMatchObject({ ok: true, pushed: 3000, rejected: 0 });
        await other.sync.syncNow();
        await expectExactlyOnce(server.db, [...ids, ...others]);
        expect(await count(server.db, 'applications', { agency_id: DUKCAPIL, status: 'diverifikasi' })).toBeGreaterThanOrEqual(1000);
        await expectInSync(away, server.db, DUKCAPIL);
        await expectInSync(other, server.db, DUKCAPIL);
        void clock;
      } finally {
        await away.close();
        await other.close();
        await proxy.close();
      }
    }, 240_000);
  });
});

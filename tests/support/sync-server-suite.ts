/**
 * The sync endpoints of the reference server, run unchanged on SQLite and on a real
 * PostgreSQL (sync-server-sqlite.test.ts, sync-server-postgres.test.ts). Real HTTP on
 * 127.0.0.1, no mocks.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { ServerErrorSchema } from '../../common/server-api/auth';
import { FileStatusSchema, MAX_PUSH_ENTRIES, PullResponseSchema, PushResponseSchema, SnapshotResponseSchema, type OutboxEntry, type PullResponse } from '../../common/sync/protocol';
import { countRows } from '../../server/src/db/connect';
import { migrateServer, rollbackServer } from '../../server/src/db/migrate';
import { startServer, type RunningServer } from '../../server/src/main';
import { createTestDatabase, type Backend, type TestDatabase } from '../integration/server-helpers';
import { DUKCAPIL, KK_SERVICE, serverLogin } from './sync-fixtures';

const SYNC_TABLES = ['applications', 'changes', 'sync_applied', 'sync_digest', 'sync_counter', 'files', 'file_chunks'];

export const createEntry = (over: Partial<Record<string, unknown>> = {}, id: string = randomUUID()): OutboxEntry => ({
  id,
  kind: 'application.create',
  payload: { id: randomUUID(), agencyId: DUKCAPIL, serviceId: KK_SERVICE, applicantName: 'Budi Santoso', applicantNik: '3201010101900001', notes: null, at: '2026-03-02T01:00:00.000Z', ...over },
  createdAt: '2026-03-02T01:00:00.000Z',
});

export const statusEntry = (appId: string, from: string, to: string, reason: string | null = null): OutboxEntry => ({
  id: randomUUID(),
  kind: 'application.setStatus',
  payload: { id: appId, from, to, reason, at: '2026-03-02T02:00:00.000Z' },
  createdAt: '2026-03-02T02:00:00.000Z',
});

interface Res {
  status: number;
  json: unknown;
  text: string;
}

async function http(url: string, method: string, path: string, opts: { token?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (typeof opts.body === 'string' && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(path, url), { method, headers, body: opts.body as BodyInit | undefined });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text };
}

export function defineSyncServerSuite(backend: Backend): void {
  describe(`sync endpoints on ${backend}`, () => {
    let tdb: TestDatabase;
    let server: RunningServer;
    let duk = '';
    let imi = '';
    let sup = '';
    let desk = '';

    const push = (token: string, entries: OutboxEntry[], installationId = 'inst-a') =>
      http(server.url, 'POST', '/api/v1/sync/push', { token, body: JSON.stringify({ protocol: 1, installationId, entries }) });
    const pushOk = async (token: string, entries: OutboxEntry[]) => {
      const r = await push(token, entries);
      expect(r.status, r.text).toBe(200);
      return PushResponseSchema.parse(r.json).results;
    };
    const pull = async (token: string, after: number, limit = 1000): Promise<PullResponse> => {
      const r = await http(server.url, 'GET', `/api/v1/sync/pull?after=${after}&limit=${limit}`, { token });
      expect(r.status, r.text).toBe(200);
      return PullResponseSchema.parse(r.json);
    };
    const pullAll = async (token: string, limit = 1000) => {
      const pages: PullResponse[] = [];
      let after = 0;
      for (;;) {
        const p = await pull(token, after, limit);
        pages.push(p);
        after = p.cursor;
        if (!p.hasMore) return pages;
      }
    };
    const counts = async (db: Knex) => {
      const out: Record<string, number> = {};
      for (const t of SYNC_TABLES) out[t] = await countRows(db, t);
      return out;
    };
    const snapshotDb = async (db: Knex) => ({
      counts: await counts(db),
      apps: await db('applications').select().orderBy('id'),
      counter: await db('sync_counter').select(),
      digest: await db('sync_digest').select().orderBy(['entity', 'scope']),
    });
    const errorOf = (r: Res) => ServerErrorSchema.parse(r.json).error;
    const countWhere = async (table: string, where: Record<string, string>) =>
      Number(((await server.db(table).where(where).count({ n: '*' }).first()) as { n: number | string }).n);

    beforeAll(async () => {
      tdb = await createTestDatabase(backend);
      server = await startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, quiet: true });
      const tokens = await Promise.all(['petugas.dukcapil', 'petugas.imigrasi', 'supervisor', 'resepsionis'].map((u) => serverLogin(server.url, u)));
      const [a = '', b = '', c = '', d = ''] = tokens;
      [duk, imi, sup, desk] = [a, b, c, d];
    });
    afterAll(async () => {
      await server?.close();
      await tdb?.drop();
    });

    it('migrates the sync tables up and down', async () => {
      const fresh = await createTestDatabase(backend);
      const db = fresh.open();
      try {
        expect(await migrateServer(db)).toContain('002_sync');
        for (const t of SYNC_TABLES) expect(await db.schema.hasTable(t), t).toBe(true);
        expect(await db('sync_counter').select('name', 'value')).toEqual([{ name: 'changes', value: backend === 'postgres' ? '0' : 0 }]);
        await rollbackServer(db);
        for (const t of SYNC_TABLES) expect(await db.schema.hasTable(t), t).toBe(false);
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });

    it('applies a create once, logs it with a commit-ordered seq, and answers a re-delivered batch with duplicates that change nothing', async () => {
      const entries = [createEntry(), createEntry()];
      const first = await pushOk(duk, entries);
      expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
      const before = await snapshotDb(server.db);
      const again = await pushOk(duk, entries);
      expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(await snapshotDb(server.db)).toEqual(before);
      const row = await server.db('applications').where({ id: entries[0]?.payload.id }).first();
      expect(row).toMatchObject({ agency_id: DUKCAPIL, status: 'diterima', applicant_name: 'Budi Santoso' });
      expect(Number(row.version)).toBe(1);
    });

    it('treats an id repeated inside one batch as a duplicate', async () => {
      const e = createEntry();
      const r = await pushOk(duk, [e, e]);
      expect(r.map((x) => x.status)).toEqual(['applied', 'duplicate']);
      expect(await countWhere('applications', { id: e.payload.id as string })).toBe(1);
      expect(await countWhere('changes', { entity_id: e.payload.id as string })).toBe(1);
    });

    it('rejects bad entries individually with bilingual reasons, never blocking the entries after them', async () => {
      const good = createEntry();
      const results = await pushOk(duk, [
        { ...createEntry(), kind: 'ticket.teleport' },
        createEntry({ applicantNik: '12' }),
        createEntry({ agencyId: 'ag-imigrasi', serviceId: 'sv-imigrasi-paspor-baru' }),
        createEntry({ serviceId: 'sv-imigrasi-paspor-baru' }),
        createEntry({ serviceId: 'sv-missing' }),
        statusEntry(randomUUID(), 'diterima', 'diverifikasi'),
        good,
      ]);
      expect(results.map((r) => [r.status, r.code])).toEqual([
        ['rejected', 'UNKNOWN_KIND'],
        ['rejected', 'VALIDATION'],
        ['rejected', 'FORBIDDEN'],
        ['rejected', 'SERVICE_AGENCY_MISMATCH'],
        ['rejected', 'UNKNOWN_SERVICE'],
        ['rejected', 'NOT_FOUND'],
        ['applied', undefined],
      ]);
      for (const r of results.slice(0, 6)) {
        expect(r.message?.length).toBeGreaterThan(5);
        expect(r.messageEn?.length).toBeGreaterThan(5);
        expect(r.message).not.toBe(r.messageEn);
      }
      // Re-delivered, a rejected entry answers its original rejection and changes nothing.
      const forbidden = results[2]!;
      const again = await pushOk(duk, [createEntry({ agencyId: 'ag-imigrasi', serviceId: 'sv-imigrasi-paspor-baru' }, forbidden.id)]);
      expect(again[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', message: forbidden.message });
      expect(await server.db('applications').where({ agency_id: 'ag-imigrasi' }).first()).toBeUndefined();
    });

    it('follows the workflow: of two counters changing the same application, the second is re-validated against the new state', async () => {
      const create = createEntry();
      const appId = create.payload.id as string;
      await pushOk(duk, [create]);
      // Counter A cancels it, counter B (which also saw "diterima") verifies it.
      const a = await pushOk(duk, [statusEntry(appId, 'diterima', 'dibatalkan', 'Pemohon membatalkan')]);
      expect(a[0]?.status).toBe('applied');
      const b = await pushOk(duk, [statusEntry(appId, 'diterima', 'diverifikasi')]);
      expect(b[0]).toMatchObject({ status: 'rejected', code: 'STATUS_CHANGED_ELSEWHERE', entity: 'application', entityId: appId });
      expect(b[0]?.message).toContain('Dibatalkan');
      expect(b[0]?.messageEn).toContain('Cancelled');
      expect(b[0]?.current).toMatchObject({ id: appId, status: 'dibatalkan', version: 2 });
      // Still allowed on the new state: applied (first to arrive wins, the second if still valid).
      const c = createEntry();
      await pushOk(duk, [c]);
      const cid = c.payload.id as string;
      await pushOk(duk, [statusEntry(cid, 'diterima', 'berkas_belum_lengkap', 'KK asli belum dibawa')]);
      const d = await pushOk(duk, [statusEntry(cid, 'diterima', 'diverifikasi')]);
      expect(d[0]?.status).toBe('applied');
      expect(await server.db('applications').where({ id: cid }).first()).toMatchObject({ status: 'diverifikasi' });
      // A reason is required by the workflow.
      const e = await pushOk(duk, [statusEntry(cid, 'diverifikasi', 'ditolak')]);
      expect(e[0]).toMatchObject({ status: 'rejected', code: 'STATUS_REASON_REQUIRED' });
    });

    it('scopes pull, snapshot and digest to the caller: an Imigrasi officer never reads Dukcapil applications', async () => {
      await pushOk(imi, [createEntry({ agencyId: 'ag-imigrasi', serviceId: 'sv-imigrasi-paspor-baru' })]);
      const imiPages = await pullAll(imi);
      const imiChanges = imiPages.flatMap((p) => p.changes);
      expect(imiChanges.length).toBeGreaterThan(0);
      expect(imiChanges.every((c) => (c.data as { agencyId: string }).agencyId === 'ag-imigrasi')).toBe(true);
      const last = imiPages[imiPages.length - 1]!;
      expect(last.scope).toBe('agency:ag-imigrasi');
      expect(last.digest?.application?.count).toBe(await countWhere('applications', { agency_id: 'ag-imigrasi' }));
      expect(last.cursor).toBe(Number((await server.db('sync_counter').first('value')).value));

      const supPages = await pullAll(sup);
      const supLast = supPages[supPages.length - 1]!;
      expect(supLast.scope).toBe('all');
      expect(supLast.digest?.application?.count).toBe(await countRows(server.db, 'applications'));

      const snap = await http(server.url, 'GET', '/api/v1/sync/snapshot?entity=application&limit=1000', { token: imi });
      const s = SnapshotResponseSchema.parse(snap.json);
      expect(s.rows.every((r) => r.agencyId === 'ag-imigrasi')).toBe(true);
      // Writing another agency's application by id is refused without revealing it.
      const dukApp = (await server.db('applications').where({ agency_id: DUKCAPIL }).first('id')) as { id: string };
      const r = await pushOk(imi, [statusEntry(dukApp.id, 'diterima', 'diverifikasi')]);
      expect(r[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND', current: null });
      // The front desk reads all but writes nothing.
      const fd = await pushOk(desk, [createEntry()]);
      expect(fd[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    });

    it('pages the change log in strictly increasing seq without gaps or repeats, with the digest only on the last page', async () => {
      await pushOk(duk, Array.from({ length: 25 }, () => createEntry()));
      const pages = await pullAll(sup, 10);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      const seqs = pages.flatMap((p) => p.changes.map((c) => c.seq));
      const total = Number((await server.db('sync_counter').first('value')).value);
      expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(pages.slice(0, -1).every((p) => p.digest === undefined && p.hasMore)).toBe(true);
      // A page asked twice is the same page.
      expect(await pull(sup, 10, 10)).toEqual(await pull(sup, 10, 10));
    });

    it('keeps seq in commit order under concurrent pushes, and applies a batch delivered twice at the same time exactly once', async () => {
      const before = Number((await server.db('sync_counter').first('value')).value);
      const batches = Array.from({ length: 6 }, () => Array.from({ length: 40 }, () => createEntry()));
      const raced = Array.from({ length: 30 }, () => createEntry());
      const responses = await Promise.all([...batches.map((b) => push(duk, b)), push(duk, raced), push(duk, raced)]);
      for (const r of responses.slice(0, 6)) expect(r.status, r.text).toBe(200);
      // The racing twin either saw the first as done (duplicates) or lost the race (409, retried).
      for (const r of responses.slice(6)) expect([200, 409]).toContain(r.status);
      const retry = await pushOk(duk, raced);
      expect(retry.every((x) => x.status === 'duplicate')).toBe(true);
      const after = Number((await server.db('sync_counter').first('value')).value);
      expect(after - before).toBe(6 * 40 + 30);
      const seqs = ((await server.db('changes').where('seq', '>', before).orderBy('seq').select('seq')) as { seq: number | string }[]).map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: after - before }, (_, i) => before + i + 1));
      for (const e of raced) expect(await countWhere('changes', { entity_id: e.payload.id as string })).toBe(1);
    });

    it('answers malformed, oversized and hostile requests to every sync endpoint with a clear 4xx and changes nothing', async () => {
      const before = await snapshotDb(server.db);
      const valid = JSON.stringify({ protocol: 1, installationId: 'x', entries: [createEntry()] });
      const cases: [string, Promise<Res>, number][] = [
        ['push without token', http(server.url, 'POST', '/api/v1/sync/push', { body: valid }), 401],
        ['push bad token', http(server.url, 'POST', '/api/v1/sync/push', { body: valid, token: 'x'.repeat(43) }), 401],
        ['push not JSON', http(server.url, 'POST', '/api/v1/sync/push', { token: duk, body: '{"protocol":1,' }), 400],
        ['push text/plain', http(server.url, 'POST', '/api/v1/sync/push', { token: duk, body: valid, headers: { 'content-type': 'text/plain' } }), 415],
        ['push wrong protocol', http(server.url, 'POST', '/api/v1/sync/push', { token: duk, body: valid.replace('"protocol":1', '"protocol":2') }), 400],
        ['push no entries', http(server.url, 'POST', '/api/v1/sync/push', { token: duk, body: JSON.stringify({ protocol: 1, installationId: 'x', entries: [] }) }), 400],
        ['push too many entries', push(duk, Array.from({ length: MAX_PUSH_ENTRIES + 1 }, () => createEntry())), 400],
        ['push extra field', http(server.url, 'POST', '/api/v1/sync/push', { token: duk, body: valid.replace('{"protocol"', '{"admin":true,"protocol"') }), 400],
        ['push __proto__', http(server.url, 'POST', '/api/v1/sync/push', { token: duk, body: valid.replace('{"protocol"', '{"__proto__":{"x":1},"protocol"') }), 400],
        ['push bad entry id', push(duk, [{ ...createEntry(), id: "x'; drop table changes;--" }]), 400],
        ['push huge payload string', push(duk, [createEntry({ notes: 'x'.repeat(17 * 1024 * 1024) })]), 413],
        ['pull without token', http(server.url, 'GET', '/api/v1/sync/pull?after=0'), 401],
        ['pull negative cursor', http(server.url, 'GET', '/api/v1/sync/pull?after=-1', { token: duk }), 400],
        ['pull text cursor', http(server.url, 'GET', '/api/v1/sync/pull?after=abc', { token: duk }), 400],
        ['pull limit 0', http(server.url, 'GET', '/api/v1/sync/pull?limit=0', { token: duk }), 400],
        ['pull limit huge', http(server.url, 'GET', '/api/v1/sync/pull?limit=999999', { token: duk }), 400],
        ['pull unknown param', http(server.url, 'GET', '/api/v1/sync/pull?after=0&scope=all', { token: duk }), 400],
        ['pull repeated param', http(server.url, 'GET', '/api/v1/sync/pull?after=0&after=5', { token: duk }), 400],
        ['snapshot unknown entity', http(server.url, 'GET', '/api/v1/sync/snapshot?entity=officer', { token: duk }), 404],
        ['snapshot bad entity', http(server.url, 'GET', '/api/v1/sync/snapshot?entity=../../x', { token: duk }), 400],
        ['file bad hash', http(server.url, 'GET', '/api/v1/files/not-a-hash/status', { token: duk }), 400],
        ['file put no range', http(server.url, 'PUT', `/api/v1/files/${'a'.repeat(64)}`, { token: duk, body: new Uint8Array(4), headers: { 'content-type': 'application/octet-stream' } }), 400],
        ['file put bad range', http(server.url, 'PUT', `/api/v1/files/${'a'.repeat(64)}`, { token: duk, body: new Uint8Array(4), headers: { 'content-type': 'application/octet-stream', 'content-range': 'bytes 0-9/4' } }), 400],
        ['file put length mismatch', http(server.url, 'PUT', `/api/v1/files/${'a'.repeat(64)}`, { token: duk, body: new Uint8Array(4), headers: { 'content-type': 'application/octet-stream', 'content-range': 'bytes 0-9/100' } }), 400],
        ['file put JSON', http(server.url, 'PUT', `/api/v1/files/${'a'.repeat(64)}`, { token: duk, body: '{"a":1}', headers: { 'content-range': 'bytes 0-6/7' } }), 415],
        ['file put too large chunk', http(server.url, 'PUT', `/api/v1/files/${'a'.repeat(64)}`, { token: duk, body: new Uint8Array(1024 * 1024 + 1), headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes 0-${1024 * 1024}/${2 * 1024 * 1024}` } }), 413],
        ['file put too large file', http(server.url, 'PUT', `/api/v1/files/${'a'.repeat(64)}`, { token: duk, body: new Uint8Array(4), headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes 0-3/${60 * 1024 * 1024}` } }), 400],
        ['file put resumes elsewhere', http(server.url, 'PUT', `/api/v1/files/${'a'.repeat(64)}`, { token: duk, body: new Uint8Array(4), headers: { 'content-type': 'application/octet-stream', 'content-range': 'bytes 4-7/8' } }), 409],
        ['file put by front desk', http(server.url, 'PUT', `/api/v1/files/${'a'.repeat(64)}`, { token: desk, body: new Uint8Array(4), headers: { 'content-type': 'application/octet-stream', 'content-range': 'bytes 0-3/4' } }), 403],
        ['file get unknown', http(server.url, 'GET', `/api/v1/files/${'b'.repeat(64)}`, { token: duk }), 404],
      ];
      for (const [name, p, status] of cases) {
        const r = await p;
        expect(r.status, `${name}: ${r.text.slice(0, 300)}`).toBe(status);
        const e = errorOf(r);
        expect(e.message.length, name).toBeGreaterThan(5);
        expect(e.messageEn.length, name).toBeGreaterThan(5);
      }
      // A chunk whose file does not hash to its name is discarded.
      const mismatch = await http(server.url, 'PUT', `/api/v1/files/${'c'.repeat(64)}`, {
        token: duk,
        body: new Uint8Array([1, 2, 3]),
        headers: { 'content-type': 'application/octet-stream', 'content-range': 'bytes 0-2/3' },
      });
      expect(mismatch.status).toBe(400);
      expect(errorOf(mismatch).details?.issue).toBe('HASH_MISMATCH');
      expect(await snapshotDb(server.db)).toEqual(before);
    });

    it('uploads a document content-addressed, resumes after an interruption, verifies the hash and scopes reading', async () => {
      const content = Buffer.alloc(2_500_000);
      for (let i = 0; i < content.length; i++) content[i] = (i * 31) % 251;
      const sha = createHash('sha256').update(content).digest('hex');
      const put = (start: number, end: number, token = duk) =>
        http(server.url, 'PUT', `/api/v1/files/${sha}`, {
          token,
          body: content.subarray(start, end + 1),
          headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${end}/${content.length}` },
        });
      const status = async () => FileStatusSchema.parse((await http(server.url, 'GET', `/api/v1/files/${sha}/status`, { token: duk })).json);
      expect(await status()).toEqual({ sha256: sha, size: null, received: 0, complete: false });
      expect((await put(0, 999_999)).status).toBe(200);
      // The connection "dropped": the counter asks where to resume.
      expect(await status()).toMatchObject({ received: 1_000_000, complete: false });
      expect((await put(0, 999_999)).status).toBe(200); // a chunk already held is fine
      expect((await put(1_500_000, 2_499_999)).status).toBe(409); // a gap is not
      expect((await put(1_000_000, 1_999_999)).status).toBe(200);
      const last = await put(2_000_000, content.length - 1);
      expect(last.status, last.text).toBe(200);
      expect(FileStatusSchema.parse(last.json)).toEqual({ sha256: sha, size: content.length, received: content.length, complete: true });
      const got = await fetch(new URL(`/api/v1/files/${sha}`, server.url), { headers: { authorization: `Bearer ${duk}` } });
      expect(Buffer.from(await got.arrayBuffer()).equals(content)).toBe(true);
      const other = await http(server.url, 'GET', `/api/v1/files/${sha}`, { token: imi });
      expect(other.status).toBe(404);
    });
  });
}

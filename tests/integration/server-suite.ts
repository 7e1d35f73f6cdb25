/**
 * The reference server's integration suite, run unchanged against SQLite and
 * PostgreSQL (server-sqlite.test.ts, server-postgres.test.ts). Everything goes
 * over real HTTP on 127.0.0.1 with fetch; the clock is injected so lockouts and
 * token expiry are tested without waiting.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { CatalogSchema } from '../../common/ipc/models';
import { HealthSchema, LoginResponseSchema, ServerErrorSchema, ServerOfficerSchema, type LoginResponse, type ServerError } from '../../common/server-api/auth';
import { createLogger } from '../../node-shared/logger';
import { createOfficer, setOfficerActive } from '../../server/src/auth/officers';
import { runCli } from '../../server/src/cli';
import { SERVER_MIGRATIONS } from '../../server/src/db/migrations';
import { countRows } from '../../server/src/db/connect';
import { migrateServer, rollbackServer } from '../../server/src/db/migrate';
import { DEMO_ACCOUNTS, DEMO_AGENCIES, DEMO_MALL_NAME, DEMO_PASSWORD } from '../../server/src/demo/seed';
import { startServer, type RunningServer } from '../../server/src/main';
import { runMaintenance } from '../../server/src/maintenance';
import { call, createTestDatabase, type Backend, type TestDatabase } from './server-helpers';

const ROOT = path.resolve(__dirname, '../..');

const EXPECTED_COLUMNS: Record<string, string[]> = {
  settings: ['key', 'value'],
  agencies: ['id', 'code', 'name', 'service_days'],
  services: ['id', 'agency_id', 'code', 'name'],
  counters: ['id', 'agency_id', 'number', 'name'],
  officers: ['id', 'username', 'name', 'role', 'agency_id', 'password_hash', 'active', 'created_at'],
  sessions: ['token_hash', 'officer_id', 'installation_id', 'created_at', 'expires_at', 'revoked_at'],
  login_failures: ['key', 'failures', 'locked_until', 'updated_at'],
};

const errorOf = (r: { json: unknown }): ServerError['error'] => ServerErrorSchema.parse(r.json).error;

export function defineServerSuite(backend: Backend): void {
  describe(`reference server on ${backend}`, () => {
    let tdb: TestDatabase;
    let server: RunningServer;
    let clock = Date.parse('2026-03-02T01:00:00.000Z');
    const now = () => new Date(clock);
    const logLines: string[] = [];
    const logger = createLogger((l) => logLines.push(l), 'debug');
    const issuedTokens: string[] = [];

    const start = () => startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, now, logger });
    const post = (p: string, opts: Parameters<typeof call>[3] = {}) => call(server.url, 'POST', p, opts);
    const get = (p: string, token?: string) => call(server.url, 'GET', p, token ? { token } : {});
    const login = async (username: string, password = DEMO_PASSWORD): Promise<LoginResponse> => {
      const r = await post('/api/v1/auth/login', { body: { username, password, installationId: 'inst-test-1' } });
      expect(r.status, r.text).toBe(200);
      const res = LoginResponseSchema.parse(r.json);
      issuedTokens.push(res.token);
      return res;
    };
    const counts = async (db: Knex) => {
      const out: Record<string, number> = {};
      for (const t of Object.keys(EXPECTED_COLUMNS)) out[t] = await countRows(db, t);
      return out;
    };

    beforeAll(async () => {
      tdb = await createTestDatabase(backend);
      server = await start();
    });

    afterAll(async () => {
      await server?.close();
      await tdb?.drop();
    });

    it('migrates an empty database to the expected tables and columns, and back', async () => {
      const fresh = await createTestDatabase(backend);
      const db = fresh.open();
      try {
        for (const t of Object.keys(EXPECTED_COLUMNS)) expect(await db.schema.hasTable(t)).toBe(false);
        expect(await migrateServer(db)).toEqual(SERVER_MIGRATIONS.map((m) => m.name));
        for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
          expect(await db.schema.hasTable(table), table).toBe(true);
          const info = await db(table).columnInfo();
          expect(Object.keys(info).sort(), table).toEqual([...columns].sort());
        }
        expect(await migrateServer(db)).toEqual([]);
        // Foreign keys are enforced on both databases.
        await expect(db('services').insert({ id: 'sv-x', agency_id: 'ag-missing', code: 'X', name: 'X' })).rejects.toThrow();
        await rollbackServer(db);
        for (const t of Object.keys(EXPECTED_COLUMNS)) expect(await db.schema.hasTable(t)).toBe(false);
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });

    it('answers /health', async () => {
      const r = await get('/health');
      expect(r.status).toBe(200);
      const h = HealthSchema.parse(r.json);
      expect(h.time).toBe(now().toISOString());
      expect(r.headers.get('cache-control')).toBe('no-store');
    });

    it('signs in a demo officer and stores only the hash of the token', async () => {
      const res = await login('petugas.dukcapil');
      expect(res.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.officer).toEqual({
        id: expect.any(String),
        username: 'petugas.dukcapil',
        name: 'Siti Rahmawati',
        role: 'officer',
        agencyId: 'ag-dukcapil',
        agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
      });
      expect(Date.parse(res.expiresAt) - clock).toBe(12 * 3600_000);
      const sha = createHash('sha256').update(res.token).digest('hex');
      const row = await server.db('sessions').where({ token_hash: sha }).first();
      expect(row).toMatchObject({ officer_id: res.officer.id, installation_id: 'inst-test-1', revoked_at: null });
      expect(await server.db('sessions').where({ token_hash: res.token }).first()).toBeUndefined();
      // Usernames are case-insensitive; the result is the same account.
      expect((await login('  PETUGAS.Dukcapil ')).officer.id).toBe(res.officer.id);
    });

    it('gives the same 401 for a wrong password and an unknown user', async () => {
      const wrong = await post('/api/v1/auth/login', { body: { username: 'petugas.imigrasi', password: 'salah-sekali-123' } });
      const unknown = await post('/api/v1/auth/login', { body: { username: 'tidak.ada', password: 'salah-sekali-123' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.json).toEqual(unknown.json);
      expect(errorOf(wrong)).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Nama pengguna atau kata sandi salah.', messageEn: 'Wrong username or password.' });
      // A later success resets the counter.
      await login('petugas.imigrasi');
      expect(await server.db('login_failures').where({ key: 'user:petugas.imigrasi' }).first()).toBeUndefined();
    });

    it('locks a username after 5 failures, keeps the lock across a restart, and doubles it', async () => {
      for (let i = 1; i <= 5; i++) {
        const r = await post('/api/v1/auth/login', { body: { username: 'petugas.samsat', password: `salah-${i}-xxxxxxx` } });
        expect(r.status, `attempt ${i}`).toBe(401);
      }
      // Locked: even the right password is not checked.
      const locked = await post('/api/v1/auth/login', { body: { username: 'petugas.samsat', password: DEMO_PASSWORD } });
      expect(locked.status).toBe(429);
      expect(errorOf(locked)).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 30 } });
      expect(errorOf(locked).message).toMatch(/30 detik/);
      expect(locked.headers.get('retry-after')).toBe('30');
      // Other usernames are unaffected.
      await login('petugas.bpjs');

      await server.close();
      clock += 10_000;
      server = await start();
      const afterRestart = await post('/api/v1/auth/login', { body: { username: 'petugas.samsat', password: DEMO_PASSWORD } });
      expect(afterRestart.status).toBe(429);
      expect(errorOf(afterRestart).details?.retryAfterSeconds).toBe(20);

      // Lock over; one more failure doubles the lock to 60 s.
      clock += 21_000;
      const sixth = await post('/api/v1/auth/login', { body: { username: 'petugas.samsat', password: 'masih-salah-xxxx' } });
      expect(sixth.status).toBe(401);
      const doubled = await post('/api/v1/auth/login', { body: { username: 'petugas.samsat', password: DEMO_PASSWORD } });
      expect(errorOf(doubled).details?.retryAfterSeconds).toBe(60);

      // After the lock a correct password signs in and clears the record.
      clock += 61_000;
      await login('petugas.samsat');
      expect(await server.db('login_failures').where({ key: 'user:petugas.samsat' }).first()).toBeUndefined();
      const again = await post('/api/v1/auth/login', { body: { username: 'petugas.samsat', password: 'salah-lagi-xxxxx' } });
      expect(again.status).toBe(401);
    });

    it('locks unknown usernames the same way (no enumeration through the lockout)', async () => {
      for (let i = 0; i < 5; i++) await post('/api/v1/auth/login', { body: { username: 'hantu', password: 'xxxxxxxxxxxxx' } });
      const r = await post('/api/v1/auth/login', { body: { username: 'hantu', password: 'xxxxxxxxxxxxx' } });
      expect(r.status).toBe(429);
      expect(errorOf(r).details?.retryAfterSeconds).toBe(30);
    });

    it('requires a token, and a token stops working after logout', async () => {
      const none = await get('/api/v1/me');
      expect(none.status).toBe(401);
      expect(errorOf(none).code).toBe('UNAUTHENTICATED');
      expect((await get('/api/v1/me', 'not-a-token')).status).toBe(401);
      expect((await get('/api/v1/me', 'A'.repeat(43))).status).toBe(401);
      expect((await get('/api/v1/catalog')).status).toBe(401);

      const { token, officer } = await login('supervisor');
      const me = await get('/api/v1/me', token);
      expect(me.status).toBe(200);
      expect(ServerOfficerSchema.parse(me.json)).toEqual(officer);
      expect(officer).toMatchObject({ role: 'supervisor', agencyId: null, agencyName: null });

      const out = await post('/api/v1/auth/logout', { body: {}, token });
      expect(out.status).toBe(200);
      expect(out.json).toEqual({ ok: true });
      expect((await get('/api/v1/me', token)).status).toBe(401);
      expect((await post('/api/v1/auth/logout', { body: {}, token })).status).toBe(401);
      const sha = createHash('sha256').update(token).digest('hex');
      expect((await server.db('sessions').where({ token_hash: sha }).first())?.revoked_at).toBe(now().toISOString());
    });

    it('serves the demo catalog, ordered stably, to any signed-in role', async () => {
      const { token } = await login('petugas.dpmptsp');
      const r = await get('/api/v1/catalog', token);
      expect(r.status).toBe(200);
      const catalog = CatalogSchema.parse(r.json);
      expect(catalog.mallName).toBe(DEMO_MALL_NAME);
      expect(catalog.agencies.map((a) => a.code).sort()).toEqual(DEMO_AGENCIES.map((a) => a.code).sort());
      const names = catalog.services.map((s) => s.name);
      for (const n of [
        'Penerbitan Kartu Keluarga',
        'Penerbitan KTP-el',
        'Akta Kelahiran',
        'Akta Kematian',
        'Pindah Datang',
        'Paspor Baru',
        'Penggantian Paspor',
        'Pembayaran Pajak Kendaraan Tahunan',
        'Balik Nama Kendaraan',
        'Pendaftaran Peserta',
        'Perubahan Data Peserta',
        'Perizinan Berusaha / NIB',
        'Persetujuan Bangunan Gedung',
      ]) {
        expect(names).toContain(n);
      }
      const numbers = catalog.counters.map((c) => c.number);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const a of catalog.agencies) {
        const n = catalog.counters.filter((c) => c.agencyId === a.id).length;
        expect(n, a.code).toBeGreaterThanOrEqual(2);
        expect(n, a.code).toBeLessThanOrEqual(3);
        expect(catalog.services.some((s) => s.agencyId === a.id)).toBe(true);
      }
      const { token: ft } = await login('resepsionis');
      expect((await get('/api/v1/catalog', ft)).text).toBe(r.text);
    });

    it('scopes agency data: officers see only their agency, supervisors and the front desk the whole mall', async () => {
      const dukcapil = await login('petugas.dukcapil');
      const own = await get('/api/v1/agencies/ag-dukcapil/counters', dukcapil.token);
      expect(own.status).toBe(200);
      expect((own.json as { counters: { agencyId: string }[] }).counters.every((c) => c.agencyId === 'ag-dukcapil')).toBe(true);

      const other = await get('/api/v1/agencies/ag-imigrasi/counters', dukcapil.token);
      expect(other.status).toBe(403);
      expect(errorOf(other)).toMatchObject({ code: 'FORBIDDEN', message: 'Data ini milik instansi lain.' });
      // An officer cannot tell a missing agency from another agency's.
      expect((await get('/api/v1/agencies/ag-tidak-ada/counters', dukcapil.token)).status).toBe(403);
      expect((await get('/api/v1/agencies/bad%20id!/counters', dukcapil.token)).status).toBe(400);

      const sup = await login('supervisor');
      expect((await get('/api/v1/agencies/ag-imigrasi/counters', sup.token)).status).toBe(200);
      expect((await get('/api/v1/agencies/ag-tidak-ada/counters', sup.token)).status).toBe(404);
      const desk = await login('resepsionis');
      expect((await get('/api/v1/agencies/ag-samsat/counters', desk.token)).status).toBe(200);
    });

    it('refuses inactive officers at sign-in and on existing tokens', async () => {
      await createOfficer(server.db, {
        username: 'petugas.cuti',
        name: 'Petugas Cuti',
        role: 'officer',
        agencyCode: 'SAMSAT',
        password: 'Cuti-Panjang-2026',
      });
      const { token } = await login('petugas.cuti', 'Cuti-Panjang-2026');
      await setOfficerActive(server.db, 'petugas.cuti', false);
      const r = await post('/api/v1/auth/login', { body: { username: 'petugas.cuti', password: 'Cuti-Panjang-2026' } });
      expect(r.status).toBe(403);
      expect(errorOf(r).code).toBe('FORBIDDEN');
      expect((await get('/api/v1/me', token)).status).toBe(403);
      // The wrong password for an inactive account is still just "wrong".
      expect((await post('/api/v1/auth/login', { body: { username: 'petugas.cuti', password: 'bukan-ini-xxxx' } })).status).toBe(401);
    });

    it('rejects malformed bodies with a clear 4xx and changes no rows', async () => {
      const before = await counts(server.db);
      const cases: { name: string; opts: Parameters<typeof call>[3]; status: number; field?: string }[] = [
        { name: 'wrong types', opts: { body: { username: 42, password: true } }, status: 400, field: 'username' },
        { name: 'missing password', opts: { body: { username: 'petugas.dukcapil' } }, status: 400, field: 'password' },
        { name: 'extra field', opts: { body: { username: 'petugas.dukcapil', password: DEMO_PASSWORD, role: 'admin' } }, status: 400, field: 'role' },
        { name: 'array body', opts: { body: [1, 2, 3] }, status: 400 },
        { name: 'too long username', opts: { body: { username: 'x'.repeat(65), password: 'y' } }, status: 400, field: 'username' },
        { name: 'non-JSON', opts: { rawBody: '{"username": "petugas.dukcapil", ' }, status: 400 },
        { name: 'empty JSON body', opts: { rawBody: '' , contentType: 'application/json' }, status: 400 },
        { name: 'proto pollution', opts: { rawBody: '{"__proto__": {"admin": true}, "username": "a", "password": "b"}' }, status: 400 },
        { name: 'text/plain', opts: { rawBody: 'username=petugas.dukcapil', contentType: 'text/plain' }, status: 415 },
        { name: '2 MB body', opts: { body: { username: 'petugas.dukcapil', password: 'p'.repeat(2 * 1024 * 1024) } }, status: 413 },
      ];
      for (const c of cases) {
        const r = await post('/api/v1/auth/login', c.opts);
        expect(r.status, c.name).toBe(c.status);
        const e = errorOf(r);
        expect(e.code, c.name).toBe('VALIDATION');
        expect(e.message.length, c.name).toBeGreaterThan(5);
        expect(e.messageEn.length, c.name).toBeGreaterThan(5);
        if (c.field) expect(e.details?.field, c.name).toBe(c.field);
      }
      // Same on an authenticated route.
      const { token } = await login('admin');
      const afterLogin = await counts(server.db);
      const bad = await post('/api/v1/auth/logout', { body: { everything: true }, token });
      expect(bad.status).toBe(400);
      expect((await get('/api/v1/me', token)).status).toBe(200);
      expect(await counts(server.db)).toEqual(afterLogin);
      expect({ ...afterLogin, sessions: afterLogin.sessions! - 1 }).toEqual(before);
      expect((await get('/nowhere')).status).toBe(404);
      expect(errorOf(await get('/nowhere')).code).toBe('NOT_FOUND');
    });

    it('CLI create-officer rejects a short password and creates a valid officer', async () => {
      const before = await countRows(server.db, 'officers');
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'server/src/cli.ts'), 'create-officer', ...tdb.cliArgs, '--username', 'petugas.baru', '--name', 'Petugas Baru', '--role', 'officer', '--agency', 'DUKCAPIL', '--password', 'pendek123'],
        { cwd: ROOT, env: { ...process.env, ...tdb.cliEnv }, encoding: 'utf8', timeout: 30_000 },
      );
      expect(child.status, child.stderr).toBe(2);
      expect(child.stderr).toContain('Kata sandi minimal 12 karakter.');
      expect(child.stderr).toContain('at least 12 characters');
      expect(child.stdout).toBe('');
      expect(await countRows(server.db, 'officers')).toBe(before);

      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: { ...tdb.cliEnv } };
      const args = ['--username', 'Petugas.Baru', '--name', 'Petugas Baru', '--role', 'officer', '--agency', 'dukcapil', '--password', 'Panjang-Sekali-2026'];
      expect(await runCli(['create-officer', ...tdb.cliArgs, ...args], io), err.join('\n')).toBe(0);
      expect(out.join('\n')).toContain('petugas.baru');
      expect(await runCli(['create-officer', ...tdb.cliArgs, ...args], io)).toBe(1);
      expect(err.join('\n')).toContain('sudah dipakai');
      const res = await login('petugas.baru', 'Panjang-Sekali-2026');
      expect(res.officer).toMatchObject({ role: 'officer', agencyId: 'ag-dukcapil' });
    });

    it('expires tokens after their lifetime', async () => {
      const { token } = await login('petugas.bpjs');
      expect((await get('/api/v1/me', token)).status).toBe(200);
      clock += 12 * 3600_000 + 1000;
      expect((await get('/api/v1/me', token)).status).toBe(401);
    });

    it('seeding is idempotent and the demo accounts are all present', async () => {
      await server.close();
      server = await start();
      for (const a of DEMO_ACCOUNTS) {
        const row = await server.db('officers').where({ username: a.username }).first();
        expect(row, a.username).toMatchObject({ role: a.role, name: a.name });
      }
      expect(await countRows(server.db, 'agencies')).toBe(DEMO_AGENCIES.length);
    });

    it('maintenance prunes stale auth rows but never an active lock', async () => {
      const iso = (ms: number) => new Date(ms).toISOString();
      const day = 86400_000;
      const officerId = (await server.db('officers').where({ username: 'admin' }).first()).id as string;
      await server.db('sessions').insert([
        { token_hash: 'a'.repeat(64), officer_id: officerId, installation_id: null, created_at: iso(clock - 40 * day), expires_at: iso(clock - 39 * day), revoked_at: null },
        { token_hash: 'b'.repeat(64), officer_id: officerId, installation_id: null, created_at: iso(clock - 1 * day), expires_at: iso(clock + day), revoked_at: null },
      ]);
      await server.db('login_failures').insert([
        { key: 'user:lama', failures: 2, locked_until: null, updated_at: iso(clock - 2 * day) },
        { key: 'user:terkunci', failures: 12, locked_until: iso(clock + 600_000), updated_at: iso(clock - 2 * day) },
        { key: 'user:baru', failures: 1, locked_until: null, updated_at: iso(clock - 60_000) },
      ]);
      expect(await runMaintenance(server.db, now())).toEqual({ sessions: 1, loginFailures: 1 });
      expect(await server.db('sessions').whereIn('token_hash', ['a'.repeat(64), 'b'.repeat(64)]).pluck('token_hash')).toEqual(['b'.repeat(64)]);
      expect((await server.db('login_failures').whereIn('key', ['user:lama', 'user:terkunci', 'user:baru']).orderBy('key').pluck('key'))).toEqual(['user:baru', 'user:terkunci']);
    });

    it('fails to start cleanly when the port is taken', async () => {
      await expect(startServer({ ...tdb.selection, port: server.port, host: '127.0.0.1', quiet: true, now })).rejects.toThrow(/EADDRINUSE|address already in use/i);
      expect((await get('/health')).status).toBe(200);
    });

    it('never logs passwords or tokens', () => {
      const all = logLines.join('\n');
      expect(all.length).toBeGreaterThan(0);
      expect(all).not.toContain(DEMO_PASSWORD);
      expect(all).not.toContain('Panjang-Sekali-2026');
      expect(all).not.toContain('salah-sekali-123');
      for (const t of issuedTokens) expect(all).not.toContain(t);
    });
  });
}

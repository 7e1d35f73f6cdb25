/**
 * Officer sign-in through the real main-process services against the real reference
 * server over HTTP on 127.0.0.1, with real SQLite files on both sides.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoket, type Loket } from '../../main/app/compose';
import { createLogger } from '../../node-shared/logger';
import { startServer } from '../../server/src/main';
import { DEMO_PASSWORD } from '../support/stack';
import { tempDir } from '../support/temp';
import type { Result } from '../../common/ipc/result';
import type { Session } from '../../common/ipc/models';

describe('sign-in: server first, offline cache after', () => {
  const t = tempDir();
  let server: { url: string; close(): Promise<void> };
  let loket: Loket;
  let clock = new Date('2026-11-23T08:00:00+07:00').getTime();
  const logLines: string[] = [];

  const call = (channel: string, input: unknown = {}) => loket.dispatch(channel, input);
  const session = (r: Result<unknown>) => (r.ok ? (r.value as Session) : null);

  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'server.sqlite'), demo: true, quiet: true });
    loket = await createLoket({
      dataDir: path.join(t.dir, 'counter'),
      runtime: 'harness',
      version: 'test',
      defaultServerUrl: server.url,
      tickMs: 0,
      now: () => new Date(clock),
      logger: createLogger((l) => logLines.push(l), 'debug'),
    });
  });
  afterAll(async () => {
    await loket.close();
    await server.close();
    t.cleanup();
  });

  it('signs in against the server and caches the catalog of the demo mall', async () => {
    const r = await call('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD });
    expect(r).toMatchObject({ ok: true, value: { mode: 'server', officer: { role: 'officer', name: 'Siti Rahmawati' }, locked: false } });
    expect(JSON.stringify(r)).not.toMatch(/token|hash|verifier/i);
    const catalog = await call('catalog.get');
    expect(catalog.ok).toBe(true);
    if (catalog.ok) {
      const c = catalog.value as { agencies: { name: string }[]; services: { name: string }[] };
      expect(c.agencies.map((a) => a.name).join()).toMatch(/Dukcapil|Kependudukan/);
      expect(c.services.map((s) => s.name)).toContain('Penerbitan Kartu Keluarga');
    }
  });

  it('lets an officer open only a counter of their own agency', async () => {
    const catalog = await call('catalog.get');
    if (!catalog.ok) throw new Error('catalog');
    const c = catalog.value as { counters: { id: string; agencyId: string }[] };
    const me = session(await call('auth.session'))!;
    const own = c.counters.find((x) => x.agencyId === me.officer.agencyId)!;
    const other = c.counters.find((x) => x.agencyId !== me.officer.agencyId)!;
    expect(await call('counter.open', { counterId: other.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('counter.open', { counterId: own.id })).toMatchObject({ ok: true, value: { counterId: own.id } });
    expect(await call('counter.open', { counterId: 'no-such-counter' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('locks the session after the idle time and refuses work until unlocked', async () => {
    clock += 11 * 60_000;
    expect(await call('catalog.get')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(session(await call('auth.session'))?.locked).toBe(true);
    expect(await call('auth.unlock', { password: 'bukan-kata-sandi' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await call('auth.unlock', { password: DEMO_PASSWORD })).toMatchObject({ ok: true, value: { locked: false } });
    expect((await call('catalog.get')).ok).toBe(true);
  });

  it('does not let a front-desk account open a counter (role check)', async () => {
    await call('auth.signOut');
    expect(await call('catalog.get')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await call('auth.signIn', { username: 'resepsionis', password: DEMO_PASSWORD })).ok).toBe(true);
    expect(await call('counter.open', { counterId: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await call('auth.signOut');
  });

  it('throttles wrong passwords: five free attempts, then a persisted wait', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await call('auth.signIn', { username: 'petugas.imigrasi', password: `salah-${i}-xxxxxx` })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CREDENTIALS' },
      });
    }
    const locked = await call('auth.signIn', { username: 'petugas.imigrasi', password: DEMO_PASSWORD });
    expect(locked).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    if (!locked.ok) expect(Number(locked.error.details?.retryAfterSeconds)).toBeGreaterThan(0);
    const row = await loket.db('signin_throttle').where({ username: 'petugas.imigrasi' }).first();
    expect(row.failures).toBe(5);
  });

  it('signs in offline with the cached verifier when the server is down, and refuses a wrong password', async () => {
    await server.close();
    expect(await call('auth.signIn', { username: 'petugas.dukcapil', password: 'salah-sekali-123' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    const r = await call('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD });
    expect(r).toMatchObject({ ok: true, value: { mode: 'offline', officer: { name: 'Siti Rahmawati' } } });
    // An account that never signed in here cannot sign in offline.
    expect(await call('auth.signIn', { username: 'petugas.samsat', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    // Catalog still served from the local cache.
    expect((await call('catalog.get')).ok).toBe(true);
    expect(await call('status.get')).toMatchObject({ ok: true });
  });

  it('never writes a password to the log or stores it in clear', async () => {
    const all = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    expect(all).not.toContain(DEMO_PASSWORD);
    for (const f of ['loket.sqlite', 'loket.sqlite-wal']) {
      const file = path.join(t.dir, 'counter', f);
      if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(Buffer.from(DEMO_PASSWORD)), f).toBe(false);
    }
  });
});

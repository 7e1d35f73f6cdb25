import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoket, type Loket } from '../../main/app/compose';
import { silentLogger } from '../../node-shared/logger';
import { tempDir } from '../support/temp';

describe('IPC dispatch validation (real SQLite, no server)', () => {
  let loket: Loket;
  const t = tempDir();
  const opened: string[] = [];
  beforeAll(async () => {
    loket = await createLoket({
      dataDir: t.dir,
      runtime: 'harness',
      version: 'test',
      defaultServerUrl: 'http://127.0.0.1:9',
      logger: silentLogger,
      tickMs: 0,
      openExternal: async (url) => void opened.push(url),
    });
  });
  afterAll(async () => {
    await loket.close();
    t.cleanup();
  });

  const settingsRows = () => loket.db('settings').whereNot({ key: 'installationId' }).select();

  it('answers a valid call with an ok envelope', async () => {
    const r = await loket.dispatch('app.ping', {});
    expect(r).toMatchObject({ ok: true, value: { pong: true } });
  });

  it.each([
    ['unknown channel', 'app.nope', {}, 'UNKNOWN_CHANNEL'],
    ['prototype key as channel', '__proto__', {}, 'UNKNOWN_CHANNEL'],
    ['wrong type', 'settings.update', { locale: 42 }, 'VALIDATION'],
    ['value outside enum', 'settings.update', { locale: 'fr' }, 'VALIDATION'],
    ['extra field', 'settings.update', { locale: 'en', isAdmin: true }, 'VALIDATION'],
    ['not an object', 'settings.update', 'locale=en', 'VALIDATION'],
    ['null input', 'settings.update', null, 'VALIDATION'],
    ['huge string', 'auth.signIn', { username: 'a'.repeat(300_000), password: 'x' }, 'VALIDATION'],
    ['long username', 'auth.signIn', { username: 'a'.repeat(65), password: 'x' }, 'VALIDATION'],
    ['javascript server url', 'settings.update', { serverUrl: 'javascript:alert(1)//' }, 'VALIDATION'],
    ['out of range idle time', 'settings.update', { idleLockMinutes: 0 }, 'VALIDATION'],
  ])('rejects %s with a clear error and changes nothing', async (_name, channel, input, code) => {
    const before = await settingsRows();
    const r = await loket.dispatch(channel, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(5);
      expect(r.error.messageEn.length).toBeGreaterThan(5);
    }
    expect(await settingsRows()).toEqual(before);
  });

  it('rejects cyclic input instead of crashing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const r = await loket.dispatch('settings.update', cyclic);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('enforces access: signed-in channels refuse without a session', async () => {
    expect(await loket.dispatch('catalog.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await loket.dispatch('counter.open', { counterId: 'c1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('applies a valid settings change in one step', async () => {
    const r = await loket.dispatch('settings.update', { locale: 'en', idleLockMinutes: 5 });
    expect(r).toMatchObject({ ok: true, value: { locale: 'en', idleLockMinutes: 5 } });
    expect(await loket.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { locale: 'en', idleLockMinutes: 5 } });
  });

  it('opens only allow-listed external links', async () => {
    expect(await loket.dispatch('shell.openExternal', { url: 'https://www.lapor.go.id/' })).toEqual({ ok: true, value: { opened: true } });
    expect(await loket.dispatch('shell.openExternal', { url: 'file:///etc/passwd' })).toEqual({ ok: true, value: { opened: false } });
    expect(opened).toEqual(['https://www.lapor.go.id/']);
  });

  it('signs in offline only with a cached credential: a fresh installation says the server is needed', async () => {
    const r = await loket.dispatch('auth.signIn', { username: 'petugas.dukcapil', password: 'whatever-password' });
    expect(r).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });
});

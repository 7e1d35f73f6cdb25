/**
 * Done when: two counters and the server run together (two installations on two SQLite
 * files, one server), and an application created offline on one counter shows up on the
 * other after reconnect. Also: two counters change the same application while both are
 * offline; the officer sees the rejected change with its reason. Real composition root,
 * real dispatcher, real HTTP through a TCP proxy that can take the network away.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loket } from '../../main/app/compose';
import type { ApplicationView, OutboxView } from '../../common/sync/applications';
import type { Status } from '../../common/ipc/models';
import { startServer, type RunningServer } from '../../server/src/main';
import { createTestDatabase, type Backend, type TestDatabase } from './server-helpers';
import { startSyncProxy, type SyncProxy } from '../support/sync-proxy';
import { call, DUKCAPIL, expectInSync, KK_SERVICE, openCounter, signIn } from '../support/sync-fixtures';
import { tempDir } from '../support/temp';

describe.each<Backend>(['sqlite', 'postgres'])('two counters and the server on %s', (backend) => {
  const t = tempDir('loket-sync-two-');
  let tdb: TestDatabase;
  let server: RunningServer;
  let proxyA: SyncProxy;
  let proxyB: SyncProxy;
  let a: Loket;
  let b: Loket;

  beforeAll(async () => {
    tdb = await createTestDatabase(backend);
    server = await startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, quiet: true });
    const target = { host: '127.0.0.1', port: server.port };
    proxyA = await startSyncProxy(target);
    proxyB = await startSyncProxy(target);
    a = await openCounter(path.join(t.dir, 'counter-a'), proxyA.url);
    b = await openCounter(path.join(t.dir, 'counter-b'), proxyB.url);
    await signIn(a, 'petugas.dukcapil');
    await signIn(b, 'petugas.dukcapil');
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await proxyA?.close();
    await proxyB?.close();
    await server?.close();
    await tdb?.drop();
    t.cleanup();
  });

  it('shows an application created offline on one counter on the other after reconnect', async () => {
    // Counter A loses the network; the officer keeps working.
    proxyA.mode = 'refuse';
    proxyA.cut();
    const created = await call<ApplicationView>(a, 'applications.create', { serviceId: KK_SERVICE, applicantName: 'Siti Aminah', applicantNik: '3201014508900002' });
    expect(created).toMatchObject({ agencyId: DUKCAPIL, status: 'diterima', version: 0, pending: true });
    const offline = await call<Status>(a, 'sync.now');
    expect(offline.connection).toBe('offline');
    expect(offline.pendingChanges).toBe(1);
    expect((await call<OutboxView>(a, 'sync.pending')).entries).toMatchObject([{ kind: 'application.create', entityId: created.id, state: 'pending', reason: { code: 'OFFLINE' } }]);
    expect(await server.db('applications').where({ id: created.id }).first()).toBeUndefined();

    // Reconnect: A pushes and pulls; B pulls and sees it.
    proxyA.mode = 'pass';
    const online = await call<Status>(a, 'sync.now');
    expect(online).toMatchObject({ connection: 'online', pendingChanges: 0, lastError: null });
    expect(online.lastSyncAt).not.toBeNull();
    await call(b, 'sync.now');
    const onB = await call<{ items: ApplicationView[] }>(b, 'applications.list', {});
    expect(onB.items.map((x) => x.id)).toContain(created.id);
    expect(onB.items.find((x) => x.id === created.id)).toMatchObject({ applicantName: 'Siti Aminah', status: 'diterima', version: 1, pending: false });
    await expectInSync(a, server.db, DUKCAPIL);
    await expectInSync(b, server.db, DUKCAPIL);
  });

  it('resolves two counters changing the same application offline by the workflow, and shows the officer the rejected change', async () => {
    const app = await call<ApplicationView>(a, 'applications.create', { serviceId: KK_SERVICE, applicantName: 'Joko Widodo' });
    await call(a, 'sync.now');
    await call(b, 'sync.now');
    proxyA.mode = 'refuse';
    proxyB.mode = 'refuse';
    proxyA.cut();
    proxyB.cut();
    // Both saw "diterima". A cancels it; B verifies the documents.
    await call(a, 'applications.setStatus', { id: app.id, to: 'dibatalkan', reason: 'Pemohon membatalkan permohonan' });
    const onB = await call<ApplicationView>(b, 'applications.setStatus', { id: app.id, to: 'diverifikasi' });
    expect(onB).toMatchObject({ status: 'diverifikasi', pending: true });
    // A reconnects first: its change is valid and wins.
    proxyA.mode = 'pass';
    expect((await call<Status>(a, 'sync.now')).pendingChanges).toBe(0);
    // B reconnects: re-validated against "dibatalkan", a final state: rejected, kept, explained, and B's copy shows the truth.
    proxyB.mode = 'pass';
    const st = await call<Status>(b, 'sync.now');
    expect(st.pendingChanges).toBe(0);
    const pending = await call<OutboxView>(b, 'sync.pending');
    expect(pending.entries).toHaveLength(1);
    const rejected = pending.entries[0]!;
    expect(rejected).toMatchObject({ kind: 'application.setStatus', entityId: app.id, state: 'rejected', reason: { code: 'STATUS_CHANGED_ELSEWHERE' } });
    expect(rejected.reason?.message).toMatch(/loket lain.*Dibatalkan/);
    expect(rejected.reason?.messageEn).toMatch(/another counter.*Cancelled/);
    const list = await call<{ items: ApplicationView[] }>(b, 'applications.list', {});
    expect(list.items.find((x) => x.id === app.id)).toMatchObject({ status: 'dibatalkan', pending: false, version: 2 });
    // A rejected entry never blocks later ones.
    const later = await call<ApplicationView>(b, 'applications.create', { serviceId: KK_SERVICE, applicantName: 'Rina Marlina' });
    await call(b, 'sync.now');
    expect(await server.db('applications').where({ id: later.id }).first()).toMatchObject({ status: 'diterima' });
    expect(await call(b, 'sync.dismissRejected', {})).toEqual({ dismissed: 1 });
    expect((await call<OutboxView>(b, 'sync.pending')).entries).toEqual([]);
    await call(a, 'sync.now');
    await expectInSync(a, server.db, DUKCAPIL);
    await expectInSync(b, server.db, DUKCAPIL);
  });

  it('keeps writes queued after an offline sign-in and sends them after the next server sign-in', async () => {
    proxyA.mode = 'refuse';
    proxyA.cut();
    await call(a, 'auth.signOut');
    await signIn(a, 'petugas.dukcapil');
    expect((await call<{ mode: string }>(a, 'auth.session')).mode).toBe('offline');
    const app = await call<ApplicationView>(a, 'applications.create', { serviceId: KK_SERVICE, applicantName: 'Dedi Kurniawan' });
    proxyA.mode = 'pass';
    // Server reachable again, but this session has no server token: nothing is sent, and the status says why.
    const st = await call<Status>(a, 'sync.now');
    expect(st.pendingChanges).toBe(1);
    expect(st.lastError).toMatch(/sesi server/i);
    await call(a, 'auth.signOut');
    await signIn(a, 'petugas.dukcapil');
    await call(a, 'sync.now');
    expect(await server.db('applications').where({ id: app.id }).first()).toBeDefined();
    await call(b, 'sync.now');
    await expectInSync(a, server.db, DUKCAPIL);
    await expectInSync(b, server.db, DUKCAPIL);
  });
});

/**
 * Queue tickets reach the other installations through the sync change log (entity `ticket`,
 * scope = the ticket's agency). Installation A (front desk, then the Dukcapil officer at
 * counter ct-01) issues and serves a ticket; after a sync, counter B of the same agency and the
 * supervisor's installation hold it in their local `queue_tickets` with its four timestamps
 * and final state, the supervisor's dashboard counts it for that day, and an officer of another
 * agency does not receive it. A row with local changes not yet on the server is not clobbered.
 * Real SQLite files for the installations, a real server on 127.0.0.1 on SQLite and on
 * PostgreSQL (a schema per suite).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loket } from '../../main/app/compose';
import type { CounterState, TicketView } from '../../common/ipc/channels/queue';
import { ServerTicketSchema } from '../../common/server-api/queue';
import { SupervisorDashboard } from '../../main/supervisor/dashboard';
import type { LocalTicketRow } from '../../main/queue/local-store';
import { startServer, type RunningServer } from '../../server/src/main';
import { toServerTicket, type TicketRow } from '../../server/src/queue/rows';
import { createTestDatabase, type Backend, type TestDatabase } from './server-helpers';
import { call, DUKCAPIL, KK_SERVICE, openCounter, serverLogin, signIn } from '../support/sync-fixtures';
import { tempDir } from '../support/temp';

const localTicket = async (loket: Loket, id: string): Promise<LocalTicketRow | undefined> =>
  (await loket.db('queue_tickets').where({ id }).first()) as LocalTicketRow | undefined;

describe.each<Backend>(['sqlite', 'postgres'])('queue tickets through sync, server on %s', (backend) => {
  const t = tempDir('loket-queue-sync-');
  let tdb: TestDatabase;
  let server: RunningServer;
  let a: Loket;
  let b: Loket;
  let sup: Loket;
  let other: Loket;

  beforeAll(async () => {
    tdb = await createTestDatabase(backend);
    server = await startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, quiet: true });
    a = await openCounter(path.join(t.dir, 'a'), server.url);
    b = await openCounter(path.join(t.dir, 'b'), server.url);
    sup = await openCounter(path.join(t.dir, 'supervisor'), server.url);
    other = await openCounter(path.join(t.dir, 'imigrasi'), server.url);
    await signIn(b, 'petugas.dukcapil');
    await signIn(sup, 'supervisor');
    await signIn(other, 'petugas.imigrasi');
  });

  afterAll(async () => {
    for (const l of [a, b, sup, other]) await l?.close();
    await server?.close();
    await tdb?.drop();
    t.cleanup();
  });

  it('shows a ticket issued and served on one installation on the others of its scope, with its timestamps, and in the supervisor dashboard', async () => {
    // Installation A: the front desk issues, then the Dukcapil officer serves it at counter ct-01.
    await signIn(a, 'resepsionis');
    const issued = (await call<{ ticket: TicketView }>(a, 'queue.issue', { serviceId: KK_SERVICE, category: 'normal' })).ticket;
    await call(a, 'auth.signOut');
    await signIn(a, 'petugas.dukcapil');
    await call(a, 'counter.open', { counterId: 'ct-01' });
    expect((await call<CounterState>(a, 'counter.callNext')).current?.id).toBe(issued.id);
    await call(a, 'counter.start');
    await call(a, 'counter.finish', { note: 'selesai' });

    const serverRow = ServerTicketSchema.parse(toServerTicket((await server.db('tickets').where({ id: issued.id }).first()) as TicketRow));
    expect(serverRow).toMatchObject({ status: 'done', agencyId: DUKCAPIL, note: 'selesai' });
    expect(serverRow.calledAt && serverRow.servingStartedAt && serverRow.finishedAt).toBeTruthy();

    // The change log holds one change per committed write, in the ticket's agency scope, and
    // seq stays gap-free up to the counter (appended in the writing transaction).
    const changes = (await server.db('changes').where({ entity: 'ticket', entity_id: issued.id }).orderBy('seq')) as { seq: number | string; scope: string; data: string }[];
    expect(changes).toHaveLength(serverRow.version);
    expect(new Set(changes.map((c) => c.scope))).toEqual(new Set([DUKCAPIL]));
    expect(JSON.parse(changes[changes.length - 1]!.data)).toEqual(serverRow);
    const seqs = ((await server.db('changes').select('seq').orderBy('seq')) as { seq: number | string }[]).map((r) => Number(r.seq));
    const horizon = Number(((await server.db('sync_counter').where({ name: 'changes' }).first('value')) as { value: number | string }).value);
    expect(seqs).toEqual(Array.from({ length: horizon }, (_, i) => i + 1));

    for (const l of [b, sup, other]) await call(l, 'sync.now');

    // Counter B (same agency) and the supervisor: the server's row, field by field.
    for (const l of [b, sup]) {
      const row = await localTicket(l, issued.id);
      expect(row).toMatchObject({
        id: issued.id,
        display_number: serverRow.displayNumber,
        service_day: serverRow.serviceDay,
        agency_id: DUKCAPIL,
        service_id: KK_SERVICE,
        status: 'done',
        arrived_at: serverRow.arrivedAt,
        called_at: serverRow.calledAt,
        serving_started_at: serverRow.servingStartedAt,
        finished_at: serverRow.finishedAt,
        counter_id: 'ct-01',
        officer_id: serverRow.officerId,
        note: 'selesai',
        version: serverRow.version,
        dirty: 0,
        issued_here: 0,
      });
    }
    // Another agency's officer does not receive it.
    expect(await localTicket(other, issued.id)).toBeUndefined();
    expect(await other.db('queue_tickets').where({ agency_id: DUKCAPIL }).first()).toBeUndefined();

    // The supervisor's dashboard (its triggers on queue_tickets) counts it for that day.
    const dashboard = new SupervisorDashboard({ db: sup.db, now: () => new Date(), lastSyncAt: async () => null });
    const day = serverRow.serviceDay;
    const figures = await dashboard.totals(day, day);
    expect(figures).toMatchObject({ issued: 1, served: 1, noShows: 0, cancelled: 0, transferred: 0 });
    expect(figures.waiting.count).toBe(1);
    expect(figures.service.count).toBe(1);
    expect((await dashboard.totals(day, day, { agencyId: DUKCAPIL })).served).toBe(1);

    // A second sync with nothing new changes nothing.
    await call(b, 'sync.now');
    expect(await b.db('queue_tickets').where({ agency_id: DUKCAPIL }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
  });

  it('does not clobber a local row whose change is not yet on the server; the next server change applies once it is clean', async () => {
    const row = (await b.db('queue_tickets').where({ agency_id: DUKCAPIL }).first()) as LocalTicketRow;
    // B holds a local change of the ticket that has not reached the server (a pending queue intent).
    await b.db('queue_tickets').where({ id: row.id }).update({ note: 'catatan lokal', dirty: 1 });
    const token = await serverLogin(server.url, 'petugas.dukcapil');
    const note = async (text: string) => {
      const res = await fetch(new URL(`/api/v1/queue/tickets/${row.id}/note`, server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ text }),
      });
      expect(res.status).toBe(200);
    };
    await note('catatan server 1');
    await call(b, 'sync.now');
    expect(await localTicket(b, row.id)).toMatchObject({ note: 'catatan lokal', dirty: 1, version: row.version });
    await call(sup, 'sync.now');
    expect(await localTicket(sup, row.id)).toMatchObject({ note: 'catatan server 1', version: row.version + 1 });

    // Its intents applied (reconcile marks it clean): the server's copy wins again.
    await b.db('queue_tickets').where({ id: row.id }).update({ dirty: 0 });
    await note('catatan server 2');
    await call(b, 'sync.now');
    expect(await localTicket(b, row.id)).toMatchObject({ note: 'catatan server 2', dirty: 0, version: row.version + 2 });
  });
});

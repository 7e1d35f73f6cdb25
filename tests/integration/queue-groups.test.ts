/**
 * The grouped writes of the queue store (request-batch.ts) on real databases:
 * - SQLite's mixed groups: ticket events and claims submitted in the same instant are one
 *   group, its events applied before its claims (claimGroup);
 * - one version-checked statement for a group's ticket updates (ticket-steps.ts): a ticket
 *   changed meanwhile fails the whole statement and nothing of it stays, on both databases;
 * - the first calls of counters never seen before, together: each gets a ticket, its session
 *   is opened once and logged for the supervisors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createCounter } from '../../server/src/catalog/catalog-repo';
import { startServer, type RunningServer } from '../../server/src/main';
import { createQueueCatalogCache, QueueStore, type Act } from '../../server/src/queue/queue-store';
import type { TicketRow } from '../../server/src/queue/rows';
import { collapseSteps, writeTicketSteps } from '../../server/src/queue/ticket-steps';
import { createTestDatabase, type Backend, type TestDatabase } from './server-helpers';

const KK = 'sv-dukcapil-kk';
const KTP = 'sv-dukcapil-ktp-el';
const OFFICER = { id: 'of-petugas-dukcapil', role: 'officer' as const, agencyId: 'ag-dukcapil' };
const FRONTDESK = { id: 'of-resepsionis', role: 'frontdesk' as const, agencyId: null };

describe.each<Backend>(['sqlite', 'postgres'])('queue groups on %s', (backend) => {
  let tdb: TestDatabase;
  let server: RunningServer;
  let db: Knex;
  let store: QueueStore;
  let clock = Date.parse('2026-03-02T01:00:00.000Z'); // Monday 08:00 WIB
  const act = (officer: Act['officer'] = OFFICER): Act => ({ officer, now: new Date((clock += 1000)).toISOString(), source: 'online' });
  const counter = async (n: number) => (await createCounter(db, { agencyCode: 'DUKCAPIL', number: n, name: `Loket Grup ${n}` })).id;
  const ticket = async (id: string) => (await db<TicketRow>('tickets').where({ id }).first()) as TicketRow;

  beforeAll(async () => {
    tdb = await createTestDatabase(backend);
    server = await startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, quiet: true, now: () => new Date(clock) });
    db = server.db;
    store = new QueueStore(db, createQueueCatalogCache());
  });

  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
  });

  // Mixed claim/event groups exist on SQLite only (one writer); PostgreSQL runs events concurrently.
  if (backend === 'sqlite') it('runs the events of a mixed group before its claims: a claim sees a start and a cancel sent with it', async () => {
    await db('tickets').where({ status: 'waiting' }).update({ status: 'cancelled' });
    const [a, b, idle] = [await counter(601), await counter(602), await counter(603)];
    const issued = [];
    for (let i = 0; i < 4; i++) issued.push((await store.issue({ serviceId: KK, category: 'normal' }, act(FRONTDESK))).ticket);
    const [first, second, third, fourth] = issued;
    if (!first || !second || !third || !fourth) throw new Error('not issued');
    expect((await store.claimNext(a, [KK], act())).current?.id).toBe(first.id);
    // B and the idle counter call once where nobody waits: their rows are cached, so the
    // claims below reach the group queue in the order they are made.
    for (const c of [b, idle]) expect((await store.claimNext(c, [KTP], act())).current).toBeNull();
    // A claim that finds nothing occupies the one writer; the next four arrive meanwhile and
    // form ONE group. Submitted claims first: grouped, the events still go first.
    const blocker = store.claimNext(idle, [KTP], act());
    const claimB = store.claimNext(b, [KK], act());
    const claimA = store.claimNext(a, [KK], act());
    const start = store.applyEvent(first.id, a, { type: 'start' }, [KK], act(), 'lean');
    const cancel = store.applyEvent(second.id, null, { type: 'cancel' }, undefined, act(FRONTDESK), 'lean');
    await blocker;
    const [gotB, gotA, started, cancelled] = await Promise.all([claimB, claimA, start, cancel]);
    expect(cancelled.ticket.status).toBe('cancelled');
    expect(started.ticket.status).toBe('serving');
    // B did not get the ticket cancelled in its group; A's claim finished the visitor its group started.
    expect(gotB.current?.id).toBe(third.id);
    expect(gotA.current?.id).toBe(fourth.id);
    expect(gotA.changed.map((t) => [t.id, t.status])).toEqual([[first.id, 'done']]);
    const done = await ticket(first.id);
    expect(done).toMatchObject({ status: 'done', version: 4 }); // issued 1, called 2, started 3, finished 4
    const steps = (await db('ticket_events').where({ ticket_id: first.id }).orderBy('id').select('event')) as { event: string }[];
    expect(steps.map((s) => s.event)).toEqual(['issue', 'call', 'start', 'finish']);
    // The change log holds the ticket's last state.
    const last = (await db('changes').where({ entity: 'ticket', entity_id: first.id }).orderBy('seq', 'desc').first()) as { data: string };
    expect(JSON.parse(last.data)).toMatchObject({ status: 'done', version: 4 });
  });

  it('writes a group of ticket steps in one statement, and none of them when one ticket moved meanwhile', async () => {
    const [x, y] = [(await store.issue({ serviceId: KK, category: 'normal' }, act(FRONTDESK))).ticket, (await store.issue({ serviceId: KK, category: 'lansia' }, act(FRONTDESK))).ticket];
    const [rx, ry] = [await ticket(x.id), await ticket(y.id)];
    const step = (r: TicketRow, status: TicketRow['status']) => ({ before: r, after: { ...r, status, version: Number(r.version) + 1, updated_at: new Date(clock).toISOString() } });
    // Someone else changed y after it was read: the statement writes neither ticket.
    await db('tickets').where({ id: y.id }).update({ version: Number(ry.version) + 5 });
    await expect(db.transaction((trx) => writeTicketSteps(trx, [step(rx, 'cancelled'), step(ry, 'cancelled')], false))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await ticket(x.id)).status).toBe('waiting');
    // With the versions read, both are written.
    const fresh = await ticket(y.id);
    await db.transaction((trx) => writeTicketSteps(trx, [step(rx, 'cancelled'), { ...step(fresh, 'cancelled'), after: { ...step(fresh, 'cancelled').after, note: 'catatan' } }], true));
    expect(await ticket(x.id)).toMatchObject({ status: 'cancelled', version: Number(rx.version) + 1 });
    expect(await ticket(y.id)).toMatchObject({ status: 'cancelled', version: Number(fresh.version) + 1, note: 'catatan' });
  });

  it('merges two steps of one ticket into one write from the first version read to the last', () => {
    const base = { id: 't', version: 3, status: 'called' } as unknown as TicketRow;
    const mid = { ...base, version: 4, status: 'serving' } as TicketRow;
    const end = { ...base, version: 5, status: 'done' } as TicketRow;
    const other = { before: { ...base, id: 'u' }, after: { ...base, id: 'u', version: 4 } };
    expect(collapseSteps([{ before: base, after: mid }, other, { before: mid, after: end }])).toEqual([{ before: base, after: end }, other]);
  });

  it('opens the sessions of many counters calling for the first time together, once each, and logs them for the supervisors', async () => {
    await db('tickets').where({ status: 'waiting' }).update({ status: 'cancelled' });
    for (let i = 0; i < 12; i++) await store.issue({ serviceId: KK, category: i % 3 === 0 ? 'lansia' : 'normal' }, act(FRONTDESK));
    const counters: string[] = [];
    for (let i = 0; i < 10; i++) counters.push(await counter(700 + i));
    const claims = await Promise.all(counters.map((c) => store.claimNext(c, [KK], act())));
    const got = claims.map((c) => c.current?.id);
    expect(got.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(got).size).toBe(counters.length);
    const sessions = (await db('counter_sessions').whereIn('counter_id', counters).whereNull('closed_at').select('id', 'counter_id')) as { id: string; counter_id: string }[];
    expect(sessions.map((s) => s.counter_id).sort()).toEqual([...counters].sort());
    const logged = (await db('changes').where({ entity: 'counter_session' }).whereIn('entity_id', sessions.map((s) => s.id)).select('entity_id')) as { entity_id: string }[];
    expect(new Set(logged.map((l) => l.entity_id)).size).toBe(sessions.length);
    // Second calls (after starting the first visitor): the sessions stay as they are.
    await Promise.all(claims.map((c) => store.applyEvent(c.current?.id ?? '', c.counterId, { type: 'start' }, [KK], act(), 'lean')));
    await Promise.all(counters.map((c) => store.claimNext(c, [KK], act())));
    expect(await db('counter_sessions').whereIn('counter_id', counters).count({ n: '*' }).first()).toMatchObject({ n: backend === 'sqlite' ? 10 : '10' });
  });
});

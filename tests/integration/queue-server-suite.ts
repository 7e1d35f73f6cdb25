/**
 * The queue on the reference server, run unchanged on SQLite and PostgreSQL over real HTTP:
 * many counters claiming concurrently (no duplicate, no skip, priority rule), numbering per
 * service day in WIB, the state machine's refusals, transfer chains, bookings, offline
 * intents (idempotent) and the public status (no personal data, rate-limited).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { isPriority, type TicketCategory } from '../../common/domain/queue/priority';
import { LoginResponseSchema } from '../../common/server-api/auth';
import {
  BookingResponseSchema,
  IssuedTicketResponseSchema,
  PublicQueueStatusSchema,
  ServerCounterClaimSchema,
  ServerCounterStateSchema,
  TicketEventResponseSchema,
  type ServerCounterState,
  type ServerTicket,
} from '../../common/server-api/queue';
import { createCounter } from '../../server/src/catalog/catalog-repo';
import { DEMO_PASSWORD } from '../../server/src/demo/seed';
import { startServer, type RunningServer } from '../../server/src/main';
import { backfillTicketChanges } from '../../server/src/queue/change-log';
import { PUBLIC_RATE } from '../../server/src/queue/routes';
import { call, createTestDatabase, type Backend, type TestDatabase } from './server-helpers';

const KK = 'sv-dukcapil-kk';
const KTP = 'sv-dukcapil-ktp-el';

export function defineQueueServerSuite(backend: Backend): void {
  describe(`queue on the server (${backend})`, () => {
    let tdb: TestDatabase;
    let server: RunningServer;
    let db: Knex;
    // Monday 2 March 2026, 08:00 WIB.
    let clock = Date.parse('2026-03-02T01:00:00.000Z');
    const now = () => new Date(clock);
    const tokens: Record<string, string> = {};

    const post = (p: string, body: unknown, token?: string) => call(server.url, 'POST', p, { body, ...(token ? { token } : {}) });
    const get = (p: string, token?: string) => call(server.url, 'GET', p, token ? { token } : {});
    const login = async (username: string) => {
      const r = await post('/api/v1/auth/login', { username, password: DEMO_PASSWORD, installationId: 'inst-queue' });
      expect(r.status, r.text).toBe(200);
      tokens[username] = LoginResponseSchema.parse(r.json).token;
    };
    const issue = async (serviceId: string, category: TicketCategory = 'normal'): Promise<ServerTicket> => {
      const r = await post('/api/v1/queue/tickets', { serviceId, category }, tokens.resepsionis);
      expect(r.status, r.text).toBe(200);
      return IssuedTicketResponseSchema.parse(r.json).ticket;
    };
    const callNext = async (counterId: string, token = tokens['petugas.dukcapil']): Promise<ServerCounterState> => {
      const r = await post(`/api/v1/queue/counters/${counterId}/call-next`, {}, token);
      expect(r.status, r.text).toBe(200);
      return ServerCounterStateSchema.parse(r.json);
    };
    /** The lean claim the counter app makes: no lists in the answer. */
    const claimLean = async (counterId: string, token = tokens['petugas.dukcapil']) => {
      const r = await post(`/api/v1/queue/counters/${counterId}/call-next`, { view: 'lean' }, token);
      expect(r.status, r.text).toBe(200);
      expect(r.json).not.toHaveProperty('waiting');
      return ServerCounterClaimSchema.parse(r.json);
    };
    const event = (ticketId: string, counterId: string | null, ev: unknown, token = tokens['petugas.dukcapil'], view?: 'lean') =>
      post(`/api/v1/queue/tickets/${ticketId}/events`, { counterId, event: ev, ...(view ? { view } : {}) }, token);
    /** Clears the queue of a day so each test starts from an empty waiting list. */
    const resetQueue = async () => {
      await db('ticket_events').delete();
      await db('tickets').delete();
      await db('queue_counter_state').delete();
      await db('queue_sequences').delete();
    };

    beforeEach(() => {
      clock = Date.parse('2026-03-02T01:00:00.000Z');
    });
    beforeAll(async () => {
      tdb = await createTestDatabase(backend);
      server = await startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, now, quiet: true, tokenTtlHours: 72 });
      db = server.db;
      for (const u of ['resepsionis', 'petugas.dukcapil', 'petugas.imigrasi', 'supervisor']) await login(u);
    });
    afterAll(async () => {
      await server?.close();
      await tdb?.drop();
    });

    it('numbers tickets atomically per queue and day, even when issued concurrently', async () => {
      await resetQueue();
      const tickets = await Promise.all(Array.from({ length: 40 }, (_, i) => issue(i % 2 ? KK : KTP)));
      const numbers = tickets.map((t) => t.number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(tickets.map((t) => t.displayNumber)).size).toBe(40);
      expect(tickets.every((t) => t.prefix === 'A' && /^A-\d{3}$/.test(t.displayNumber))).toBe(true);
    });

    it('restarts numbering at midnight WIB (not UTC, not the machine zone)', async () => {
      await resetQueue();
      clock = Date.parse('2026-03-02T16:59:00.000Z'); // 23:59 WIB
      await issue(KK);
      const late = await issue(KK);
      expect(late.serviceDay).toBe('2026-03-02');
      expect(late.displayNumber).toBe('A-002');
      clock = Date.parse('2026-03-02T17:00:00.000Z'); // 00:00 WIB on 3 March
      const first = await issue(KK);
      expect(first.serviceDay).toBe('2026-03-03');
      expect(first.displayNumber).toBe('A-001');
      clock = Date.parse('2026-03-02T01:00:00.000Z');
    });

    it('lets 30 counters claim concurrently: every ticket exactly once, none skipped, priority rule kept', async () => {
      await resetQueue();
      const COUNTERS = 30;
      const ids: string[] = [];
      for (let i = 0; i < COUNTERS; i++) {
        const c = await createCounter(db, { agencyCode: 'DUKCAPIL', number: 100 + i, name: `Loket Uji ${i}` }).catch(async () => (await db('counters').where({ number: 100 + i }).first()) as { id: string });
        ids.push(c.id);
      }
      // 150 tickets: 30 priority spread over the morning, arrival order = issue order.
      const issued: ServerTicket[] = [];
      for (let i = 0; i < 150; i++) {
        clock += 1000;
        issued.push(await issue(i % 2 ? KK : KTP, i % 5 === 0 ? 'lansia' : 'normal'));
      }
      const byId = new Map(issued.map((t) => [t.id, t]));
      const claims: { counter: string; ticket: ServerTicket }[] = [];
      // Half the counters ask for the full answer, half for the lean one (as the counter app does).
      await Promise.all(
        ids.map(async (counterId, i) => {
          const lean = i % 2 === 1;
          for (;;) {
            const s = lean ? await claimLean(counterId) : await callNext(counterId);
            if (!s.current) return;
            expect(s.current.status).toBe('called');
            claims.push({ counter: counterId, ticket: s.current });
            const r = await event(s.current.id, counterId, { type: 'start' }, undefined, lean ? 'lean' : undefined);
            expect(r.status, r.text).toBe(200);
            expect(TicketEventResponseSchema.parse(r.json).state === null).toBe(lean);
          }
        }),
      );
      // Exactly once, none skipped.
      const claimed = claims.map((c) => c.ticket.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.length).toBe(issued.length);
      expect([...byId.keys()].every((id) => claimed.includes(id))).toBe(true);
      const left = await db('tickets').where({ status: 'waiting' }).count({ n: '*' }).first();
      expect(Number((left as { n: number | string }).n)).toBe(0);
      const callEvents = await db('ticket_events').where({ event: 'call' }).count({ n: '*' }).first();
      expect(Number((callEvents as { n: number | string }).n)).toBe(150);

      // Ratio 2 priority : 1 normal per counter while normals wait: never 3 priority calls in a row.
      for (const counterId of ids) {
        let run = 0;
        for (const c of claims.filter((x) => x.counter === counterId)) {
          run = isPriority(c.ticket.category) ? run + 1 : 0;
          expect(run).toBeLessThanOrEqual(2);
        }
      }
      // Priority first: all 30 priority tickets are called within the first rounds, in the
      // server's order of calls (the order answers reach the test depends on the machine's load).
      const callOrder = ((await db('ticket_events').where({ event: 'call' }).orderBy('id').select('ticket_id')) as { ticket_id: string }[]).map((r) => r.ticket_id);
      const lastPriority = Math.max(...claims.filter((c) => isPriority(c.ticket.category)).map((c) => callOrder.indexOf(c.ticket.id)));
      expect(lastPriority).toBeLessThan(2 * COUNTERS + 30);
      await db('tickets').where({ status: 'serving' }).update({ status: 'done' });
    });

    it('one counter follows the shared priority rule exactly (2 priority : 1 normal)', async () => {
      await resetQueue();
      const cats: TicketCategory[] = ['normal', 'normal', 'lansia', 'ibu_hamil', 'disabilitas', 'normal', 'anak'];
      const issued: ServerTicket[] = [];
      for (const c of cats) {
        clock += 1000;
        issued.push(await issue(KK, c));
      }
      const order: string[] = [];
      for (;;) {
        const s = await callNext('ct-01');
        if (!s.current) break;
        order.push(s.current.displayNumber);
        expect((await event(s.current.id, 'ct-01', { type: 'start' })).status).toBe(200);
      }
      const n = (i: number) => issued[i]?.displayNumber;
      // lansia, ibu_hamil (2 priority), normal#0, disabilitas, anak, normal#1, normal#5
      expect(order).toEqual([n(2), n(3), n(0), n(4), n(6), n(1), n(5)]);
    });

    it('refuses invalid transitions with clear bilingual errors', async () => {
      await resetQueue();
      const t = await issue(KK);
      const finish = await event(t.id, 'ct-01', { type: 'finish' });
      expect(finish.status).toBe(409);
      expect(finish.json).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining('tidak dapat diselesaikan'), messageEn: expect.stringContaining('cannot be finished') } });
      const s = await callNext('ct-01');
      expect(s.current?.id).toBe(t.id);
      const busy = await post('/api/v1/queue/counters/ct-01/call-next', {}, tokens['petugas.dukcapil']);
      expect(busy.status).toBe(409);
      expect(busy.json).toMatchObject({ error: { details: { reason: 'COUNTER_BUSY' } } });
      const noShow = await event(t.id, 'ct-01', { type: 'no_show' });
      expect(noShow.status).toBe(409);
      expect(noShow.json).toMatchObject({ error: { details: { reason: 'RECALLS_REQUIRED' }, message: expect.stringContaining('panggilan ulang'), messageEn: expect.stringContaining('recall') } });
      const other = await event(t.id, 'ct-02', { type: 'start' });
      expect(other.status).toBe(409);
      expect(other.json).toMatchObject({ error: { details: { reason: 'OTHER_COUNTER' } } });
      const foreign = await event(t.id, 'ct-04', { type: 'recall' }, tokens['petugas.imigrasi']);
      expect(foreign.status).toBe(403);
      for (let i = 0; i < 2; i++) expect((await event(t.id, 'ct-01', { type: 'recall' })).status).toBe(200);
      const ns = await event(t.id, 'ct-01', { type: 'no_show' });
      expect(ns.status).toBe(200);
      const again = await event(t.id, 'ct-01', { type: 'recall' });
      expect(again.json).toMatchObject({ error: { message: expect.stringContaining('Aktifkan kembali') } });
      // A late visitor: reactivated with the original arrival, so at the front again.
      const re = await event(t.id, 'ct-01', { type: 'reactivate' });
      expect(TicketEventResponseSchema.parse(re.json).ticket).toMatchObject({ status: 'waiting', arrivedAt: t.arrivedAt });
      const cancelOfficer = await event(t.id, null, { type: 'cancel', note: 'pulang' });
      expect(cancelOfficer.status).toBe(200);
      const frontdeskStart = await event(t.id, null, { type: 'start' }, tokens.resepsionis);
      expect(frontdeskStart.status).toBe(403);
    });

    it('transfers keep the original arrival and link the chain; the target counter finishes it', async () => {
      await resetQueue();
      const t = await issue(KK);
      clock += 60_000;
      const later = await issue(KTP);
      await callNext('ct-01');
      expect((await event(t.id, 'ct-01', { type: 'start' })).status).toBe(200);
      clock += 5 * 60_000;
      const tr = await event(t.id, 'ct-01', { type: 'transfer', newTicketId: 'tr-1', targetServiceId: KTP, targetCounterId: 'ct-02', note: 'perlu rekam KTP' });
      expect(tr.status, tr.text).toBe(200);
      const res = TicketEventResponseSchema.parse(tr.json);
      expect(res.ticket).toMatchObject({ status: 'transferred', finishedAt: new Date(clock).toISOString() });
      expect(res.newTicket).toMatchObject({ id: 'tr-1', status: 'waiting', arrivedAt: t.arrivedAt, originTicketId: t.id, displayNumber: t.displayNumber, serviceId: KTP, targetCounterId: 'ct-02', channel: 'transfer' });
      // ct-03 does not get a ticket routed to ct-02; it gets the later one.
      const c3 = await callNext('ct-03');
      expect(c3.current?.id).toBe(later.id);
      const c2 = await callNext('ct-02');
      expect(c2.current?.id).toBe('tr-1');
      expect((await event('tr-1', 'ct-02', { type: 'start' })).status).toBe(200);
      const fin = await event('tr-1', 'ct-02', { type: 'finish' });
      expect(TicketEventResponseSchema.parse(fin.json).ticket.status).toBe('done');
      const chain = await db('tickets').where({ origin_ticket_id: t.id }).select('id');
      expect(chain.map((r: { id: string }) => r.id)).toEqual(['tr-1']);
    });

    it('checks a booking in at its slot time when on time, and only once', async () => {
      await resetQueue();
      clock = Date.parse('2026-03-02T01:50:00.000Z'); // 08:50 WIB; slot 09:00
      const r = await post('/api/v1/queue/bookings/check-in', { code: 'bk-7h3k2q' }, tokens.resepsionis);
      expect(r.status, r.text).toBe(200);
      const issued = IssuedTicketResponseSchema.parse(r.json);
      expect(issued.ticket).toMatchObject({ channel: 'online', arrivedAt: '2026-03-02T02:00:00.000Z', serviceId: KK });
      const twice = await post('/api/v1/queue/bookings/check-in', { code: 'BK-7H3K2Q' }, tokens.resepsionis);
      expect(twice.status).toBe(409);
      const unknown = await post('/api/v1/queue/bookings/check-in', { code: 'BK-NOPE00' }, tokens.resepsionis);
      expect(unknown.status).toBe(404);
      expect(unknown.json).toMatchObject({ error: { message: expect.stringContaining('tidak ditemukan'), messageEn: expect.stringContaining('not found') } });
      clock = Date.parse('2026-03-02T01:00:00.000Z');
    });

    it('creates online bookings through an authenticated, validated endpoint; they check in at their slot', async () => {
      await resetQueue();
      await db('bookings').whereNot('code', 'like', 'BK-%').delete();
      const book = (body: Record<string, unknown>, token: string | undefined = tokens.resepsionis) => post('/api/v1/queue/bookings', body, token);
      // Tuesday 3 March 2026, 09:30 WIB.
      const slot = '2026-03-03T09:30:00+07:00';
      const created = await book({ id: 'bk-test-1', serviceId: KK, slotAt: slot, category: 'lansia' });
      expect(created.status, created.text).toBe(201);
      const b = BookingResponseSchema.parse(created.json).booking;
      expect(b).toMatchObject({ serviceId: KK, agencyId: 'ag-dukcapil', category: 'lansia', slotAt: '2026-03-03T02:30:00.000Z', serviceDay: '2026-03-03', status: 'booked', ticketId: null });
      expect(b.code).toMatch(/^BK-[2-9A-HJKMNP-Z]{6}$/);
      // A retried request returns the same booking, not a second one.
      const again = await book({ id: 'bk-test-1', serviceId: KK, slotAt: slot, category: 'lansia' });
      expect(again.status).toBe(200);
      expect(BookingResponseSchema.parse(again.json).booking.code).toBe(b.code);
      expect((await get(`/api/v1/queue/bookings/${b.code.toLowerCase()}`, tokens.resepsionis)).json).toMatchObject({ booking: { id: 'bk-test-1' } });

      // Who may book, and what is refused (bilingual, with a reason).
      expect((await post('/api/v1/queue/bookings', { id: 'bk-x', serviceId: KK, slotAt: slot })).status).toBe(401);
      expect((await book({ id: 'bk-x', serviceId: KK, slotAt: slot }, tokens['petugas.dukcapil'])).status).toBe(403);
      expect((await book({ id: 'bk-x', serviceId: KK, slotAt: 'besok pagi' })).status).toBe(400);
      expect((await book({ id: 'bk-x', serviceId: KK, slotAt: slot, extra: 1 })).status).toBe(400);
      expect((await book({ id: 'bk-x', serviceId: 'sv-nope', slotAt: slot })).status).toBe(404);
      const past = await book({ id: 'bk-x', serviceId: KK, slotAt: '2026-03-02T07:00:00+07:00' });
      expect(past.status).toBe(400);
      expect(past.json).toMatchObject({ error: { message: expect.stringContaining('sudah lewat'), messageEn: expect.stringContaining('past') } });
      const sunday = await book({ id: 'bk-x', serviceId: KK, slotAt: '2026-03-08T09:00:00+07:00' });
      expect(sunday.status).toBe(400);
      const nyepi = await book({ id: 'bk-x', serviceId: KK, slotAt: '2026-03-19T09:00:00+07:00' });
      expect(nyepi.status).toBe(400);
      expect(nyepi.json).toMatchObject({ error: { messageEn: expect.stringContaining('not a service day') } });
      expect((await book({ id: 'bk-x', serviceId: KK, slotAt: '2026-05-04T09:00:00+07:00' })).status).toBe(400); // > 30 days ahead
      await db('queue_services').where({ service_id: KTP }).update({ open_from: '08:00', open_until: '15:00', daily_quota: 2 });
      try {
        expect((await book({ id: 'bk-x', serviceId: KTP, slotAt: '2026-03-03T16:00:00+07:00' })).status).toBe(400); // after hours
        expect((await book({ id: 'bk-q1', serviceId: KTP, slotAt: '2026-03-03T10:00:00+07:00' })).status).toBe(201);
        expect((await book({ id: 'bk-q2', serviceId: KTP, slotAt: '2026-03-03T10:15:00+07:00' })).status).toBe(201);
        const full = await book({ id: 'bk-q3', serviceId: KTP, slotAt: '2026-03-03T10:30:00+07:00' });
        expect(full.status).toBe(409);
        expect(full.json).toMatchObject({ error: { details: { reason: 'QUOTA_FULL' } } });
        // A cancelled booking frees its place in the quota and cannot check in.
        const q1 = BookingResponseSchema.parse((await get('/api/v1/queue/bookings/' + (await db('bookings').where({ id: 'bk-q1' }).first('code')).code, tokens.resepsionis)).json).booking;
        const cancelled = await post(`/api/v1/queue/bookings/${q1.code}/cancel`, {}, tokens.resepsionis);
        expect(cancelled.json).toMatchObject({ booking: { status: 'cancelled' } });
        expect((await book({ id: 'bk-q3', serviceId: KTP, slotAt: '2026-03-03T10:30:00+07:00' })).status).toBe(201);
        clock = Date.parse('2026-03-03T02:50:00.000Z'); // 09:50 WIB
        expect((await post('/api/v1/queue/bookings/check-in', { code: q1.code }, tokens.resepsionis)).status).toBe(409);
        // Walk-up tickets count the bookings still to come: 2 booked of 2 → the front desk is refused.
        const walkUp = await post('/api/v1/queue/tickets', { serviceId: KTP, category: 'normal' }, tokens.resepsionis);
        expect(walkUp.status).toBe(409);
        expect(walkUp.json).toMatchObject({ error: { details: { reason: 'QUOTA' } } });
      } finally {
        await db('queue_services').where({ service_id: KTP }).update({ open_from: null, open_until: null, daily_quota: null });
      }

      // On its day the booking checks in at the front desk and joins the queue in its slot.
      clock = Date.parse('2026-03-03T02:20:00.000Z'); // 09:20 WIB, slot 09:30
      const checkIn = await post('/api/v1/queue/bookings/check-in', { code: b.code }, tokens.resepsionis);
      expect(checkIn.status, checkIn.text).toBe(200);
      const ticket = IssuedTicketResponseSchema.parse(checkIn.json).ticket;
      expect(ticket).toMatchObject({ channel: 'online', category: 'lansia', arrivedAt: '2026-03-03T02:30:00.000Z', bookingId: 'bk-test-1' });
      expect((await get(`/api/v1/queue/bookings/${b.code}`, tokens.resepsionis)).json).toMatchObject({ booking: { status: 'checked_in', ticketId: ticket.id } });
      clock = Date.parse('2026-03-02T01:00:00.000Z');
    });

    it('backfills the change log with tickets that predate it, once (migration 007)', async () => {
      await resetQueue();
      const viaStore = await issue(KK);
      const at = now().toISOString();
      // A ticket written before the queue entered the change log: straight into the table.
      await db('tickets').insert({
        id: 'old-ticket-1', prefix: 'A', number: 900, display_number: 'A-900', service_day: '2026-03-02', agency_id: 'ag-dukcapil', service_id: KK,
        category: 'normal', channel: 'frontdesk', status: 'done', arrived_at: at, called_at: at, serving_started_at: at, finished_at: at,
        counter_id: null, officer_id: null, target_counter_id: null, recalls: 0, origin_ticket_id: null, station: null, booking_id: null, note: null,
        version: 3, created_at: at, updated_at: at,
      });
      const ticketChanges = async (id: string) => (await db('changes').where({ entity: 'ticket', entity_id: id }).select('seq', 'data', 'scope')) as { seq: number | string; data: string; scope: string }[];
      expect(await ticketChanges('old-ticket-1')).toHaveLength(0);
      const before = Number(((await db('sync_counter').where({ name: 'changes' }).first('value')) as { value: number | string }).value);
      const appended = await db.transaction((trx) => backfillTicketChanges(trx, at, 2));
      expect(appended).toBe(1);
      const [change] = await ticketChanges('old-ticket-1');
      expect(change).toBeDefined();
      expect(Number(change?.seq)).toBe(before + 1);
      expect(change?.scope).toBe('ag-dukcapil');
      expect(JSON.parse(change?.data ?? '{}')).toMatchObject({ id: 'old-ticket-1', displayNumber: 'A-900', status: 'done', version: 3 });
      expect(await ticketChanges(viaStore.id)).toHaveLength(1);
      // Idempotent: a second run appends nothing.
      expect(await db.transaction((trx) => backfillTicketChanges(trx, at, 2))).toBe(0);
      expect(await ticketChanges('old-ticket-1')).toHaveLength(1);
    });

    it('replays offline intents once and refuses invalid ones with a reason', async () => {
      await resetQueue();
      const at = new Date(clock).toISOString();
      const entries = [
        { id: 'e-issue-0001', kind: 'ticket.issue', payload: { ticketId: 'off-1', serviceId: KK, category: 'normal', prefix: 'AZ', number: 1, station: 'Z', at }, createdAt: at },
        { id: 'e-call-0001', kind: 'ticket.call', payload: { ticketId: 'off-1', counterId: 'ct-01', at }, createdAt: at },
        { id: 'e-bad-00001', kind: 'ticket.event', payload: { ticketId: 'off-1', counterId: 'ct-01', event: { type: 'finish' }, at }, createdAt: at },
        { id: 'e-start-001', kind: 'ticket.event', payload: { ticketId: 'off-1', counterId: 'ct-01', event: { type: 'start' }, at }, createdAt: at },
      ];
      const r = await post('/api/v1/queue/intents', { installationId: 'inst-x', entries }, tokens['petugas.dukcapil']);
      expect(r.status, r.text).toBe(200);
      const results = (r.json as { results: { status: string; code?: string; message?: string }[] }).results;
      expect(results.map((x) => x.status)).toEqual(['applied', 'applied', 'rejected', 'applied']);
      expect(results[2]).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('AZ-001') });
      const again = await post('/api/v1/queue/intents', { installationId: 'inst-x', entries }, tokens['petugas.dukcapil']);
      expect((again.json as { results: { status: string }[] }).results.map((x) => x.status)).toEqual(['duplicate', 'duplicate', 'rejected', 'duplicate']);
      const row = await db('tickets').where({ id: 'off-1' }).first();
      expect(row).toMatchObject({ display_number: 'AZ-001', status: 'serving', station: 'Z', counter_id: 'ct-01' });
    });

    it('publishes waiting counts and called numbers without personal data, rate-limited', async () => {
      await resetQueue();
      await issue(KK);
      await issue(KK, 'lansia');
      await callNext('ct-01');
      const r = await get('/api/v1/public/queue-status');
      expect(r.status, r.text).toBe(200);
      const status = PublicQueueStatusSchema.strict().parse(r.json);
      const kk = status.services.find((s) => s.serviceName === 'Penerbitan Kartu Keluarga');
      expect(kk).toMatchObject({ waiting: 1, prefix: 'A', lastCalled: 'A-002' });
      expect(status.lastCalls[0]).toMatchObject({ ticketNumber: 'A-002', counterName: 'Loket 1' });
      expect(r.text).not.toMatch(/officer|petugas|Siti|username|of-|"id"|ct-01|token/i);
      let limited = null as Awaited<ReturnType<typeof get>> | null;
      for (let i = 0; i < PUBLIC_RATE.perMinute + 1 && !limited; i++) {
        const x = await get('/api/v1/public/queue-status');
        if (x.status === 429) limited = x;
      }
      expect(limited?.status).toBe(429);
      expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
}

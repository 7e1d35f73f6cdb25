/**
 * A counter that loses the server: it finishes the visitor it held, serves a walk-in and a
 * ticket issued offline by its own front-desk station (station prefix), cannot touch server
 * tickets, then reconnects; the server ends with exactly those changes, and a change the
 * server refuses stays visible as rejected without blocking the others.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoket, type Loket } from '../../main/app/compose';
import type { CounterState, TicketView } from '../../common/ipc/channels/queue';
import type { Result } from '../../common/ipc/result';
import { LoginResponseSchema } from '../../common/server-api/auth';
import { silentLogger } from '../../node-shared/logger';
import { startServer, type RunningServer } from '../../server/src/main';
import { DEMO_PASSWORD } from '../support/stack';
import { tempDir } from '../support/temp';
import { call } from './server-helpers';

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.messageEn}`);
  return r.value as T;
};

describe('queue: a counter goes offline and comes back', () => {
  const t = tempDir('loket-queue-offline-');
  const sqliteFile = path.join(t.dir, 'server.sqlite');
  let server: RunningServer;
  let port = 0;
  let loket: Loket;
  let clock = Date.parse('2026-03-02T02:00:00.000Z'); // 09:00 WIB
  const now = () => new Date(clock);
  const tick = (ms = 60_000) => {
    clock += ms;
  };
  const startAt = async (p: number) => {
    server = await startServer({ port: p, host: '127.0.0.1', sqliteFile, demo: true, quiet: true, now });
    port = server.port;
  };
  const d = (channel: string, input: unknown = {}) => loket.dispatch(channel, input);
  const signIn = async (username: string) => value<{ mode: string }>(await d('auth.signIn', { username, password: DEMO_PASSWORD }));

  beforeAll(async () => {
    await startAt(0);
    loket = await createLoket({ dataDir: path.join(t.dir, 'counter'), runtime: 'harness', version: 'test', defaultServerUrl: server.url, tickMs: 0, now, logger: silentLogger });
    await loket.db('settings').insert({ key: 'queue.stationCode', value: 'Z' }).onConflict('key').merge();
  });
  afterAll(async () => {
    await loket?.close();
    await server?.close();
    t.cleanup();
  });

  it('works offline within the documented limits and reconciles exactly on reconnect', async () => {
    // Online: the front desk of this installation issues two tickets; the officer takes the first.
    expect((await signIn('resepsionis')).mode).toBe('server');
    const a1 = value<{ ticket: TicketView }>(await d('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' })).ticket;
    tick(1000);
    const a2 = value<{ ticket: TicketView }>(await d('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' })).ticket;
    expect([a1.number, a2.number]).toEqual(['A-001', 'A-002']);
    value(await d('auth.signOut'));
    expect((await signIn('petugas.dukcapil')).mode).toBe('server');
    value(await d('counter.open', { counterId: 'ct-01' }));
    tick();
    expect(value<CounterState>(await d('counter.callNext')).current?.number).toBe('A-001');
    value(await d('counter.start'));

    // The network goes away.
    await server.close();
    tick();
    const finished = value<CounterState>(await d('counter.finish'));
    expect(finished.current).toBeNull();
    // Server tickets are not callable offline: A-002 stays for the server to hand out.
    const empty = value<CounterState>(await d('counter.callNext'));
    expect(empty.current).toBeNull();
    expect(await d('counter.callTicket', { ticketId: a2.id })).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    tick();
    const walkIn = value<CounterState>(await d('counter.walkIn', { serviceId: 'sv-dukcapil-akta-lahir', note: 'tanpa tiket' }));
    expect(walkIn.current).toMatchObject({ number: 'AZ-001', channel: 'walkin', status: 'serving', synced: false });
    tick();
    value(await d('counter.finish'));

    // The front desk of this installation issues offline with the station prefix.
    value(await d('auth.signOut'));
    expect((await signIn('resepsionis')).mode).toBe('offline');
    const off = value<{ ticket: TicketView; ahead: number; print: { ok: boolean; code?: string } }>(await d('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'lansia' }));
    expect(off.ticket).toMatchObject({ number: 'AZ-002', synced: false, status: 'waiting' });
    expect(off.ahead).toBe(0);
    value(await d('auth.signOut'));
    expect((await signIn('petugas.dukcapil')).mode).toBe('offline');
    value(await d('counter.open', { counterId: 'ct-01' }));
    tick();
    const called = value<CounterState>(await d('counter.callNext'));
    expect(called.current).toMatchObject({ number: 'AZ-002', status: 'called', synced: false });
    tick();
    value(await d('counter.start'));
    tick(5 * 60_000);
    value(await d('counter.finish', { note: 'KK baru dicetak' }));
    value(await d('counter.pause', { reason: 'istirahat' }));
    tick(15 * 60_000);
    // Back from the break: the session locked itself meanwhile.
    expect(await d('counter.resume')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    value(await d('auth.unlock', { password: DEMO_PASSWORD }));
    value(await d('counter.resume'));
    const pending = (await loket.db('outbox').where({ state: 'pending' }).select('kind')) as { kind: string }[];
    expect(pending.map((p) => p.kind)).toEqual([
      'ticket.event', // finish A-001
      'ticket.walkIn',
      'ticket.event', // finish walk-in
      'ticket.issue',
      'ticket.call',
      'ticket.event', // start
      'ticket.event', // finish
      'ticket.note',
      'counter.pause',
      'counter.resume',
    ]);

    // Back online (same address). Meanwhile a supervisor closed A-001 on the server.
    await startAt(port);
    const sup = LoginResponseSchema.parse((await call(server.url, 'POST', '/api/v1/auth/login', { body: { username: 'supervisor', password: DEMO_PASSWORD } })).json);
    const closed = await call(server.url, 'POST', `/api/v1/queue/tickets/${a1.id}/events`, { token: sup.token, body: { counterId: 'ct-01', event: { type: 'finish' } } });
    expect(closed.status, closed.text).toBe(200);

    value(await d('auth.signOut'));
    expect((await signIn('petugas.dukcapil')).mode).toBe('server');
    value(await d('counter.open', { counterId: 'ct-01' }));
    const state = value<CounterState>(await d('counter.state'));
    expect(state.waiting.map((w) => w.number)).toEqual(['A-002']);

    // Exactly the offline changes are on the server.
    const tickets = (await server.db('tickets').orderBy('display_number').select('display_number', 'status', 'channel', 'station', 'note', 'category')) as Record<string, string | null>[];
    expect(tickets).toEqual([
      { display_number: 'A-001', status: 'done', channel: 'frontdesk', station: null, note: null, category: 'normal' },
      { display_number: 'A-002', status: 'waiting', channel: 'frontdesk', station: null, note: null, category: 'normal' },
      { display_number: 'AZ-001', status: 'done', channel: 'walkin', station: 'Z', note: 'tanpa tiket', category: 'normal' },
      { display_number: 'AZ-002', status: 'done', channel: 'frontdesk', station: 'Z', note: 'KK baru dicetak', category: 'lansia' },
    ]);
    const az2 = (await server.db('tickets').where({ display_number: 'AZ-002' }).first()) as { id: string; arrived_at: string; called_at: string; serving_started_at: string; finished_at: string };
    expect(az2.arrived_at < az2.called_at && az2.called_at < az2.serving_started_at && az2.serving_started_at < az2.finished_at).toBe(true);
    const evs = (await server.db('ticket_events').where({ ticket_id: az2.id }).orderBy('id').select('event', 'source')) as { event: string; source: string }[];
    expect(evs.map((e) => e.event)).toEqual(['issue', 'call', 'start', 'finish']);
    expect(evs.every((e) => e.source === 'offline')).toBe(true);
    const pauses = (await server.db('counter_pauses').select('reason', 'started_at', 'ended_at')) as { reason: string; started_at: string; ended_at: string }[];
    expect(pauses).toHaveLength(1);
    expect(pauses[0]?.reason).toBe('istirahat');
    expect(Date.parse(pauses[0]?.ended_at ?? '') - Date.parse(pauses[0]?.started_at ?? '')).toBe(15 * 60_000);

    // The one refused change (finishing A-001 twice) is kept, visible, with the server's reason.
    const rejected = (await loket.db('outbox').where({ state: 'rejected' }).select('kind', 'last_error')) as { kind: string; last_error: string }[];
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.kind).toBe('ticket.event');
    expect(JSON.parse(rejected[0]?.last_error ?? '{}')).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('A-001') });
    expect(await loket.db('outbox').where({ state: 'pending' }).whereIn('kind', ['ticket.issue', 'ticket.call', 'ticket.event', 'ticket.walkIn', 'ticket.note', 'counter.pause', 'counter.resume'])).toHaveLength(0);
    const local = (await loket.db('queue_tickets').where({ dirty: 1 })) as unknown[];
    expect(local).toHaveLength(0);
  });
});

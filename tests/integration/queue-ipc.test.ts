/**
 * The queue through the real IPC dispatcher (createLoket + dispatch) against the real
 * reference server over HTTP: the front desk issues, a counter calls, serves and transfers to
 * another counter, which finishes; events for the screens and the display board; reprint,
 * cancel, overview; access rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoket, type Loket } from '../../main/app/compose';
import { silentLogger } from '../../node-shared/logger';
import { startServer, type RunningServer } from '../../server/src/main';
import type { Board, CounterState, TicketView } from '../../common/ipc/channels/queue';
import type { EventName } from '../../common/ipc/contract';
import type { Result } from '../../common/ipc/result';
import { DEMO_PASSWORD } from '../support/stack';
import { tempDir } from '../support/temp';

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.messageEn}`);
  return r.value as T;
};

describe('queue through IPC: front desk → counter → transfer → other counter', () => {
  const t = tempDir('loket-queue-ipc-');
  let server: RunningServer;
  let clock = Date.parse('2026-03-02T01:30:00.000Z'); // 08:30 WIB
  const now = () => new Date(clock);
  let frontdesk: Loket;
  let counter1: Loket;
  let counter2: Loket;
  const events: { name: EventName; payload: unknown }[] = [];

  const open = (name: string) =>
    createLoket({ dataDir: path.join(t.dir, name), runtime: 'harness', version: 'test', defaultServerUrl: server.url, tickMs: 0, now, logger: silentLogger });

  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'server.sqlite'), demo: true, quiet: true, now });
    frontdesk = await open('frontdesk');
    counter1 = await open('counter1');
    counter2 = await open('counter2');
    counter1.events.subscribe((name, payload) => events.push({ name, payload }));
    value(await frontdesk.dispatch('auth.signIn', { username: 'resepsionis', password: DEMO_PASSWORD }));
    for (const [l, c] of [
      [counter1, 'ct-01'],
      [counter2, 'ct-02'],
    ] as const) {
      value(await l.dispatch('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD }));
      value(await l.dispatch('counter.open', { counterId: c }));
    }
  });
  afterAll(async () => {
    for (const l of [frontdesk, counter1, counter2]) await l?.close();
    await server?.close();
    t.cleanup();
  });

  it('issues, calls, serves, transfers to another counter which finishes it', async () => {
    const issued = value<{ ticket: TicketView; ahead: number; print: { ok: boolean; code?: string } }>(
      await frontdesk.dispatch('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' }),
    );
    expect(issued.ticket).toMatchObject({ number: 'A-001', status: 'waiting', serviceName: 'Penerbitan Kartu Keluarga', synced: true, channel: 'frontdesk' });
    expect(issued.ahead).toBe(0);
    // The default printer of an installation without settings is the virtual one (bytes + preview on disk).
    expect(issued.print).toMatchObject({ ok: true });
    expect(fs.readdirSync(path.join(t.dir, 'frontdesk', 'printer')).length).toBeGreaterThan(0);
    clock += 1000;
    const second = value<{ ticket: TicketView; ahead: number }>(await frontdesk.dispatch('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' }));
    expect(second).toMatchObject({ ticket: { number: 'A-002' }, ahead: 1 });

    const overview = value<{ services: { serviceId: string; waiting: number; agencyName: string }[] }>(await frontdesk.dispatch('queue.overview', {}));
    expect(overview.services.find((s) => s.serviceId === 'sv-dukcapil-kk')).toMatchObject({ waiting: 2, agencyName: 'Dinas Kependudukan dan Pencatatan Sipil' });

    const waitingBefore = value<CounterState>(await counter1.dispatch('counter.state', {}));
    expect(waitingBefore.waiting.map((w) => w.number)).toEqual(['A-001', 'A-002']);

    const called = value<CounterState>(await counter1.dispatch('counter.callNext', {}));
    expect(called.current).toMatchObject({ number: 'A-001', status: 'called', counterName: 'Loket 1' });
    expect(events.find((e) => e.name === 'queue.called')?.payload).toMatchObject({
      ticketNumber: 'A-001',
      counterNumber: 1,
      announcement: 'Nomor antrian A, nol, nol, satu, silakan menuju loket satu',
    });
    expect(events.some((e) => e.name === 'queue.changed')).toBe(true);

    const busy = await counter1.dispatch('counter.callNext', {});
    expect(busy).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('masih dipanggil') } });
    const early = await counter1.dispatch('counter.noShow', {});
    expect(early).toMatchObject({ ok: false, error: { details: { reason: 'RECALLS_REQUIRED' } } });

    expect(value<CounterState>(await counter1.dispatch('counter.recall', {})).current?.recalls).toBe(1);
    const serving = value<CounterState>(await counter1.dispatch('counter.start', {}));
    expect(serving.current).toMatchObject({ status: 'serving' });
    value(await counter1.dispatch('counter.note', { text: 'berkas KK lama dibawa' }));

    const afterTransfer = value<CounterState>(await counter1.dispatch('counter.transfer', { counterId: 'ct-02', note: 'rekam biometrik' }));
    expect(afterTransfer.current).toBeNull();

    const c2 = value<CounterState>(await counter2.dispatch('counter.callNext', {}));
    expect(c2.current).toMatchObject({ number: 'A-001', channel: 'transfer', originTicketId: issued.ticket.id, arrivedAt: issued.ticket.arrivedAt, counterName: 'Loket 2' });
    value(await counter2.dispatch('counter.start', {}));
    const done = value<CounterState>(await counter2.dispatch('counter.finish', { note: 'selesai' }));
    expect(done.current).toBeNull();

    const rows = (await server.db('tickets').where({ display_number: 'A-001' }).orderBy('created_at')) as { status: string; origin_ticket_id: string | null; note: string | null }[];
    expect(rows.map((r) => r.status)).toEqual(['transferred', 'done']);
    expect(rows[1]?.origin_ticket_id).toBe(issued.ticket.id);

    const board = value<Board>(await frontdesk.dispatch('board.get', {}));
    expect(board.lastCalls.map((c) => c.ticketNumber)).toContain('A-001');
    expect(board.mallName).toBe('MPP Kota Demo');
  });

  it('reprints, lists and cancels at the front desk; a counter cannot issue', async () => {
    const recent = value<TicketView[]>(await frontdesk.dispatch('queue.recentIssued', {}));
    expect(recent.map((r) => r.number)).toEqual(expect.arrayContaining(['A-001', 'A-002']));
    const a2 = recent.find((r) => r.number === 'A-002');
    if (!a2) throw new Error('A-002 missing');
    const reprint = value<{ print: { ok: boolean } }>(await frontdesk.dispatch('queue.reprint', { ticketId: a2.id }));
    expect(typeof reprint.print.ok).toBe('boolean');
    const cancelled = value<TicketView>(await frontdesk.dispatch('queue.cancel', { ticketId: a2.id, reason: 'pemohon pulang' }));
    expect(cancelled.status).toBe('cancelled');
    expect(await counter1.dispatch('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await frontdesk.dispatch('counter.callNext', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('walk-in, pause with a reason and resume are recorded on the server', async () => {
    const w = value<CounterState>(await counter1.dispatch('counter.walkIn', { serviceId: 'sv-dukcapil-akta-lahir', note: 'tanpa tiket' }));
    expect(w.current).toMatchObject({ channel: 'walkin', status: 'serving' });
    value(await counter1.dispatch('counter.finish', {}));
    const paused = value<CounterState>(await counter1.dispatch('counter.pause', { reason: 'sholat' }));
    expect(paused.paused).toMatchObject({ reason: 'sholat' });
    const resumed = value<CounterState>(await counter1.dispatch('counter.resume', {}));
    expect(resumed.paused).toBeNull();
    const pauses = (await server.db('counter_pauses').where({ counter_id: 'ct-01' })) as { reason: string; ended_at: string | null }[];
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toMatchObject({ reason: 'sholat' });
    expect(pauses[0]?.ended_at).not.toBeNull();
    const walkins = await server.db('tickets').where({ channel: 'walkin', status: 'done' });
    expect(walkins).toHaveLength(1);
  });

  it('refuses calling out of order unless the mall allows it', async () => {
    const t1 = value<{ ticket: TicketView }>(await frontdesk.dispatch('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' }));
    clock += 1000;
    const t2 = value<{ ticket: TicketView }>(await frontdesk.dispatch('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' }));
    const refused = await counter1.dispatch('counter.callTicket', { ticketId: t2.ticket.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('di luar urutan') } });
    await server.db('settings').where({ key: 'queue.allow_call_out_of_order' }).update({ value: 'true' });
    const ok = value<CounterState>(await counter1.dispatch('counter.callTicket', { ticketId: t2.ticket.id }));
    expect(ok.current?.id).toBe(t2.ticket.id);
    expect(ok.waiting.map((w) => w.id)).toContain(t1.ticket.id);
  });

  it('an officer who opens a counter for some services only is called tickets of those only', async () => {
    const counter3 = await open('counter3');
    try {
      value(await counter3.dispatch('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD }));
      const foreign = await counter3.dispatch('counter.open', { counterId: 'ct-03', serviceIds: ['sv-imigrasi-paspor-baru'] });
      expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('bukan layanan instansi') } });
      const session = value<{ counterServiceIds: string[] | null }>(await counter3.dispatch('counter.open', { counterId: 'ct-03', serviceIds: ['sv-dukcapil-akta-lahir'] }));
      expect(session.counterServiceIds).toEqual(['sv-dukcapil-akta-lahir']);
      clock += 1000;
      const kk = value<{ ticket: TicketView }>(await frontdesk.dispatch('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' }));
      clock += 1000;
      const akta = value<{ ticket: TicketView }>(await frontdesk.dispatch('queue.issue', { serviceId: 'sv-dukcapil-akta-lahir', category: 'normal' }));
      const state = value<CounterState>(await counter3.dispatch('counter.state', {}));
      expect(state.serviceIds).toEqual(['sv-dukcapil-akta-lahir']);
      expect(state.waiting.map((w) => w.id)).toEqual([akta.ticket.id]);
      // The older KK ticket waits for the counters serving KK.
      const called = value<CounterState>(await counter3.dispatch('counter.callNext', {}));
      expect(called.current?.id).toBe(akta.ticket.id);
      const session3 = (await server.db('counter_sessions').where({ counter_id: 'ct-03' }).whereNull('closed_at').first()) as { service_ids_json: string };
      expect(JSON.parse(session3.service_ids_json)).toEqual(['sv-dukcapil-akta-lahir']);
      // Opened again for all of them (no subset), the KK ticket is in its list.
      value(await counter3.dispatch('counter.start', {}));
      const all = value<{ counterServiceIds: string[] | null }>(await counter3.dispatch('counter.open', { counterId: 'ct-03' }));
      expect(all.counterServiceIds).toBeNull();
      const after = value<CounterState>(await counter3.dispatch('counter.state', {}));
      expect(after.waiting.map((w) => w.id)).toContain(kk.ticket.id);
    } finally {
      await counter3.close();
    }
  });

  it('stores printer settings locally and answers preview and test print', async () => {
    const admin = await open('admin');
    try {
      value(await admin.dispatch('auth.signIn', { username: 'admin', password: DEMO_PASSWORD }));
      const saved = value(await admin.dispatch('printer.saveSettings', { transport: 'network', address: '192.168.1.50', port: 9100, paperWidth: 58, commandSet: 'generic', encoding: 'cp437', cutting: true }));
      expect(saved).toMatchObject({ transport: 'network', paperWidth: 58 });
      expect(value(await admin.dispatch('printer.getSettings', {}))).toMatchObject({ address: '192.168.1.50' });
      expect(value<{ svg: string }>(await admin.dispatch('printer.preview', {})).svg).toContain('<svg');
      value(await admin.dispatch('printer.saveSettings', { transport: 'virtual', address: '', paperWidth: 80, commandSet: 'generic', encoding: 'cp437', cutting: true }));
      expect(value(await admin.dispatch('printer.testPrint', {}))).toMatchObject({ ok: true });
    } finally {
      await admin.close();
    }
  });
});

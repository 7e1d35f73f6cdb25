/**
 * main/supervisor/day-store.ts with 009_supervisor_day_cells: after a restart the dashboard reads
 * a past day from its stored cells only while the day's version and the waiting targets are the
 * ones they were built with; a ticket synced in from another counter (the ticket entity's upsert)
 * invalidates that day only, and `maintain` rebuilds exactly the changed days. 009 itself, and
 * the reads its indexes serve: productivity over sessions and pauses that opened long before the
 * range, applications overdue at the end of a past range.
 */
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { SupervisorDashboard } from '../../main/supervisor/dashboard';
import { decodePart, encodePart } from '../../main/supervisor/cells-blob';
import { createTicketClientEntity } from '../../main/queue/sync-entity';
import { MIGRATIONS, migrationSource } from '../../main/db/migrations';
import type { ServerTicket } from '../../common/server-api/queue';
import { useLocalDb } from '../support/local-db';
import { tempDir } from '../support/temp';

const ticket = (i: number, day: string, status = 'done') => ({
  id: `t-${day}-${i}`, prefix: 'A', number: i, display_number: `A-${i}`, service_day: day, agency_id: 'ag-1', service_id: 'sv-1', category: 'normal',
  channel: 'frontdesk', status, arrived_at: `${day}T01:00:00.000Z`, called_at: `${day}T01:10:00.000Z`, serving_started_at: `${day}T01:11:00.000Z`,
  finished_at: `${day}T01:20:00.000Z`, counter_id: 'ct-1', officer_id: 'of-1', target_counter_id: null, recalls: 0, origin_ticket_id: null, station: null,
  booking_id: null, note: null, version: 1, dirty: 0, issued_here: 0, updated_at: `${day}T01:20:00.000Z`,
});

const stored = async (db: Knex) =>
  Object.fromEntries(((await db('supervisor_day_cells').where({ part: 'M' }).select('service_day', 'version')) as { service_day: string; version: number }[]).map((r) => [r.service_day, Number(r.version)]));

describe('supervisor stored day cells (009)', () => {
  const freshDb = useLocalDb();
  const NOW = new Date('2026-03-12T03:00:00.000Z');

  it('after a restart, reads a past day from its stored cells, and rebuilds it once the day or the targets changed', async () => {
    const db = await freshDb();
    for (let i = 1; i <= 4; i++) await db('queue_tickets').insert(ticket(i, '2026-03-10'));
    const open = () => new SupervisorDashboard({ db, now: () => NOW, lastSyncAt: async () => null });
    const first = open();
    expect((await first.totals('2026-03-10', '2026-03-10')).served).toBe(4);
    expect(await db('supervisor_day_cells').count({ n: '*' }).first()).toMatchObject({ n: 0 }); // not on the query's path
    await first.flushStoredDays(); // what the idle timer does
    expect(Object.keys(await stored(db))).toEqual(['2026-03-10']);

    // A restart (a new dashboard, empty memory) with a doctored copy shows it is read from the copy.
    const row = (await db('supervisor_day_cells').where({ service_day: '2026-03-10', part: 'M' }).first()) as { data: Buffer };
    const part = decodePart(row.data)!;
    part.counts[1] = 99; // the mall cell's served
    await db('supervisor_day_cells').where({ service_day: '2026-03-10', part: 'M' }).update({ data: encodePart(part) });
    expect((await open().totals('2026-03-10', '2026-03-10')).served).toBe(99);

    // New waiting targets: the copy was counted with the old ones and is rebuilt.
    await db('supervisor_service_targets').insert({ service_id: 'sv-1', target_wait_minutes: 5 });
    const retargeted = await open().totals('2026-03-10', '2026-03-10');
    expect(retargeted).toMatchObject({ served: 4, withinTarget: 0 });
    await db('supervisor_service_targets').delete();
    expect((await open().totals('2026-03-10', '2026-03-10')).served).toBe(99); // the old targets' copy again

    // The day changes: its copy no longer matches its version and the rollup is read again.
    await db('queue_tickets').where({ id: 't-2026-03-10-1' }).update({ status: 'no_show', finished_at: null, serving_started_at: null });
    expect((await open().totals('2026-03-10', '2026-03-10')).served).toBe(3);
  });

  it('a ticket synced in from another counter invalidates its day only; maintain rebuilds exactly the changed days', async () => {
    const db = await freshDb();
    for (const day of ['2026-03-09', '2026-03-10', '2026-03-11']) for (let i = 1; i <= 3; i++) await db('queue_tickets').insert(ticket(i, day));
    const dash = new SupervisorDashboard({ db, now: () => NOW, lastSyncAt: async () => null });
    expect(await dash.maintain()).toBe(3); // every past day built and stored (today, 03-12, has none)
    expect(await dash.maintain()).toBe(0);
    const before = await stored(db);
    const month = await dash.dashboard({ from: '2026-03-01', to: '2026-03-31' });
    expect(month.totals.served).toBe(9);

    // Counter ct-2 was offline on 03-10 and syncs its ticket late: the pulled row goes through the ticket entity.
    const late: ServerTicket = {
      id: 'late-1', prefix: 'A', number: 40, displayNumber: 'A-040', serviceDay: '2026-03-10', agencyId: 'ag-1', serviceId: 'sv-1', category: 'normal', channel: 'frontdesk',
      status: 'done', arrivedAt: '2026-03-10T02:00:00.000Z', calledAt: '2026-03-10T02:30:00.000Z', servingStartedAt: '2026-03-10T02:31:00.000Z', finishedAt: '2026-03-10T02:45:00.000Z',
      counterId: 'ct-2', officerId: 'of-2', targetCounterId: null, recalls: 0, originTicketId: null, station: null, bookingId: null, note: null, version: 3,
    };
    await db.transaction((trx) => createTicketClientEntity({ now: () => NOW }).upsert(trx, [late]));
    const after = await dash.dashboard({ from: '2026-03-01', to: '2026-03-31' });
    expect(after.totals.served).toBe(10); // not the remembered month
    expect(after.breakdown.find((r) => r.level === 'counter' && r.id === 'ct-2')?.figures.waiting).toMatchObject({ count: 1, median: 30 });
    expect((await dash.totals('2026-03-09', '2026-03-09')).served).toBe(3);

    expect(await dash.maintain()).toBe(1); // only 03-10
    const now = await stored(db);
    expect(now['2026-03-09']).toBe(before['2026-03-09']);
    expect(now['2026-03-11']).toBe(before['2026-03-11']);
    expect(now['2026-03-10']).toBeGreaterThan(before['2026-03-10']!);
    // A restart reads the maintained copies: the same figures.
    const restarted = new SupervisorDashboard({ db, now: () => NOW, lastSyncAt: async () => null });
    expect((await restarted.dashboard({ from: '2026-03-01', to: '2026-03-31' })).breakdown).toEqual(after.breakdown);
  });

  it('officer productivity counts a session opened days before the range and still open, and a long pause across its start', async () => {
    const db = await freshDb();
    await db('supervisor_counter_sessions').insert([
      { id: 's-old', counter_id: 'ct-1', officer_id: 'of-1', officer_name: 'Siti', opened_at: '2026-03-05T01:00:00.000Z', closed_at: null },
      { id: 's-short', counter_id: 'ct-2', officer_id: 'of-2', officer_name: 'Agus', opened_at: '2026-03-09T16:00:00.000Z', closed_at: '2026-03-09T18:00:00.000Z' },
      { id: 's-before', counter_id: 'ct-2', officer_id: 'of-2', officer_name: 'Agus', opened_at: '2026-03-01T01:00:00.000Z', closed_at: '2026-03-01T09:00:00.000Z' },
    ]);
    await db('supervisor_counter_pauses').insert([
      { id: 'p-long', counter_id: 'ct-1', officer_id: 'of-1', reason: 'gangguan_sistem', started_at: '2026-03-08T01:00:00.000Z', ended_at: '2026-03-09T18:00:00.000Z' },
      { id: 'p-open', counter_id: 'ct-2', officer_id: 'of-2', reason: 'istirahat', started_at: '2026-03-02T01:00:00.000Z', ended_at: null },
    ]);
    const dash = new SupervisorDashboard({ db, now: () => NOW, lastSyncAt: async () => null });
    // 2026-03-10 in WIB: 2026-03-09T17:00Z – 2026-03-10T17:00Z.
    const { officers } = await dash.dashboard({ from: '2026-03-10', to: '2026-03-10' });
    const siti = officers.find((o) => o.officerId === 'of-1')!;
    const agus = officers.find((o) => o.officerId === 'of-2')!;
    expect(siti.openMinutes).toBe(24 * 60);
    expect(siti.pauses).toEqual({ gangguan_sistem: 60 });
    expect(agus.openMinutes).toBe(60);
    expect(agus.pauses).toEqual({ istirahat: 24 * 60 });
  });

  it('overdue at the end of a past range counts the applications still open and those completed late after it', async () => {
    const db = await freshDb();
    const app = (id: string, dueAt: string, completedAt: string | null) => ({
      id, agency_id: 'ag-1', service_id: 'sv-1', status: completedAt ? 'selesai' : 'diproses', received_at: '2026-03-02T02:00:00.000Z', received_day: '2026-03-02',
      complete_at: '2026-03-02T02:00:00.000Z', due_at: dueAt, completed_at: completedAt, completed_day: completedAt ? completedAt.slice(0, 10) : null,
    });
    await db('supervisor_applications').insert([
      app('open-late', '2026-03-04T08:00:00.000Z', null), // overdue at the end of 03-05
      app('done-late', '2026-03-04T08:00:00.000Z', '2026-03-09T03:00:00.000Z'), // overdue then, completed after
      app('done-in-time-after', '2026-03-06T08:00:00.000Z', '2026-03-06T03:00:00.000Z'), // not yet due then
      app('done-late-before', '2026-03-03T08:00:00.000Z', '2026-03-04T03:00:00.000Z'), // late, but closed before the range's end
    ]);
    const dash = new SupervisorDashboard({ db, now: () => NOW, lastSyncAt: async () => null });
    expect((await dash.dashboard({ from: '2026-03-05', to: '2026-03-05' })).applications.overdue).toBe(2);
    expect((await dash.dashboard({ from: '2026-03-09', to: '2026-03-09' })).applications.overdue).toBe(1);
  });

  it('009 migrates an 008 database: the day blobs give way to day cells, with the productivity indexes', async () => {
    const t = tempDir();
    const db = knexFactory({ client: 'sqlite3', connection: { filename: path.join(t.dir, 'm.sqlite') }, useNullAsDefault: true });
    try {
      const upTo008 = MIGRATIONS.findIndex((m) => m.name === '008_supervisor_feeds') + 1;
      for (let i = 0; i < upTo008; i++) await db.migrate.up({ migrationSource });
      await db('supervisor_day_blobs').insert({ service_day: '2026-03-10', version: 1, data: Buffer.from('old') });
      await db.migrate.up({ migrationSource });
      const names = async (type: string) => ((await db.raw(`SELECT name FROM sqlite_master WHERE type = '${type}' AND name LIKE 'supervisor_%'`)) as { name: string }[]).map((r) => r.name);
      expect(await names('table')).toContain('supervisor_day_cells');
      expect(await names('table')).not.toContain('supervisor_day_blobs');
      expect(await names('index')).toEqual(expect.arrayContaining(['supervisor_apps_late_idx', 'supervisor_sessions_len_idx', 'supervisor_sessions_still_open_idx', 'supervisor_pauses_len_idx', 'supervisor_pauses_still_open_idx']));
      await db.migrate.down({ migrationSource });
      expect(await names('table')).toContain('supervisor_day_blobs');
      expect(await names('table')).not.toContain('supervisor_day_cells');
      expect(await names('index')).not.toContain('supervisor_pauses_len_idx');
    } finally {
      await db.destroy();
      t.cleanup();
    }
  });
});

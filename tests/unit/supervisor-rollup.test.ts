/**
 * 007_supervisor_rollup: the per-day groups kept by triggers equal a fresh GROUP BY over
 * supervisor_ticket_facts after inserts, updates (status, counter, times, service day) and deletes
 * of queue_tickets. 008_supervisor_feeds: every change bumps its day (both days when a
 * ticket moves), and the dashboard's cache of parsed days follows the counter.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open';
import { SupervisorDashboard } from '../../main/supervisor/dashboard';
import { useLocalDb } from '../support/local-db';

const LISTS = ['w', 'k', 'v', 't', 'ia', 'se'] as const;

const sortedList = (s: string | null): string => (s === null || s === '' ? '' : s.split(',').map(Number).sort((a, b) => a - b).join(','));

async function rollup(db: Db): Promise<Record<string, string>> {
  const rows = (await db.raw('SELECT * FROM supervisor_day_groups')) as Record<string, string | number | null>[];
  const out: Record<string, string> = {};
  for (const r of rows) {
    const key = [r.service_day, r.agency_id, r.service_id, r.counter_id, r.officer_id, r.status, r.is_leg].join('|');
    out[key] = [r.n, ...LISTS.map((l) => sortedList(r[l] as string | null))].join(' ');
  }
  return out;
}

async function recomputed(db: Db): Promise<Record<string, string>> {
  const rows = (await db.raw(`SELECT service_day, agency_id, service_id, IFNULL(counter_id, '') counter_id, IFNULL(officer_id, '') officer_id, status, is_leg, COUNT(*) n,
      group_concat(wait_ms) w, group_concat(walk_ms) k, group_concat(svc_ms) v, group_concat(total_ms) t,
      group_concat(IFNULL((arrived_ms / 1000) % 86400 / 900, -1)) ia,
      group_concat(CASE WHEN total_ms IS NOT NULL AND arrived_ms IS NOT NULL THEN ((arrived_ms + total_ms) / 1000) % 86400 / 900 END) se
    FROM supervisor_ticket_facts GROUP BY 1, 2, 3, 4, 5, 6, 7`)) as Record<string, string | number | null>[];
  const out: Record<string, string> = {};
  for (const r of rows) {
    const key = [r.service_day, r.agency_id, r.service_id, r.counter_id, r.officer_id, r.status, r.is_leg].join('|');
    out[key] = [r.n, ...LISTS.map((l) => sortedList(r[l] as string | null))].join(' ');
  }
  return out;
}

function ticket(i: number, day: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const arrived = Date.parse(`${day}T01:00:00.000Z`) + i * 37_123;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: `t-${day}-${i}`,
    prefix: 'A',
    number: i + 1,
    display_number: `A-${String(i + 1).padStart(3, '0')}`,
    service_day: day,
    agency_id: 'ag-1',
    service_id: i % 2 ? 'sv-1' : 'sv-2',
    category: 'normal',
    channel: i % 5 === 0 ? 'transfer' : 'frontdesk',
    status: 'done',
    arrived_at: iso(arrived),
    called_at: iso(arrived + 600_000 + (i % 7) * 1000),
    serving_started_at: iso(arrived + 660_000 + (i % 3) * 1000),
    finished_at: iso(arrived + 1_260_000 + (i % 11) * 1000),
    counter_id: i % 3 ? 'ct-1' : null,
    officer_id: i % 3 ? 'of-1' : null,
    target_counter_id: null,
    recalls: 0,
    origin_ticket_id: null,
    station: null,
    booking_id: null,
    note: null,
    version: 1,
    dirty: 0,
    issued_here: 0,
    updated_at: iso(arrived),
    ...extra,
  };
}

describe('supervisor per-day rollup (007)', () => {
  const freshDb = useLocalDb();

  it('follows inserts, updates and deletes of queue tickets exactly', async () => {
    const db = await freshDb();
    const rows = [...Array.from({ length: 60 }, (_, i) => ticket(i, '2026-03-10')), ...Array.from({ length: 40 }, (_, i) => ticket(i, '2026-03-11'))];
    // Duplicated durations inside a group (removal must take one occurrence only).
    rows.push(ticket(1000, '2026-03-11', { arrived_at: rows[61]?.arrived_at, called_at: rows[61]?.called_at, serving_started_at: rows[61]?.serving_started_at, finished_at: rows[61]?.finished_at, service_id: rows[61]?.service_id, counter_id: rows[61]?.counter_id, officer_id: rows[61]?.officer_id, channel: rows[61]?.channel }));
    for (const r of rows) await db('queue_tickets').insert(r);
    expect(await rollup(db)).toEqual(await recomputed(db));

    await db('queue_tickets').where({ id: 't-2026-03-10-4' }).update({ status: 'no_show', finished_at: null, serving_started_at: null });
    await db('queue_tickets').where({ id: 't-2026-03-10-7' }).update({ counter_id: 'ct-2', officer_id: 'of-2' });
    await db('queue_tickets').where({ id: 't-2026-03-11-1' }).update({ called_at: null, serving_started_at: null, finished_at: null, status: 'waiting' });
    await db('queue_tickets').where({ id: 't-2026-03-11-2' }).update({ service_day: '2026-03-12' });
    await db('queue_tickets').where({ id: 't-2026-03-11-3' }).update({ note: 'only a note' });
    await db('queue_tickets').where({ id: 't-2026-03-10-9' }).update({ finished_at: '2026-03-10T00:00:00.000Z' }); // negative: not a measurement
    await db('queue_tickets').where({ id: 't-2026-03-11-1000' }).delete();
    await db('queue_tickets').where('id', 'like', 't-2026-03-10-1%').delete();
    expect(await rollup(db)).toEqual(await recomputed(db));

    await db('queue_tickets').delete();
    expect(await rollup(db)).toEqual({});
  });

  it('008: day versions follow every change and the cached dashboard with them', async () => {
    const db = await freshDb();
    const versions = async () =>
      Object.fromEntries(((await db('supervisor_day_versions').select('service_day', 'version')) as { service_day: string; version: number }[]).map((r) => [r.service_day, Number(r.version)]));
    for (let i = 0; i < 10; i++) await db('queue_tickets').insert(ticket(i, '2026-03-10'));
    expect(await versions()).toEqual({ '2026-03-10': 10 });
    const dash = new SupervisorDashboard({ db, now: () => new Date('2026-03-12T09:00:00.000Z'), lastSyncAt: async () => null });
    const served = async (day: string) => (await dash.totals(day, day)).served;
    expect(await served('2026-03-10')).toBe(10);
    // Totals are remembered while nothing changes (the same figures object), per waiting target.
    const before = await dash.totals('2026-03-10', '2026-03-10');
    expect(await dash.totals('2026-03-10', '2026-03-10')).toBe(before);
    await db('supervisor_service_targets').insert({ service_id: 'sv-1', target_wait_minutes: 5 });
    expect((await dash.totals('2026-03-10', '2026-03-10')).withinTarget).not.toBe(before.withinTarget);

    await db('queue_tickets').where({ id: 't-2026-03-10-4' }).update({ status: 'no_show', finished_at: null, serving_started_at: null });
    const v1 = (await versions())['2026-03-10']!;
    expect(v1).toBeGreaterThan(10);
    expect(await served('2026-03-10')).toBe(9); // not the cached 10
    await db('queue_tickets').where({ id: 't-2026-03-10-5' }).update({ service_day: '2026-03-11' });
    const v2 = await versions();
    expect(v2['2026-03-10']).toBeGreaterThan(v1);
    expect(v2['2026-03-11']).toBeGreaterThanOrEqual(1);
    expect(await served('2026-03-10')).toBe(8);
    expect(await served('2026-03-11')).toBe(1);
    await db('queue_tickets').where({ service_day: '2026-03-10' }).delete();
    expect((await versions())['2026-03-10']).toBeGreaterThan(v2['2026-03-10']!);
    expect(await served('2026-03-10')).toBe(0); // every row gone: the cached day is dropped too
    expect((await dash.totals('2026-03-10', '2026-03-11')).served).toBe(1);
  });
});

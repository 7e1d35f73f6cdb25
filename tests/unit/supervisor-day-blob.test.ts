/**
 * main/supervisor/day-blob.ts: a day's flat arrays survive the binary round trip (Int32 and
 * Float64 durations, empty groups, NULL counter/officer), and the dashboard reads a stored day
 * copy after a restart only while the day's version is the one it was made at (008).
 */
import { describe, expect, it } from 'vitest';
import { buildDay, type RawGroup } from '../../main/supervisor/day-data';
import { decodeDay, encodeDay } from '../../main/supervisor/day-blob';
import { SupervisorDashboard } from '../../main/supervisor/dashboard';
import { useLocalDb } from '../support/local-db';

const raws: RawGroup[] = [
  { key: { a: 'ag-1', s: 'sv-1', c: 'ct-1', o: 'of-1', st: 'done', leg: 0, n: 3 }, lists: [[60_000, 0, 5], [1_000, 2_000, 3_000], [600_000, 700_000, 800_000], [700_000, 1, 2]], ia: [4, 5, 6], se: [7, 8, 9] },
  { key: { a: 'ag-1', s: 'sv-2', c: null, o: null, st: 'no_show', leg: 0, n: 1 }, lists: [[], [], [], []], ia: [-1], se: [] },
  { key: { a: 'ag-2', s: 'sv-3', c: 'ct-2', o: 'of-2', st: 'done', leg: 1, n: 2 }, lists: [[5, 6], [7, 8], [9, 10], [3_000_000_000, 11]], ia: [1, 2], se: [3, 4] },
];

describe('supervisor stored day copies', () => {
  const freshDb = useLocalDb();

  it('round-trips a day exactly', () => {
    const day = buildDay(raws);
    const back = decodeDay(encodeDay(day));
    expect(back).toEqual(day);
    // Totals of the third group exceed Int32: stored as Float64 and kept exactly.
    expect(Array.from(back!.m[3].vals)).toEqual([700_000, 1, 2, 3_000_000_000, 11]);
    expect(decodeDay(Buffer.from('not a day'))).toBeNull();
  });

  it('after a restart, reads a past day from its stored copy, and from the rollup once the day changed', async () => {
    const db = await freshDb();
    const ticket = (i: number, status = 'done') => ({
      id: `t-${i}`, prefix: 'A', number: i, display_number: `A-${i}`, service_day: '2026-03-10', agency_id: 'ag-1', service_id: 'sv-1', category: 'normal',
      channel: 'frontdesk', status, arrived_at: '2026-03-10T01:00:00.000Z', called_at: '2026-03-10T01:10:00.000Z', serving_started_at: '2026-03-10T01:11:00.000Z',
      finished_at: '2026-03-10T01:20:00.000Z', counter_id: 'ct-1', officer_id: 'of-1', target_counter_id: null, recalls: 0, origin_ticket_id: null, station: null,
      booking_id: null, note: null, version: 1, dirty: 0, issued_here: 0, updated_at: '2026-03-10T01:20:00.000Z',
    });
    for (let i = 1; i <= 4; i++) await db('queue_tickets').insert(ticket(i));
    const open = () => new SupervisorDashboard({ db: db!, now: () => new Date('2026-03-12T03:00:00.000Z'), lastSyncAt: async () => null });
    const first = open();
    expect((await first.totals('2026-03-10', '2026-03-10')).served).toBe(4);
    expect(await db('supervisor_day_blobs').count({ n: '*' }).first()).toMatchObject({ n: 0 }); // not on the query's path
    await first.flushStoredDays(); // what the idle timer does
    const stored = (await db('supervisor_day_blobs').select('service_day', 'version')) as { service_day: string; version: number }[];
    expect(stored).toHaveLength(1);

    // A restart (a new dashboard, empty memory) with a doctored copy shows it is read from the copy.
    const doctored = buildDay([{ ...raws[0]!, key: { ...raws[0]!.key, n: 99 } }]);
    await db('supervisor_day_blobs').update({ data: encodeDay(doctored) });
    expect((await open().totals('2026-03-10', '2026-03-10')).served).toBe(99);

    // The day changes: its copy no longer matches its version and the rollup is read again.
    await db('queue_tickets').where({ id: 't-1' }).update({ status: 'no_show', finished_at: null, serving_started_at: null });
    expect((await open().totals('2026-03-10', '2026-03-10')).served).toBe(3);
  });
});

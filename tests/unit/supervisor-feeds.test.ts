/**
 * 008_supervisor_feeds: supervisor_applications follows the `applications` working copy (what
 * sync writes, upserts included) — received day and closing day in the mall's zone, "berkas
 * lengkap" and due instant as stored, closed at the first history entry into a final state,
 * only selesai/diambil counted as completed — and forgets deleted rows. No applicant data.
 */
import { describe, expect, it } from 'vitest';
import { useLocalDb } from '../support/local-db';

const history = (...steps: [string, string][]) => JSON.stringify(steps.map(([at, to]) => ({ at, from: null, to, by: 'of-1', byName: 'Siti', note: null })));

const app = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  agency_id: 'ag-1',
  service_id: 'sv-1',
  applicant_name: 'Budi Santoso',
  applicant_nik: '3174054507900001',
  status: 'diverifikasi',
  version: 1,
  // 18:30 UTC = 01:30 the next day in WIB.
  created_at: '2026-03-09T18:30:00.000Z',
  created_by: 'of-1',
  updated_at: '2026-03-09T18:30:00.000Z',
  updated_by: 'of-1',
  complete_at: '2026-03-09T18:30:00.000Z',
  due_at: '2026-03-13T09:00:00.000Z',
  history_json: history(['2026-03-09T18:30:00.000Z', 'diterima'], ['2026-03-09T18:30:00.000Z', 'diverifikasi']),
  ...extra,
});

describe('supervisor feeds (008)', () => {
  const freshDb = useLocalDb();

  it('keeps supervisor_applications from the applications rows sync writes', async () => {
    const db = await freshDb();
    const fact = async (id: string) => (await db('supervisor_applications').where({ id }).first()) as Record<string, unknown> | undefined;

    await db('applications').insert(app('a-1'));
    expect(await fact('a-1')).toEqual({
      id: 'a-1',
      agency_id: 'ag-1',
      service_id: 'sv-1',
      status: 'diverifikasi',
      received_at: '2026-03-09T18:30:00.000Z',
      received_day: '2026-03-10',
      complete_at: '2026-03-09T18:30:00.000Z',
      due_at: '2026-03-13T09:00:00.000Z',
      completed_at: null,
      completed_day: null,
    });

    // An upsert (as the sync engine writes a pulled row) to selesai, then diambil: closed at selesai.
    const done = history(['2026-03-09T18:30:00.000Z', 'diverifikasi'], ['2026-03-12T03:00:00.000Z', 'selesai']);
    await db('applications').insert(app('a-1', { status: 'selesai', version: 2, history_json: done, updated_at: '2026-03-12T03:00:00.000Z' })).onConflict('id').merge();
    expect(await fact('a-1')).toMatchObject({ status: 'selesai', completed_at: '2026-03-12T03:00:00.000Z', completed_day: '2026-03-12' });
    const taken = history(['2026-03-12T03:00:00.000Z', 'selesai'], ['2026-03-14T02:00:00.000Z', 'diambil']);
    await db('applications').where({ id: 'a-1' }).update({ status: 'diambil', history_json: taken });
    expect(await fact('a-1')).toMatchObject({ status: 'diambil', completed_at: '2026-03-12T03:00:00.000Z' });

    // Rejected: closed (never overdue), not completed. Without a history: closed at its last update.
    await db('applications').insert(app('a-2', { status: 'ditolak', history_json: null, updated_at: '2026-03-11T04:00:00.000Z' }));
    expect(await fact('a-2')).toMatchObject({ status: 'ditolak', completed_at: '2026-03-11T04:00:00.000Z', completed_day: '2026-03-11' });

    // Another zone (WITA, +8): the days follow the mall's setting.
    await db('settings').insert({ key: 'queue.config', value: JSON.stringify({ utcOffsetMinutes: 480 }) });
    // 16:30 UTC: 23:30 in WIB, 00:30 the next day in WITA.
    await db('applications').insert(app('a-3', { created_at: '2026-03-09T16:30:00.000Z' }));
    expect(await fact('a-3')).toMatchObject({ received_day: '2026-03-10', received_at: '2026-03-09T16:30:00.000Z' });

    await db('applications').where({ id: 'a-2' }).delete();
    expect(await fact('a-2')).toBeUndefined();
    expect(Object.keys((await fact('a-1'))!)).not.toContain('applicant_name');
  });
});

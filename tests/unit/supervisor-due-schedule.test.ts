/**
 * The dashboard's at-risk list labels due dates with each agency's own service days: on a
 * Friday, an application due on Monday is "due on the next working day" for a Monday–Friday
 * agency (Dukcapil) but not for a Monday–Saturday one (Samsat), whose Saturday comes first.
 */
import { describe, expect, it } from 'vitest';
import { SupervisorDashboard } from '../../main/supervisor/dashboard';
import { useLocalDb } from '../support/local-db';

describe('supervisor due labels follow the agency’s service days', () => {
  const freshDb = useLocalDb();

  it('Friday → Monday: at risk for Monday–Friday, on track for Monday–Saturday; Saturday due is at risk for Samsat', async () => {
    const db = await freshDb();
    await db('agencies').insert([
      { id: 'ag-samsat', code: 'SAMSAT', name: 'Samsat', service_days: '123456' },
      { id: 'ag-dukcapil', code: 'DUKCAPIL', name: 'Dukcapil', service_days: '12345' },
    ]);
    const app = (id: string, agencyId: string, dueAt: string) => ({
      id,
      agency_id: agencyId,
      service_id: `sv-${agencyId}`,
      status: 'diproses',
      received_at: '2026-02-02T02:00:00.000Z',
      received_day: '2026-02-02',
      complete_at: '2026-02-02T02:00:00.000Z',
      due_at: dueAt,
      completed_at: null,
      completed_day: null,
    });
    // Monday 9 February 2026, 16:00 WIB; Saturday 7 February, 16:00 WIB.
    await db('supervisor_applications').insert([
      app('samsat-monday', 'ag-samsat', '2026-02-09T09:00:00.000Z'),
      app('dukcapil-monday', 'ag-dukcapil', '2026-02-09T09:00:00.000Z'),
      app('samsat-saturday', 'ag-samsat', '2026-02-07T09:00:00.000Z'),
    ]);
    const now = new Date('2026-02-06T03:00:00.000Z'); // Friday 6 February, 10:00 WIB
    const dash = new SupervisorDashboard({ db, now: () => now, lastSyncAt: async () => null });
    const d = await dash.dashboard({ from: '2026-02-06', to: '2026-02-06' });
    const atRisk = Object.fromEntries(d.applications.atRisk.map((a) => [a.id, a.dueState]));
    expect(atRisk).toEqual({ 'samsat-saturday': 'due_soon', 'dukcapil-monday': 'due_soon' });
  });
});

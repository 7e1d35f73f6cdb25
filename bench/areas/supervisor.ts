/**
 * Supervisor bench: one year of a large mall in the local SQLite (about 1,000,000 tickets,
 * 300,000 applications, 100,000 survey answers at LOKET_BENCH_SCALE=1), then the dashboard
 * query for a day and for a month (p99 of repeated runs) and the month's XLSX and PDF export.
 * The headline day/month figures are first views (the dashboard's days in memory and their stored
 * cells dropped before each run: every day read from the rollup and built); *_restart_* keep the
 * stored cells (a start of the app), *_warm_* also the days and range figures in memory.
 * Tickets go into queue_tickets (the queue's mirror), so the triggers fill the facts as in use.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../main/db/open';
import { SupervisorDashboard } from '../../main/supervisor/dashboard';
import { renderExport } from '../../main/supervisor/handlers';
import { SurveyService } from '../../main/survey/survey';
import { addDays } from '../../common/domain/calendar/local-date';
import { OFFSET, simMall, simulateDay, writeCatalog, writeDay } from '../../tests/support/mall-simulation';
import { percentile, round, type Figures } from '../report';

export async function benchSupervisor(): Promise<Figures> {
  const scale = Number(process.env.LOKET_BENCH_SCALE ?? '1');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-bench-supervisor-'));
  const db = await openDatabase(path.join(dir, 'loket.sqlite'));
  try {
    // ~250 working days × 4,000 visitors (+ transfer legs) ≈ 1,000,000 tickets; 30% applications; 10% surveys.
    const mall = simMall(Math.max(2, Math.round(8 * Math.sqrt(scale))));
    mall.services.forEach((s) => {
      s.applicationRate = 0.3;
    });
    await writeCatalog(db, mall);
    const visitors = Math.round(4000 * scale);
    const first = '2025-03-03';
    const now = new Date('2026-03-02T09:00:00.000Z');
    const started = Date.now();
    let tickets = 0;
    let apps = 0;
    let surveys = 0;
    await db.raw('PRAGMA synchronous = OFF');
    for (let i = 0; i < 365; i++) {
      const day = addDays(first, i);
      const sim = simulateDay(mall, day, { visitorsPerDay: visitors, seed: 99, surveyRate: 0.1, now });
      tickets += sim.tickets.length;
      apps += sim.applications.length;
      surveys += sim.surveys.length;
      await writeDay(db, sim);
    }
    await db.raw('PRAGMA synchronous = NORMAL');
    await db.raw('ANALYZE');
    const loadMs = Date.now() - started;
    const dash = new SupervisorDashboard({ db, now: () => now, lastSyncAt: async () => now.toISOString() });
    const survey = new SurveyService({ db, now: () => now, utcOffsetMinutes: async () => OFFSET, onWrite: () => undefined });

    // first: nothing kept (memory and stored day cells dropped before each run: every day read
    // from the rollup, as before the caches; the headline); restart: memory dropped, stored day
    // cells kept (the first view after a start); warm: both kept (the app running).
    type Mode = 'first' | 'restart' | 'warm';
    // Warm-up: each of the `distinct` inputs the runs cycle through once, so restart and warm
    // runs find every input's days stored / in memory (before: only the first input's, so the
    // others' first runs were first views counted as restart and warm runs).
    const runs = async (n: number, f: () => Promise<unknown>, mode: Mode = 'warm', distinct = 1) => {
      const times: number[] = [];
      for (let i = 0; i < distinct; i++) await f();
      await dash.flushStoredDays(); // the app idle a moment: past days stored (a timer does it in use)
      for (let i = 0; i < n; i++) {
        if (mode !== 'warm') await dash.clearCache({ persisted: mode === 'first' });
        const t0 = performance.now();
        await f();
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b);
    };
    const days = ['2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-16', '2025-11-04', '2025-07-15'];
    let k = 0;
    const dayRun = () => {
      const d = days[k++ % days.length] as string;
      return dash.dashboard({ from: d, to: d });
    };
    const day = await runs(60, dayRun, 'first');
    const dayRestart = await runs(60, dayRun, 'restart', days.length);
    const dayWarm = await runs(60, dayRun, 'warm', days.length);
    const months = [
      ['2026-02-01', '2026-02-28'],
      ['2026-01-01', '2026-01-31'],
      ['2025-10-01', '2025-10-31'],
    ] as const;
    const monthRun = () => {
      const [from, to] = months[k++ % months.length] ?? months[0];
      return dash.dashboard({ from, to });
    };
    const month = await runs(20, monthRun, 'first');
    const monthRestart = await runs(30, monthRun, 'restart', months.length);
    const monthWarm = await runs(30, monthRun, 'warm', months.length);
    const agencyRun = () => dash.dashboard({ from: '2026-02-01', to: '2026-02-28', scope: { agencyId: 'ag-dukcapil' } });
    const agencyMonth = await runs(10, agencyRun, 'first');
    const agencyMonthWarm = await runs(10, agencyRun);
    const xlsx = await runs(3, () => renderExport({ dashboard: dash, survey }, { format: 'xlsx', from: '2026-02-01', to: '2026-02-28' }, 'id'));
    const pdf = await runs(3, () => renderExport({ dashboard: dash, survey }, { format: 'pdf', from: '2026-02-01', to: '2026-02-28' }, 'id'));
    console.log(`supervisor bench: scale ${scale}: ${tickets} tickets, ${apps} applications, ${surveys} survey answers, loaded in ${(loadMs / 1000).toFixed(1)} s`);
    return {
      'dash.scale': scale,
      'dash.tickets': tickets,
      'dash.applications': apps,
      'dash.survey_answers': surveys,
      'dash.day_p50_ms': round(percentile(day, 50), 1),
      'dash.day_p99_ms': round(percentile(day, 99), 1),
      'dash.month_p50_ms': round(percentile(month, 50), 1),
      'dash.month_p99_ms': round(percentile(month, 99), 1),
      'dash.month_agency_p99_ms': round(percentile(agencyMonth, 99), 1),
      'dash.day_restart_p99_ms': round(percentile(dayRestart, 99), 1),
      'dash.month_restart_p50_ms': round(percentile(monthRestart, 50), 1),
      'dash.month_restart_p99_ms': round(percentile(monthRestart, 99), 1),
      'dash.day_warm_p50_ms': round(percentile(dayWarm, 50), 1),
      'dash.day_warm_p99_ms': round(percentile(dayWarm, 99), 1),
      'dash.month_warm_p50_ms': round(percentile(monthWarm, 50), 1),
      'dash.month_warm_p99_ms': round(percentile(monthWarm, 99), 1),
      'dash.month_agency_warm_p99_ms': round(percentile(agencyMonthWarm, 99), 1),
      'export.month_xlsx_ms': round(percentile(xlsx, 50), 0),
      'export.month_pdf_ms': round(percentile(pdf, 50), 0),
    };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The supervisor's dashboard on a simulated mall: every figure is recomputed here directly
 * from the simulated tickets/sessions/pauses/applications (never through the module's SQL),
 * and must match. Also: sign-off freezes a day and later corrections show; SKM per the
 * regulation's method; anonymity of survey answers; CSV/XLSX/PDF exports (XLSX read back,
 * PDF rendered to PNG in tests/artifacts for a look).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open';
import { SupervisorDashboard, dayStartMs } from '../../main/supervisor/dashboard';
import { buildCsv, buildPdf, buildXlsx } from '../../main/supervisor/export';
import { SurveyService } from '../../main/survey/survey';
import { ticketDurations, type Summary } from '../../common/domain/metrics/durations';
import { SKM_ELEMENT_IDS } from '../../common/domain/skm/elements';
import { KREJCIE_MORGAN_TABLE } from '../../common/domain/skm/krejcie-morgan';
import type { Figures } from '../../common/ipc/channels/supervisor';
import { dayList, expectedFigures, OFFSET, simMall, simulateDay, writeCatalog, writeDay, type SimDay, type SimMall, type SimTicket } from '../support/mall-simulation';
import { tempDir } from '../support/temp';

const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const DAY = '2026-03-11'; // a Wednesday
const NOW = new Date('2026-03-11T09:30:00.000Z'); // 16:30 WIB
const LAST_SYNC = '2026-03-11T09:20:00.000Z';

function expectSummary(actual: Summary, expected: Summary, label: string): void {
  expect(actual.count, `${label}.count`).toBe(expected.count);
  for (const k of ['median', 'p90', 'max', 'mean'] as const) {
    if (expected[k] === null) expect(actual[k], `${label}.${k}`).toBeNull();
    else expect(actual[k], `${label}.${k}`).toBeCloseTo(expected[k] as number, 9);
  }
}

function expectFigures(actual: Figures, expected: Figures, label: string): void {
  for (const k of ['issued', 'served', 'noShows', 'cancelled', 'transferred'] as const) expect(actual[k], `${label}.${k}`).toBe(expected[k]);
  for (const k of ['waiting', 'walking', 'service', 'total'] as const) expectSummary(actual[k], expected[k], `${label}.${k}`);
  if (expected.withinTarget === null) expect(actual.withinTarget).toBeNull();
  else expect(actual.withinTarget, `${label}.withinTarget`).toBeCloseTo(expected.withinTarget, 12);
}

describe('supervisor dashboard on a simulated mall', () => {
  let db: Db;
  let cleanup: () => void;
  let mall: SimMall;
  const days = new Map<string, SimDay>();
  let dash: SupervisorDashboard;
  let survey: SurveyService;
  const target = (serviceId: string) => mall.services.find((s) => s.id === serviceId)?.targetWaitMin ?? 30;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const t = tempDir('loket-supervisor-');
    cleanup = t.cleanup;
    db = await openDatabase(path.join(t.dir, 'loket.sqlite'));
    mall = simMall(3);
    await writeCatalog(db, mall);
    for (const d of dayList('2026-03-02', 10)) {
      const sim = simulateDay(mall, d, { visitorsPerDay: 330, seed: 2026, now: NOW });
      days.set(d, sim);
      await writeDay(db, sim);
    }
    dash = new SupervisorDashboard({ db, now: () => NOW, lastSyncAt: async () => LAST_SYNC });
    survey = new SurveyService({ db, now: () => NOW, utcOffsetMinutes: async () => OFFSET, onWrite: () => undefined });
  });
  afterAll(async () => {
    await db?.destroy();
    cleanup?.();
  });

  const ticketsOf = (from: string, to: string) => [...days.values()].filter((d) => d.day >= from && d.day <= to).flatMap((d) => d.tickets);

  it('simulates a realistic day: morning peak, no-shows, transfers, cancellations, pauses', () => {
    const d = days.get(DAY) as SimDay;
    expect(d.tickets.length).toBeGreaterThan(250);
    expect(d.tickets.some((t) => t.status === 'no_show')).toBe(true);
    expect(d.tickets.some((t) => t.status === 'transferred')).toBe(true);
    expect(d.tickets.some((t) => t.channel === 'transfer' && t.status === 'done')).toBe(true);
    expect(d.tickets.some((t) => t.status === 'cancelled')).toBe(true);
    expect(d.pauses.some((p) => p.reason === 'sholat')).toBe(true);
    const hourOf = (t: SimTicket) => new Date(Date.parse(t.arrivedAt) + OFFSET * 60_000).getUTCHours();
    const at = (h: number) => d.tickets.filter((t) => t.channel === 'frontdesk' && hourOf(t) === h).length;
    expect(at(9)).toBeGreaterThan(at(14));
    expect(days.get('2026-03-07')?.tickets.length).toBe(0); // Saturday
  });

  it('day totals and the whole drill-down match an independent computation', async () => {
    const r = await dash.dashboard({ from: DAY, to: DAY });
    const tickets = ticketsOf(DAY, DAY);
    expectFigures(r.totals, expectedFigures(tickets, target), 'mall');
    const levels = [
      ['agency', (t: SimTicket) => t.agencyId],
      ['service', (t: SimTicket) => t.serviceId],
      ['counter', (t: SimTicket) => t.counterId],
      ['officer', (t: SimTicket) => t.officerId],
    ] as const;
    for (const [level, key] of levels) {
      const ids = new Set(tickets.map(key).filter((x): x is string => x !== null));
      const rows = r.breakdown.filter((b) => b.level === level);
      expect(rows.map((b) => b.id).sort(), level).toEqual([...ids].sort());
      for (const row of rows) expectFigures(row.figures, expectedFigures(tickets.filter((t) => key(t) === row.id), target), `${level}:${row.id}`);
    }
    expect(r.breakdown.find((b) => b.level === 'officer' && b.id === 'of-1')?.name).toBe('Siti Rahmawati');
    expect(r.freshness).toEqual({ lastSyncAt: LAST_SYNC, ageMinutes: 10, state: 'fresh' });
    expect(r.mallName).toBe('MPP Kota Simulasi');
  });

  it('drill-down scope (agency → service → counter → officer) narrows the totals', async () => {
    const tickets = ticketsOf(DAY, DAY);
    const scopes = [
      [{ agencyId: 'ag-dukcapil' }, (t: SimTicket) => t.agencyId === 'ag-dukcapil'],
      [{ agencyId: 'ag-dukcapil', serviceId: 'sv-kk' }, (t: SimTicket) => t.serviceId === 'sv-kk'],
      [{ agencyId: 'ag-dukcapil', serviceId: 'sv-kk', counterId: 'ct-2' }, (t: SimTicket) => t.serviceId === 'sv-kk' && t.counterId === 'ct-2'],
      [{ officerId: 'of-4' }, (t: SimTicket) => t.officerId === 'of-4'],
    ] as const;
    for (const [scope, pred] of scopes) {
      const r = await dash.dashboard({ from: DAY, to: DAY, scope });
      expectFigures(r.totals, expectedFigures(tickets.filter(pred), target), JSON.stringify(scope));
    }
  });

  it('busiest hours, distributions, comparisons and a range match', async () => {
    const r = await dash.dashboard({ from: DAY, to: DAY });
    const tickets = ticketsOf(DAY, DAY);
    const hour = (iso: string) => new Date(Date.parse(iso) + OFFSET * 60_000).getUTCHours();
    for (const h of r.hours) {
      expect(h.issued, `issued ${h.hour}`).toBe(tickets.filter((t) => t.channel === 'frontdesk' && hour(t.arrivedAt) === h.hour).length);
      expect(h.served, `served ${h.hour}`).toBe(tickets.filter((t) => t.status === 'done' && t.finishedAt && hour(t.finishedAt) === h.hour).length);
    }
    expect(r.hours.reduce((s, h) => s + h.issued, 0)).toBe(r.totals.issued);
    const peak = [...r.hours].sort((a, b) => b.issued - a.issued)[0];
    expect([8, 9, 10]).toContain(peak?.hour);
    expect(r.waitingBuckets.reduce((s, b) => s + b.count, 0)).toBe(r.totals.waiting.count);
    expect(r.serviceBuckets.reduce((s, b) => s + b.count, 0)).toBe(r.totals.service.count);

    const prev = r.comparisons.find((c) => c.label === 'previous_day');
    const week = r.comparisons.find((c) => c.label === 'same_weekday_last_week');
    expect(prev?.from).toBe('2026-03-10');
    expect(week?.from).toBe('2026-03-04');
    expectFigures(prev?.figures as Figures, expectedFigures(ticketsOf('2026-03-10', '2026-03-10'), target), 'previous day');
    expectFigures(week?.figures as Figures, expectedFigures(ticketsOf('2026-03-04', '2026-03-04'), target), 'last week');

    const range = await dash.dashboard({ from: '2026-03-02', to: '2026-03-11' });
    expectFigures(range.totals, expectedFigures(ticketsOf('2026-03-02', '2026-03-11'), target), 'range');
    expect(range.comparisons[0]?.label).toBe('previous_period');
  });

  it('officer productivity: open, serving, paused by reason, idle', async () => {
    const r = await dash.dashboard({ from: DAY, to: DAY });
    const d = days.get(DAY) as SimDay;
    const start = dayStartMs(DAY, OFFSET);
    const end = Math.min(NOW.getTime(), dayStartMs('2026-03-12', OFFSET));
    const overlap = (a: string, b: string) => Math.max(0, Math.min(end, Date.parse(b)) - Math.max(start, Date.parse(a))) / 60_000;
    for (const c of mall.counters) {
      const o = r.officers.find((x) => x.officerId === c.officerId);
      expect(o, c.officerId).toBeDefined();
      if (!o) continue;
      const open = d.sessions.filter((s) => s.officerId === c.officerId).reduce((s, x) => s + overlap(x.openedAt, x.closedAt), 0);
      const pauses = d.pauses.filter((p) => p.officerId === c.officerId);
      const paused = pauses.reduce((s, p) => s + overlap(p.startedAt, p.endedAt), 0);
      const serving = d.tickets.filter((t) => t.officerId === c.officerId).reduce((s, t) => s + (ticketDurations(t).service ?? 0), 0);
      expect(o.name).toBe(c.officerName);
      expect(o.openMinutes).toBeCloseTo(open, 6);
      expect(o.pausedMinutes).toBeCloseTo(paused, 6);
      expect(o.servingMinutes).toBeCloseTo(serving, 6);
      expect(o.idleMinutes).toBeCloseTo(Math.max(0, open - serving - paused), 6);
      for (const reason of new Set(pauses.map((p) => p.reason))) {
        expect(o.pauses[reason]).toBeCloseTo(pauses.filter((p) => p.reason === reason).reduce((s, p) => s + overlap(p.startedAt, p.endedAt), 0), 6);
      }
      expect(o.served).toBe(d.tickets.filter((t) => t.officerId === c.officerId && t.status === 'done').length);
    }
  });

  it('applications: received, completed within SLA, overdue and the at-risk list', async () => {
    const r = await dash.dashboard({ from: DAY, to: DAY });
    const apps = [...days.values()].flatMap((d) => d.applications);
    const ref = NOW.toISOString();
    expect(r.applications.received).toBe(apps.filter((a) => a.receivedDay === DAY).length);
    const completed = apps.filter((a) => a.completedDay === DAY && (a.status === 'selesai' || a.status === 'diambil'));
    expect(r.applications.completed).toBe(completed.length);
    expect(r.applications.completedWithinSla).toBe(completed.filter((a) => a.dueAt !== null && (a.completedAt ?? '') <= a.dueAt).length);
    const overdue = apps.filter((a) => a.dueAt !== null && a.dueAt < ref && a.receivedAt < ref && (a.completedAt === null || a.completedAt > ref));
    expect(r.applications.overdue).toBe(overdue.length);
    expect(r.applications.overdue).toBeGreaterThan(0);
    expect(r.applications.overdueList.length).toBe(Math.min(200, apps.filter((a) => a.completedAt === null && a.dueAt !== null && a.dueAt < ref).length));
    // At risk: open, due by the end of the next working day (Thursday 12 March, 15:00 WIB).
    const limit = '2026-03-12T08:00:00.000Z';
    const atRisk = apps.filter((a) => a.completedAt === null && a.dueAt !== null && a.dueAt >= ref && a.dueAt <= limit);
    expect(r.applications.atRisk.map((a) => a.id).sort()).toEqual(atRisk.map((a) => a.id).sort());
    expect(r.applications.atRisk.length).toBeGreaterThan(0);
    for (const a of r.applications.atRisk) expect(['due_today', 'due_soon']).toContain(a.dueState);
  });

  it('a signed day is frozen; a later correction is shown as such', async () => {
    const before = await dash.dashboard({ from: '2026-03-10', to: '2026-03-10' });
    expect(before.signOff).toBeNull();
    const s = await dash.signOff('2026-03-10', { id: 'sup-1', name: 'Bambang Wijaya' }, 'Rekap sesuai.');
    expect(s.figures).toEqual(before.totals);
    await expect(dash.signOff('2026-03-10', { id: 'sup-1', name: 'Bambang Wijaya' }, null)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(dash.signOff('2026-03-20', { id: 'sup-1', name: 'Bambang Wijaya' }, null)).rejects.toMatchObject({ code: 'VALIDATION' });
    // A counter that was offline syncs a late no-show correction for that day.
    const victim = (days.get('2026-03-10') as SimDay).tickets.find((t) => t.status === 'done' && t.channel === 'frontdesk') as SimTicket;
    await db('queue_tickets').where({ id: victim.id }).update({ status: 'no_show', serving_started_at: null, finished_at: null });
    const after = await dash.dashboard({ from: '2026-03-10', to: '2026-03-10' });
    expect(after.signOff?.figures).toEqual(before.totals);
    expect(after.signOff?.signedByName).toBe('Bambang Wijaya');
    expect(after.signOff?.note).toBe('Rekap sesuai.');
    const c = after.signOff?.corrections ?? [];
    expect(c.find((x) => x.metric === 'served')).toEqual({ metric: 'served', signed: before.totals.served, current: before.totals.served - 1 });
    expect(c.find((x) => x.metric === 'noShows')).toEqual({ metric: 'noShows', signed: before.totals.noShows, current: before.totals.noShows + 1 });
    expect(after.totals.served).toBe(before.totals.served - 1);
    // Undo for the other tests.
    await db('queue_tickets').where({ id: victim.id }).update({ status: 'done', serving_started_at: victim.servingStartedAt, finished_at: victim.finishedAt });
  });

  it('SKM: the index per the regulation, per service/agency/mall, with the Krejcie–Morgan minimum', async () => {
    const rep = await survey.report('2026-03-02', '2026-03-11');
    const surveys = [...days.values()].flatMap((d) => d.surveys);
    const served = ticketsOf('2026-03-02', '2026-03-11').filter((t) => t.status === 'done');
    // The regulation's method, written out: NRR per element = Σ values / answers; weighted
    // NRR = NRR × 1/9; index = Σ weighted NRR; IKM = index × 25, rounded to 2 decimals.
    const method = (list: typeof surveys) => {
      let index = 0;
      for (const e of SKM_ELEMENT_IDS) {
        const vals = list.map((s) => s.answers[e]).filter((v): v is 1 | 2 | 3 | 4 => v !== undefined);
        index += vals.reduce((a, b) => a + b, 0) / vals.length / 9;
      }
      const ikm = Math.round(index * 25 * 100 + 1e-7) / 100;
      const grade = ikm >= 88.31 ? 'A' : ikm >= 76.61 ? 'B' : ikm >= 65 ? 'C' : 'D';
      return { ikm, grade };
    };
    const table = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../shared/domain/krejcie-morgan.json'), 'utf8')) as unknown;
    expect(KREJCIE_MORGAN_TABLE.length).toBeGreaterThan(50);
    expect(table).toBeDefined();
    const minimum = (n: number) => (n <= 10 ? n : (KREJCIE_MORGAN_TABLE.find(([p]) => p >= n) ?? [0, 384])[1]);
    const mallRow = rep.rows.find((r) => r.level === 'mall');
    expect(mallRow?.respondents).toBe(surveys.length);
    expect(mallRow?.population).toBe(served.length);
    expect(mallRow?.minimumSample).toBe(minimum(served.length));
    expect({ ikm: mallRow?.ikm, grade: mallRow?.grade }).toEqual(method(surveys));
    for (const s of mall.services) {
      const row = rep.rows.find((r) => r.level === 'service' && r.id === s.id);
      const list = surveys.filter((x) => x.serviceId === s.id);
      expect(row?.respondents, s.id).toBe(list.length);
      expect(row?.population, s.id).toBe(served.filter((t) => t.serviceId === s.id).length);
      expect({ ikm: row?.ikm, grade: row?.grade }, s.id).toEqual(method(list));
      for (const e of SKM_ELEMENT_IDS) {
        const vals = list.map((x) => x.answers[e]).filter((v): v is 1 | 2 | 3 | 4 => v !== undefined);
        expect(row?.elements[e]).toBeCloseTo(vals.reduce((a, b) => a + b, 0) / vals.length, 12);
      }
    }
    for (const a of mall.agencies) {
      const row = rep.rows.find((r) => r.level === 'agency' && r.id === a.id);
      expect({ ikm: row?.ikm, grade: row?.grade }, a.id).toEqual(method(surveys.filter((x) => x.agencyId === a.id)));
    }
    expect(rep.suggestions.length).toBe(surveys.filter((s) => s.suggestion).length);
  });

  it('survey answers are stored anonymously and queued for sync in the same transaction', async () => {
    await survey.submit({ serviceId: 'sv-kk', answers: { U1: 4, U2: 3, U3: 3, U4: 4, U5: 3, U6: 4, U7: 4, U8: 3, U9: 2 }, suggestion: '  Sangat membantu. ', profile: { sex: 'female', ageGroup: '30_39' } });
    const outbox = (await db('outbox').where({ kind: 'survey.submit' })) as { payload_json: string; created_at: string }[];
    expect(outbox).toHaveLength(1);
    const payload = JSON.parse(outbox[0]?.payload_json ?? '{}') as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['ageGroup', 'agencyId', 'answers', 'day', 'education', 'id', 'occupation', 'serviceId', 'sex', 'suggestion']);
    expect(payload.day).toBe(DAY);
    expect(outbox[0]?.created_at).toBe(`${DAY}T00:00:00.000Z`);
    const row = (await db('skm_responses').where({ id: payload.id as string }).first()) as Record<string, unknown>;
    expect(row).toMatchObject({ service_id: 'sv-kk', agency_id: 'ag-dukcapil', service_day: DAY, u9: 2, suggestion: 'Sangat membantu.', sex: 'female', version: 0 });
    const cols = ((await db.raw('PRAGMA table_info(skm_responses)')) as { name: string }[]).map((c) => c.name);
    for (const banned of ['ticket_id', 'officer_id', 'counter_id', 'created_at', 'applicant_name', 'nik']) expect(cols).not.toContain(banned);
    await expect(survey.submit({ serviceId: 'nope', answers: { U1: 1 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db('outbox').where({ kind: 'survey.submit' }).delete();
    await db('skm_responses').where({ id: payload.id as string }).delete();
  });

  it('exports: CSV, XLSX read back, PDF rendered to an image', async () => {
    const d = await dash.dashboard({ from: DAY, to: DAY });
    const skm = await survey.report(DAY, DAY);
    const csv = buildCsv(d, skm, 'id');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('MPP Kota Simulasi');
    expect(csv).toContain(`Tiket diterbitkan,${d.totals.issued}`);

    const xlsx = await buildXlsx(d, skm, 'id');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Rincian', 'Jam tersibuk', 'Produktivitas petugas', 'Permohonan', 'SKM']);
    const summary = wb.getWorksheet('Ringkasan');
    const value = (label: string) => {
      let v: unknown;
      summary?.eachRow((row) => {
        if (row.getCell(1).value === label) v = row.getCell(2).value;
      });
      return v;
    };
    expect(value('Tiket diterbitkan')).toBe(d.totals.issued);
    expect(value('Dilayani')).toBe(d.totals.served);
    expect(value('Waktu tunggu (menit) — median')).toBeCloseTo(d.totals.waiting.median ?? 0, 2);
    const rincian = wb.getWorksheet('Rincian');
    expect(rincian?.rowCount).toBe(d.breakdown.length + 1);
    const skmSheet = wb.getWorksheet('SKM');
    expect(skmSheet?.getRow(2).getCell(2).value).toBe('MPP Kota Simulasi');

    const pdf = await buildPdf(d, skm, 'id');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfPath = path.join(ARTIFACTS, 'supervisor-report.pdf');
    fs.writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdfPath, path.join(ARTIFACTS, 'supervisor-report')]);
    const pngs = fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith('supervisor-report') && f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(1);
    const en = await buildPdf(d, skm, 'en');
    expect(en.length).toBeGreaterThan(5000);
  });
});

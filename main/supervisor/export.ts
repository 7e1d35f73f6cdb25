/**
 * The daily (or range) report as CSV, XLSX (exceljs) and PDF (pdfkit, with bar charts drawn
 * from vector primitives). Bilingual labels; the content is the dashboard and the SKM report,
 * so the exports never hold more than the screens (and no survey answer is linked to anyone).
 */
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Dashboard, Figures, SkmReport } from '../../common/ipc/channels/supervisor';
import { SKM_ELEMENT_IDS } from '../../common/domain/skm/elements';

export type ReportLocale = 'id' | 'en';

const L = {
  id: {
    title: 'Laporan Layanan Harian',
    period: 'Periode',
    generated: 'Dibuat',
    freshness: 'Data terakhir disinkronkan',
    never: 'belum pernah',
    signed: 'Ditandatangani',
    notSigned: 'Belum ditandatangani',
    corrections: 'Koreksi setelah ditandatangani',
    summary: 'Ringkasan',
    metric: 'Ukuran',
    value: 'Nilai',
    issued: 'Tiket diterbitkan',
    served: 'Dilayani',
    noShows: 'Tidak hadir',
    cancelled: 'Dibatalkan',
    transferred: 'Dialihkan',
    withinTarget: 'Dalam target waktu tunggu',
    waiting: 'Waktu tunggu (menit)',
    walking: 'Waktu menuju loket (menit)',
    service: 'Waktu layanan (menit)',
    total: 'Waktu total (menit)',
    median: 'median',
    mean: 'rata-rata',
    p90: 'p90',
    max: 'maks',
    hours: 'Jam tersibuk',
    hour: 'Jam',
    breakdown: 'Rincian',
    level: 'Tingkat',
    name: 'Nama',
    agency: 'Instansi',
    counter: 'Loket',
    officer: 'Petugas',
    officers: 'Produktivitas petugas',
    open: 'Buka (menit)',
    serving: 'Melayani (menit)',
    paused: 'Jeda (menit)',
    idle: 'Menganggur (menit)',
    applications: 'Permohonan',
    received: 'Diterima',
    completed: 'Selesai',
    withinSla: 'Selesai tepat waktu (SLA)',
    overdue: 'Lewat tenggat',
    atRisk: 'Berisiko (jatuh tempo ≤ 1 hari kerja)',
    due: 'Jatuh tempo',
    status: 'Status',
    skm: 'Indeks Kepuasan Masyarakat (SKM)',
    respondents: 'Responden',
    population: 'Populasi (dilayani)',
    minSample: 'Sampel minimum',
    grade: 'Mutu',
    waitDist: 'Sebaran waktu tunggu (menit)',
    count: 'Jumlah',
    page: 'Halaman',
    levels: { agency: 'Instansi', service: 'Layanan', counter: 'Loket', officer: 'Petugas', mall: 'Mal' },
    short: ['Tingkat', 'Nama', 'Terbit', 'Dilayani', 'Tdk hadir', 'Dialihkan', 'Tunggu med.', 'Tunggu p90', 'Layanan med.', 'Dlm target'],
  },
  en: {
    title: 'Daily Service Report',
    period: 'Period',
    generated: 'Generated',
    freshness: 'Data last synced',
    never: 'never',
    signed: 'Signed off',
    notSigned: 'Not signed off',
    corrections: 'Corrections after sign-off',
    summary: 'Summary',
    metric: 'Metric',
    value: 'Value',
    issued: 'Tickets issued',
    served: 'Served',
    noShows: 'No-shows',
    cancelled: 'Cancelled',
    transferred: 'Transferred',
    withinTarget: 'Within target waiting time',
    waiting: 'Waiting time (min)',
    walking: 'Walking time (min)',
    service: 'Service time (min)',
    total: 'Total time (min)',
    median: 'median',
    mean: 'mean',
    p90: 'p90',
    max: 'max',
    hours: 'Busiest hours',
    hour: 'Hour',
    breakdown: 'Breakdown',
    level: 'Level',
    name: 'Name',
    agency: 'Agency',
    counter: 'Counter',
    officer: 'Officer',
    officers: 'Officer productivity',
    open: 'Open (min)',
    serving: 'Serving (min)',
    paused: 'Paused (min)',
    idle: 'Idle (min)',
    applications: 'Applications',
    received: 'Received',
    completed: 'Completed',
    withinSla: 'Completed within SLA',
    overdue: 'Overdue',
    atRisk: 'At risk (due within 1 working day)',
    due: 'Due',
    status: 'Status',
    skm: 'Public Satisfaction Index (SKM)',
    respondents: 'Respondents',
    population: 'Population (served)',
    minSample: 'Minimum sample',
    grade: 'Grade',
    waitDist: 'Waiting time distribution (min)',
    count: 'Count',
    page: 'Page',
    levels: { agency: 'Agency', service: 'Service', counter: 'Counter', officer: 'Officer', mall: 'Mall' },
    short: ['Level', 'Name', 'Issued', 'Served', 'No-show', 'Transf.', 'Wait med.', 'Wait p90', 'Service med.', 'In target'],
  },
} as const;

type Labels = (typeof L)[ReportLocale];

const n1 = (v: number | null): string => (v === null ? '–' : v.toFixed(1));
const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

function localStamp(iso: string, offsetMinutes: number): string {
  const d = new Date(Date.parse(iso) + offsetMinutes * 60_000);
  const zone = offsetMinutes === 480 ? 'WITA' : offsetMinutes === 540 ? 'WIT' : 'WIB';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} ${zone}`;
}

const periodText = (d: Dashboard) => (d.from === d.to ? d.from : `${d.from} – ${d.to}`);

function summaryRows(f: Figures, l: Labels): [string, string][] {
  const rows: [string, string][] = [
    [l.issued, String(f.issued)],
    [l.served, String(f.served)],
    [l.noShows, String(f.noShows)],
    [l.cancelled, String(f.cancelled)],
    [l.transferred, String(f.transferred)],
    [l.withinTarget, pct(f.withinTarget)],
  ];
  for (const key of ['waiting', 'walking', 'service', 'total'] as const) {
    const s = f[key];
    rows.push([`${l[key]}: ${l.median} / ${l.mean} / ${l.p90} / ${l.max}`, `${n1(s.median)} / ${n1(s.mean)} / ${n1(s.p90)} / ${n1(s.max)}`]);
  }
  return rows;
}

function breakdownTable(d: Dashboard, l: Labels): { head: string[]; rows: string[][] } {
  return {
    head: [l.level, l.name, l.issued, l.served, l.noShows, l.transferred, `${l.waiting} ${l.median}`, `${l.waiting} ${l.p90}`, `${l.service} ${l.median}`, l.withinTarget],
    rows: d.breakdown.map((r) => [
      l.levels[r.level],
      r.name,
      String(r.figures.issued),
      String(r.figures.served),
      String(r.figures.noShows),
      String(r.figures.transferred),
      n1(r.figures.waiting.median),
      n1(r.figures.waiting.p90),
      n1(r.figures.service.median),
      pct(r.figures.withinTarget),
    ]),
  };
}

function officerTable(d: Dashboard, l: Labels): { head: string[]; rows: string[][] } {
  return {
    head: [l.officer, l.served, l.open, l.serving, l.paused, l.idle],
    rows: d.officers.map((o) => [o.name, String(o.served), n1(o.openMinutes), n1(o.servingMinutes), n1(o.pausedMinutes), n1(o.idleMinutes)]),
  };
}

function skmTable(s: SkmReport, l: Labels): { head: string[]; rows: string[][] } {
  return {
    head: [l.level, l.name, l.respondents, l.population, l.minSample, ...SKM_ELEMENT_IDS, 'IKM', l.grade],
    rows: s.rows.map((r) => [
      l.levels[r.level],
      r.name,
      String(r.respondents),
      String(r.population),
      String(r.minimumSample),
      ...SKM_ELEMENT_IDS.map((e) => (r.elements[e] === null ? '–' : (r.elements[e] ?? 0).toFixed(2))),
      r.ikm === null ? '–' : r.ikm.toFixed(2),
      r.grade ?? '–',
    ]),
  };
}

// --- CSV ----------------------------------------------------------------------------------

const csvCell = (v: string): string => {
  // Formula injection guard: a cell starting with = + - @ is read as text by spreadsheets.
  const safe = /^[=+\-@]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function buildCsv(d: Dashboard, skm: SkmReport | null, locale: ReportLocale): string {
  const l = L[locale];
  const lines: string[][] = [
    [`${l.title} — ${d.mallName}`],
    [l.period, periodText(d)],
    [l.generated, localStamp(d.generatedAt, d.utcOffsetMinutes)],
    [l.freshness, d.freshness.lastSyncAt ? localStamp(d.freshness.lastSyncAt, d.utcOffsetMinutes) : l.never],
    [],
    [l.summary],
    [l.metric, l.value],
    ...summaryRows(d.totals, l),
    [],
    [l.hours],
    [l.hour, l.issued, l.served],
    ...d.hours.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, String(h.issued), String(h.served)]),
    [],
    [l.breakdown],
  ];
  const b = breakdownTable(d, l);
  lines.push(b.head, ...b.rows, [], [l.officers]);
  const o = officerTable(d, l);
  lines.push(o.head, ...o.rows, [], [l.applications]);
  const a = d.applications;
  lines.push([l.received, String(a.received)], [l.completed, String(a.completed)], [l.withinSla, String(a.completedWithinSla)], [l.overdue, String(a.overdue)]);
  if (skm) {
    const s = skmTable(skm, l);
    lines.push([], [l.skm], s.head, ...s.rows);
  }
  return '\uFEFF' + lines.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// --- XLSX ---------------------------------------------------------------------------------

export async function buildXlsx(d: Dashboard, skm: SkmReport | null, locale: ReportLocale): Promise<Buffer> {
  const l = L[locale];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Loket';
  wb.created = new Date(d.generatedAt);
  const sheet = (name: string, head: string[], rows: (string | number | null)[][], widths?: number[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(head).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c, i) => {
      c.width = widths?.[i] ?? 16;
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };
  const t = d.totals;
  const num = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  const summary = wb.addWorksheet(l.summary);
  summary.addRow([`${l.title} — ${d.mallName}`]).font = { bold: true, size: 14 };
  summary.addRow([l.period, periodText(d)]);
  summary.addRow([l.generated, localStamp(d.generatedAt, d.utcOffsetMinutes)]);
  summary.addRow([l.freshness, d.freshness.lastSyncAt ? localStamp(d.freshness.lastSyncAt, d.utcOffsetMinutes) : l.never]);
  summary.addRow([d.signOff ? l.signed : l.notSigned, d.signOff ? `${d.signOff.signedByName} ${localStamp(d.signOff.signedAt, d.utcOffsetMinutes)}` : '']);
  summary.addRow([]);
  summary.addRow([l.metric, l.value]).font = { bold: true };
  summary.addRow([l.issued, t.issued]);
  summary.addRow([l.served, t.served]);
  summary.addRow([l.noShows, t.noShows]);
  summary.addRow([l.cancelled, t.cancelled]);
  summary.addRow([l.transferred, t.transferred]);
  summary.addRow([l.withinTarget, num(t.withinTarget)]);
  for (const key of ['waiting', 'walking', 'service', 'total'] as const) {
    for (const stat of ['median', 'mean', 'p90', 'max'] as const) summary.addRow([`${l[key]} — ${l[stat]}`, num(t[key][stat])]);
  }
  summary.addRow([l.received, d.applications.received]);
  summary.addRow([l.completed, d.applications.completed]);
  summary.addRow([l.withinSla, d.applications.completedWithinSla]);
  summary.addRow([l.overdue, d.applications.overdue]);
  summary.getColumn(1).width = 44;
  summary.getColumn(2).width = 28;

  sheet(
    l.breakdown,
    [l.level, l.name, l.issued, l.served, l.noShows, l.cancelled, l.transferred, `${l.waiting} ${l.median}`, `${l.waiting} ${l.p90}`, `${l.walking} ${l.median}`, `${l.service} ${l.median}`, `${l.total} ${l.median}`, l.withinTarget],
    d.breakdown.map((r) => [
      l.levels[r.level],
      r.name,
      r.figures.issued,
      r.figures.served,
      r.figures.noShows,
      r.figures.cancelled,
      r.figures.transferred,
      num(r.figures.waiting.median),
      num(r.figures.waiting.p90),
      num(r.figures.walking.median),
      num(r.figures.service.median),
      num(r.figures.total.median),
      num(r.figures.withinTarget),
    ]),
    [12, 36],
  );
  sheet(l.hours, [l.hour, l.issued, l.served], d.hours.map((h) => [h.hour, h.issued, h.served]));
  sheet(
    l.officers,
    [l.officer, l.served, l.open, l.serving, l.paused, l.idle, ...Object.keys(d.officers[0]?.pauses ?? {})],
    d.officers.map((o) => [o.name, o.served, num(o.openMinutes), num(o.servingMinutes), num(o.pausedMinutes), num(o.idleMinutes)]),
    [28],
  );
  sheet(
    l.applications,
    ['ID', l.agency, l.name, l.status, l.received, l.due, l.overdue],
    [...d.applications.overdueList, ...d.applications.atRisk].map((a) => [a.id, a.agencyName, a.serviceName, a.status, a.receivedAt, a.dueAt, a.dueState]),
    [38, 24, 30],
  );
  if (skm) {
    const s = skmTable(skm, l);
    sheet(
      'SKM',
      s.head,
      skm.rows.map((r) => [l.levels[r.level], r.name, r.respondents, r.population, r.minimumSample, ...SKM_ELEMENT_IDS.map((e) => num(r.elements[e])), r.ikm, r.grade]),
      [10, 36],
    );
  }
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}

// --- PDF ----------------------------------------------------------------------------------

interface Bar {
  label: string;
  values: number[];
}

const COLORS = ['#1f5fa8', '#f0a500', '#2e7d32'];

function barChart(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number, title: string, bars: Bar[], legend: string[]): void {
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#000').text(title, x, y);
  const top = y + 16;
  const chartH = h - 40;
  const max = Math.max(1, ...bars.flatMap((b) => b.values));
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const left = x + 30;
  const plotW = w - 30;
  doc.lineWidth(0.5).strokeColor('#999');
  for (let v = 0; v <= axisMax; v += step) {
    const yy = top + chartH - (v / axisMax) * chartH;
    doc.moveTo(left, yy).lineTo(left + plotW, yy).stroke();
    doc.font('Helvetica').fontSize(7).fillColor('#444').text(String(v), x, yy - 3, { width: 26, align: 'right' });
  }
  const groupW = plotW / Math.max(1, bars.length);
  const series = Math.max(1, bars[0]?.values.length ?? 1);
  const barW = Math.max(2, (groupW * 0.8) / series);
  bars.forEach((b, i) => {
    b.values.forEach((v, j) => {
      const bh = (v / axisMax) * chartH;
      doc.rect(left + i * groupW + groupW * 0.1 + j * barW, top + chartH - bh, barW - 1, bh).fill(COLORS[j % COLORS.length] ?? '#000');
    });
    doc.font('Helvetica').fontSize(7).fillColor('#000').text(b.label, left + i * groupW, top + chartH + 3, { width: groupW, align: 'center' });
  });
  let lx = left;
  legend.forEach((name, j) => {
    doc.rect(lx, top + chartH + 14, 8, 8).fill(COLORS[j % COLORS.length] ?? '#000');
    doc.font('Helvetica').fontSize(8).fillColor('#000').text(name, lx + 11, top + chartH + 14);
    lx += 16 + doc.widthOfString(name) + 10;
  });
}

function niceStep(max: number): number {
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

function table(doc: PDFKit.PDFDocument, x: number, width: number, head: string[], rows: string[][], colWidths: number[], leftCols = 2): void {
  const total = colWidths.reduce((s, w) => s + w, 0);
  const ws = colWidths.map((w) => (w / total) * width);
  const rowH = 13;
  const drawRow = (cells: string[], bold: boolean, shade: boolean) => {
    if (doc.y + rowH > doc.page.height - doc.page.margins.bottom - 10) doc.addPage();
    const y = doc.y;
    if (shade) doc.rect(x, y - 1, width, rowH).fill('#eef2f7');
    let cx = x;
    cells.forEach((c, i) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5).fillColor('#000').text(c, cx + 2, y + 2, { width: (ws[i] ?? 40) - 4, height: rowH, ellipsis: true, lineBreak: false, align: i < leftCols ? 'left' : 'right' });
      cx += ws[i] ?? 40;
    });
    doc.y = y + rowH;
  };
  drawRow(head, true, true);
  rows.forEach((r, i) => drawRow(r, false, i % 2 === 1));
  doc.x = x;
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  if (doc.y > doc.page.height - 120) doc.addPage();
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(12).fillColor('#0b2e59').text(text, doc.page.margins.left);
  doc.moveDown(0.2);
}

/** Helvetica (WinAnsi) cannot draw every character: map the few we use to safe ones. */
const safeText = (s: string): string => s.replace(/→/g, '->').replace(/≤/g, '<=').replace(/≥/g, '>=').replace(/[^\u0020-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/g, '?');

export function buildPdf(d: Dashboard, skm: SkmReport | null, locale: ReportLocale): Promise<Buffer> {
  const l = L[locale];
  const doc = new PDFDocument({ size: 'A4', margin: 40, bufferPages: true, info: { Title: `${l.title} ${d.mallName} ${periodText(d)}`, Author: 'Loket' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.rect(0, 0, doc.page.width, 70).fill('#0b2e59');
  doc.font('Helvetica-Bold').fontSize(18).fillColor('#fff').text(safeText(`${l.title}`), left, 18);
  doc.font('Helvetica').fontSize(11).text(safeText(`${d.mallName} — ${l.period}: ${periodText(d)}`), left, 42);
  doc.fillColor('#000').font('Helvetica').fontSize(8.5);
  doc.text(
    safeText(
      `${l.generated}: ${localStamp(d.generatedAt, d.utcOffsetMinutes)}   ·   ${l.freshness}: ${d.freshness.lastSyncAt ? localStamp(d.freshness.lastSyncAt, d.utcOffsetMinutes) : l.never}   ·   ${
        d.signOff ? `${l.signed}: ${d.signOff.signedByName}, ${localStamp(d.signOff.signedAt, d.utcOffsetMinutes)}` : l.notSigned
      }`,
    ),
    left,
    80,
    { width },
  );
  if (d.signOff && d.signOff.corrections.length > 0) {
    doc.fillColor('#b00020').text(safeText(`${l.corrections}: ${d.signOff.corrections.map((c) => `${c.metric} ${n1(c.signed)} → ${n1(c.current)}`).join('; ')}`), { width });
    doc.fillColor('#000');
  }
  doc.moveDown(0.5);

  // Key figures as tiles.
  const t = d.totals;
  const tiles: [string, string][] = [
    [l.issued, String(t.issued)],
    [l.served, String(t.served)],
    [l.noShows, String(t.noShows)],
    [l.transferred, String(t.transferred)],
    [`${l.waiting.split(' (')[0] ?? ''} ${l.median}`, `${n1(t.waiting.median)} min`],
    [`${l.service.split(' (')[0] ?? ''} ${l.median}`, `${n1(t.service.median)} min`],
    [l.withinTarget, pct(t.withinTarget)],
    [l.overdue, String(d.applications.overdue)],
  ];
  const tileW = width / 4;
  const ty = doc.y;
  tiles.forEach(([label, value], i) => {
    const x = left + (i % 4) * tileW;
    const y = ty + Math.floor(i / 4) * 46;
    doc.rect(x + 2, y, tileW - 4, 42).lineWidth(0.7).strokeColor('#9fb3c8').stroke();
    doc.font('Helvetica-Bold').fontSize(15).fillColor('#0b2e59').text(value, x + 8, y + 6, { width: tileW - 16 });
    doc.font('Helvetica').fontSize(7.5).fillColor('#333').text(safeText(label), x + 8, y + 26, { width: tileW - 16, ellipsis: true, lineBreak: false });
  });
  doc.y = ty + 96;

  heading(doc, l.summary);
  table(doc, left, width, [l.metric, l.value], summaryRows(t, l).map(([a, b]) => [safeText(a), b]), [3, 2]);

  const chartY = doc.y + 12;
  if (chartY + 170 > doc.page.height - 50) doc.addPage();
  const cy = Math.max(doc.y + 12, doc.page.margins.top);
  barChart(doc, left, cy, width * 0.58, 170, l.hours, d.hours.map((h) => ({ label: String(h.hour).padStart(2, '0'), values: [h.issued, h.served] })), [l.issued, l.served]);
  barChart(doc, left + width * 0.62, cy, width * 0.38, 170, l.waitDist, d.waitingBuckets.map((b) => ({ label: b.label.replace('–', '-'), values: [b.count] })), [l.count]);
  doc.y = cy + 178;
  doc.x = left;

  heading(doc, l.breakdown);
  const b = breakdownTable(d, l);
  table(doc, left, width, [...l.short], b.rows.map((r) => r.map(safeText)), [1.1, 3.4, 0.9, 0.9, 0.9, 0.9, 1.1, 1.1, 1.2, 1.1]);

  if (d.officers.length > 0) {
    heading(doc, l.officers);
    const o = officerTable(d, l);
    table(doc, left, width, o.head, o.rows.map((r) => r.map(safeText)), [3, 1, 1, 1, 1, 1.2], 1);
  }

  heading(doc, l.applications);
  const a = d.applications;
  table(doc, left, width, [l.metric, l.value], [[l.received, String(a.received)], [l.completed, String(a.completed)], [l.withinSla, String(a.completedWithinSla)], [l.overdue, String(a.overdue)], [safeText(l.atRisk), String(a.atRisk.length)]], [3, 2]);

  if (skm) {
    heading(doc, l.skm);
    const s = skmTable(skm, l);
    table(doc, left, width, s.head, s.rows.map((r) => r.map(safeText)), [1, 3, 1, 1, 1, ...SKM_ELEMENT_IDS.map(() => 0.7), 0.9, 0.7]);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7.5).fillColor('#555').text(safeText(`${d.mallName} · ${l.title} · ${periodText(d)} · ${l.page} ${i + 1}/${range.count}`), left, doc.page.height - 28, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

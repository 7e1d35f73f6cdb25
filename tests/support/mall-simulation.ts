/**
 * A realistic, seeded simulation of a public service mall's days, for the supervisor's tests,
 * the end-to-end test and the benchmark: arrivals through the day with a morning peak, several
 * agencies with their counters and officers, FIFO service per agency, no-shows after recalls,
 * cancellations, transfers to another agency (a new leg keeping the visit's arrival), breaks and
 * prayer pauses, counter sessions, applications with working-day SLAs, and anonymous survey
 * answers. Everything comes from one PRNG seed, so a test can recompute the figures itself.
 */
import type { Knex } from 'knex';
import { addDays } from '../../common/domain/calendar/local-date';
import { dueDate, isWorkingDay, MON_FRI } from '../../common/domain/calendar/working-days';
import { HOLIDAYS_ID_2025_2026 } from '../../common/domain/calendar/holidays-id';
import { SKM_ELEMENT_IDS, type SkmElementId } from '../../common/domain/skm/elements';
import { summarize, ticketDurations } from '../../common/domain/metrics/durations';
import type { Figures } from '../../common/ipc/channels/supervisor';

export const OFFSET = 420; // WIB

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimAgency {
  id: string;
  code: string;
  name: string;
  prefix: string;
}
export interface SimService {
  id: string;
  agencyId: string;
  code: string;
  name: string;
  meanServiceMin: number;
  targetWaitMin: number;
  slaDays: number;
  /** Share of served visitors who file an application. */
  applicationRate: number;
  /** Mean of the survey answers (1–4). */
  quality: number;
}
export interface SimCounter {
  id: string;
  agencyId: string;
  number: number;
  name: string;
  officerId: string;
  officerName: string;
}
export interface SimTicket {
  id: string;
  prefix: string;
  number: number;
  displayNumber: string;
  day: string;
  agencyId: string;
  serviceId: string;
  channel: 'frontdesk' | 'transfer';
  status: 'done' | 'no_show' | 'cancelled' | 'transferred';
  arrivedAt: string;
  calledAt: string | null;
  servingStartedAt: string | null;
  finishedAt: string | null;
  counterId: string | null;
  officerId: string | null;
  recalls: number;
  originTicketId: string | null;
}
export interface SimSession {
  id: string;
  counterId: string;
  officerId: string;
  officerName: string;
  openedAt: string;
  closedAt: string;
}
export interface SimPause {
  id: string;
  counterId: string;
  officerId: string;
  reason: 'istirahat' | 'sholat' | 'gangguan_sistem' | 'lainnya';
  startedAt: string;
  endedAt: string;
}
export interface SimApplication {
  id: string;
  agencyId: string;
  serviceId: string;
  status: string;
  receivedAt: string;
  receivedDay: string;
  completeAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  completedDay: string | null;
}
export interface SimSurvey {
  id: string;
  agencyId: string;
  serviceId: string;
  day: string;
  answers: Partial<Record<SkmElementId, 1 | 2 | 3 | 4>>;
  suggestion: string | null;
}
export interface SimDay {
  day: string;
  tickets: SimTicket[];
  sessions: SimSession[];
  pauses: SimPause[];
  applications: SimApplication[];
  surveys: SimSurvey[];
}
export interface SimMall {
  mallName: string;
  agencies: SimAgency[];
  services: SimService[];
  counters: SimCounter[];
}

/** The mall: five agencies (the demo mall's, scaled by `countersPerAgency`). */
export function simMall(countersPerAgency = 3): SimMall {
  const agencies: SimAgency[] = [
    { id: 'ag-dukcapil', code: 'DUKCAPIL', name: 'Dinas Kependudukan dan Pencatatan Sipil', prefix: 'A' },
    { id: 'ag-imigrasi', code: 'IMIGRASI', name: 'Kantor Imigrasi', prefix: 'B' },
    { id: 'ag-samsat', code: 'SAMSAT', name: 'Samsat', prefix: 'C' },
    { id: 'ag-bpjs', code: 'BPJSKES', name: 'BPJS Kesehatan', prefix: 'D' },
    { id: 'ag-dpmptsp', code: 'DPMPTSP', name: 'DPMPTSP', prefix: 'E' },
  ];
  const s = (agencyId: string, code: string, name: string, mean: number, target: number, sla: number, appRate: number, quality: number): SimService => ({
    id: `sv-${code.toLowerCase()}`,
    agencyId,
    code,
    name,
    meanServiceMin: mean,
    targetWaitMin: target,
    slaDays: sla,
    applicationRate: appRate,
    quality,
  });
  const services: SimService[] = [
    s('ag-dukcapil', 'KK', 'Penerbitan Kartu Keluarga', 9, 30, 3, 0.8, 3.4),
    s('ag-dukcapil', 'KTP', 'KTP-el', 7, 30, 1, 0.5, 3.2),
    s('ag-dukcapil', 'AKTA', 'Akta Kelahiran', 8, 30, 3, 0.8, 3.5),
    s('ag-imigrasi', 'PASPOR', 'Paspor Baru', 14, 45, 4, 0.9, 3.0),
    s('ag-imigrasi', 'PASPORG', 'Penggantian Paspor', 11, 45, 4, 0.9, 3.1),
    s('ag-samsat', 'PKB', 'Pajak Kendaraan Tahunan', 6, 20, 0, 0.05, 3.3),
    s('ag-samsat', 'BBN', 'Balik Nama Kendaraan', 12, 30, 5, 0.7, 2.9),
    s('ag-bpjs', 'DAFTAR', 'Pendaftaran Peserta', 8, 30, 1, 0.3, 3.6),
    s('ag-bpjs', 'UBAH', 'Perubahan Data Peserta', 6, 30, 1, 0.2, 3.6),
    s('ag-dpmptsp', 'NIB', 'Nomor Induk Berusaha (NIB)', 10, 30, 1, 0.6, 3.7),
    s('ag-dpmptsp', 'PBG', 'Persetujuan Bangunan Gedung', 15, 45, 10, 0.9, 3.0),
  ];
  const names = ['Siti Rahmawati', 'Agus Santoso', 'Dewi Lestari', 'Rudi Hartono', 'Nur Aini', 'Bambang Wijaya', 'Putri Anggraini', 'Hendra Gunawan', 'Sri Wahyuni', 'Joko Susilo', 'Rina Marlina', 'Andi Pratama', 'Yuliana Sari', 'Dedi Kurniawan', 'Fitri Handayani'];
  const counters: SimCounter[] = [];
  let n = 1;
  for (const a of agencies) {
    for (let i = 0; i < countersPerAgency; i++) {
      const k = counters.length;
      counters.push({ id: `ct-${n}`, agencyId: a.id, number: n, name: `Loket ${n}`, officerId: `of-${n}`, officerName: names[k % names.length] + (k >= names.length ? ` ${Math.floor(k / names.length) + 1}` : '') });
      n++;
    }
  }
  return { mallName: 'MPP Kota Simulasi', agencies, services, counters };
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`) - OFFSET * 60_000;
const localDay = (ms: number) => new Date(ms + OFFSET * 60_000).toISOString().slice(0, 10);

/** Arrival intensity per minute of the day (local), with a morning peak around 09:30. */
function intensity(minuteOfDay: number): number {
  if (minuteOfDay < 8 * 60 || minuteOfDay >= 15 * 60) return 0;
  const h = minuteOfDay / 60;
  return 0.35 + 1.4 * Math.exp(-((h - 9.5) ** 2) / 1.2) + 0.5 * Math.exp(-((h - 13.5) ** 2) / 0.8);
}

const INTENSITY_SUM = (() => {
  let s = 0;
  for (let m = 0; m < 1440; m++) s += intensity(m);
  return s;
})();

function lognormal(rng: () => number, mean: number): number {
  // Box–Muller, sigma 0.45
  const u = Math.max(1e-9, rng());
  const v = rng();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  const sigma = 0.45;
  return mean * Math.exp(sigma * z - (sigma * sigma) / 2);
}

export interface SimOptions {
  /** Visitors per working day (before randomness). */
  visitorsPerDay: number;
  seed: number;
  surveyRate?: number;
  /** Leave applications still open that are due after this instant (the "now" of the test). */
  now?: Date;
}

/** One service day of the mall. Saturdays/Sundays and holidays are closed (empty day). */
export function simulateDay(mall: SimMall, day: string, opts: SimOptions): SimDay {
  const rng = mulberry32(opts.seed ^ (Number(day.replace(/-/g, '')) * 2654435761));
  const out: SimDay = { day, tickets: [], sessions: [], pauses: [], applications: [], surveys: [] };
  if (!isWorkingDay(day, HOLIDAYS_ID_2025_2026, MON_FRI)) return out;
  const start = dayStart(day);
  const tag = day.replace(/-/g, '');
  const seq = new Map<string, number>();
  const nextNumber = (prefix: string) => {
    const v = (seq.get(prefix) ?? 0) + 1;
    seq.set(prefix, v);
    return v;
  };

  // Arrivals (thinned Poisson by minute).
  interface Job {
    ticket: SimTicket;
    readyAt: number;
    service: SimService;
  }
  const jobsByAgency = new Map<string, Job[]>();
  const weights = mall.services.map((s) => (s.agencyId === 'ag-dukcapil' ? 1.6 : s.agencyId === 'ag-samsat' ? 1.3 : 1));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const pickService = (): SimService => {
    let r = rng() * wsum;
    for (let i = 0; i < mall.services.length; i++) {
      r -= weights[i] ?? 0;
      if (r <= 0) return mall.services[i] as SimService;
    }
    return mall.services[mall.services.length - 1] as SimService;
  };
  const agencyOf = new Map(mall.agencies.map((a) => [a.id, a]));
  const mkTicket = (service: SimService, arrivedMs: number, channel: SimTicket['channel'], origin: string | null): SimTicket => {
    const agency = agencyOf.get(service.agencyId) as SimAgency;
    const number = nextNumber(agency.prefix);
    return {
      id: `t-${tag}-${agency.prefix}${number}`,
      prefix: agency.prefix,
      number,
      displayNumber: `${agency.prefix}-${String(number).padStart(3, '0')}`,
      day,
      agencyId: service.agencyId,
      serviceId: service.id,
      channel,
      status: 'done',
      arrivedAt: iso(arrivedMs),
      calledAt: null,
      servingStartedAt: null,
      finishedAt: null,
      counterId: null,
      officerId: null,
      recalls: 0,
      originTicketId: origin,
    };
  };
  const scale = opts.visitorsPerDay / INTENSITY_SUM;
  for (let m = 8 * 60; m < 15 * 60; m++) {
    const lambda = intensity(m) * scale;
    // Poisson count for this minute.
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    const u = rng();
    while (u > cdf && k < 200) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    for (let i = 0; i < k; i++) {
      const service = pickService();
      const at = start + (m + rng()) * 60_000;
      const t = mkTicket(service, Math.floor(at), 'frontdesk', null);
      const list = jobsByAgency.get(service.agencyId) ?? [];
      list.push({ ticket: t, readyAt: Date.parse(t.arrivedAt), service });
      jobsByAgency.set(service.agencyId, list);
    }
  }

  // Counters per agency: free time, pause plan.
  interface CounterState {
    c: SimCounter;
    free: number;
    pauses: { reason: SimPause['reason']; at: number; minutes: number; taken: boolean }[];
    lastEnd: number;
  }
  const states = new Map<string, CounterState[]>();
  for (const c of mall.counters) {
    const list = states.get(c.agencyId) ?? [];
    const open = start + (7 * 60 + 55) * 60_000 + Math.floor(rng() * 5 * 60_000);
    list.push({
      c,
      free: open,
      lastEnd: open,
      pauses: [
        { reason: 'istirahat', at: start + (12 * 60 + Math.floor(rng() * 30)) * 60_000, minutes: 30 + Math.floor(rng() * 15), taken: false },
        { reason: 'sholat', at: start + (15 * 60 + 10 + Math.floor(rng() * 20)) * 60_000, minutes: 10 + Math.floor(rng() * 8), taken: false },
        ...(rng() < 0.15 ? [{ reason: 'gangguan_sistem' as const, at: start + (10 * 60 + Math.floor(rng() * 120)) * 60_000, minutes: 5 + Math.floor(rng() * 15), taken: false }] : []),
      ],
    });
    states.set(c.agencyId, list);
  }
  const takePauses = (s: CounterState, until: number) => {
    for (const p of s.pauses) {
      if (!p.taken && p.at <= until) {
        p.taken = true;
        const from = Math.max(p.at, s.free);
        const to = from + p.minutes * 60_000;
        out.pauses.push({ id: `p-${tag}-${s.c.id}-${p.reason}`, counterId: s.c.id, officerId: s.c.officerId, reason: p.reason, startedAt: iso(from), endedAt: iso(to) });
        s.free = to;
      }
    }
  };

  // Process each agency's queue FIFO by readiness; transfers append to another agency's queue,
  // so loop until no agency has pending work.
  const pending = new Map<string, Job[]>(jobsByAgency);
  const serveAgency = (agencyId: string) => {
    const jobs = (pending.get(agencyId) ?? []).sort((a, b) => a.readyAt - b.readyAt || (a.ticket.id < b.ticket.id ? -1 : 1));
    pending.set(agencyId, []);
    const counters = states.get(agencyId) ?? [];
    for (const job of jobs) {
      const t = job.ticket;
      if (t.channel === 'frontdesk' && rng() < 0.02) {
        t.status = 'cancelled';
        out.tickets.push(t);
        continue;
      }
      // The counter free first (after any pause due by then).
      let best: CounterState | null = null;
      let bestAt = Infinity;
      for (const s of counters) {
        takePauses(s, Math.max(s.free, job.readyAt));
        const at = Math.max(s.free, job.readyAt);
        if (at < bestAt) {
          bestAt = at;
          best = s;
        }
      }
      if (!best) continue;
      const call = bestAt + Math.floor(rng() * 20_000);
      t.calledAt = iso(call);
      t.counterId = best.c.id;
      t.officerId = best.c.officerId;
      if (rng() < 0.04) {
        t.recalls = 2;
        t.status = 'no_show';
        best.free = call + 3 * 60_000;
        best.lastEnd = best.free;
        out.tickets.push(t);
        continue;
      }
      const startMs = call + Math.floor((20 + rng() * 100) * 1000);
      const endMs = startMs + Math.floor(lognormal(rng, job.service.meanServiceMin) * 60_000);
      t.servingStartedAt = iso(startMs);
      t.finishedAt = iso(endMs);
      best.free = endMs + Math.floor(rng() * 30_000);
      best.lastEnd = best.free;
      if (t.channel === 'frontdesk' && rng() < 0.05) {
        // Transferred to a service of another agency: a new leg with the visit's arrival.
        t.status = 'transferred';
        const others = mall.services.filter((s) => s.agencyId !== agencyId);
        const target = others[Math.floor(rng() * others.length)] as SimService;
        const leg = mkTicket(target, Date.parse(t.arrivedAt), 'transfer', t.id);
        const list = pending.get(target.agencyId) ?? [];
        list.push({ ticket: leg, readyAt: endMs, service: target });
        pending.set(target.agencyId, list);
        out.tickets.push(t);
        continue;
      }
      t.status = 'done';
      out.tickets.push(t);
      afterServed(t, job.service, endMs);
    }
  };
  const afterServed = (t: SimTicket, service: SimService, endMs: number) => {
    if (rng() < service.applicationRate) out.applications.push(simApplication(rng, t, service, endMs, opts.now));
    if (rng() < (opts.surveyRate ?? 0.12)) {
      const answers: SimSurvey['answers'] = {};
      for (const e of SKM_ELEMENT_IDS) {
        if (rng() < 0.03) continue; // skipped element
        const v = Math.round(service.quality + (rng() - 0.5) * 1.8);
        answers[e] = Math.min(4, Math.max(1, v)) as 1 | 2 | 3 | 4;
      }
      if (Object.keys(answers).length === 0) answers.U1 = 3;
      const suggestion = rng() < 0.1 ? ['Antrian sudah lebih cepat, terima kasih.', 'Mohon tambah kursi di ruang tunggu.', 'Petugas ramah.', 'Informasi persyaratan perlu diperjelas.'][Math.floor(rng() * 4)] ?? null : null;
      out.surveys.push({ id: `s-${t.id}`, agencyId: t.agencyId, serviceId: t.serviceId, day, answers, suggestion });
    }
  };
  for (let round = 0; round < 4; round++) {
    for (const a of mall.agencies) serveAgency(a.id);
  }
  for (const list of states.values()) {
    for (const s of list) {
      takePauses(s, s.lastEnd);
      const opened = start + (7 * 60 + 55) * 60_000;
      const closed = Math.max(s.free, s.lastEnd) + 5 * 60_000;
      out.sessions.push({ id: `ses-${tag}-${s.c.id}`, counterId: s.c.id, officerId: s.c.officerId, officerName: s.c.officerName, openedAt: iso(opened), closedAt: iso(closed) });
    }
  }
  // Survey ids must not follow the visit order (anonymity): shuffle ids.
  for (const sv of out.surveys) sv.id = `s-${tag}-${Math.floor(rng() * 1e12).toString(36)}-${Math.floor(rng() * 1e9).toString(36)}`;
  return out;
}

function simApplication(rng: () => number, t: SimTicket, service: SimService, receivedMs: number, now?: Date): SimApplication {
  const cal = HOLIDAYS_ID_2025_2026;
  const receivedAt = iso(receivedMs);
  const incomplete = rng() < 0.12;
  const completeMs = incomplete ? receivedMs + Math.floor((1 + rng() * 3) * 86_400_000) : receivedMs;
  const nowMs = now?.getTime() ?? Infinity;
  const app: SimApplication = {
    id: `app-${t.id}`,
    agencyId: t.agencyId,
    serviceId: t.serviceId,
    status: 'diterima',
    receivedAt,
    receivedDay: localDay(receivedMs),
    completeAt: null,
    dueAt: null,
    completedAt: null,
    completedDay: null,
  };
  if (completeMs > nowMs) {
    app.status = 'berkas_belum_lengkap';
    return app;
  }
  app.completeAt = iso(completeMs);
  let due: Date;
  try {
    const r = dueDate({ completeAt: new Date(completeMs), slaWorkingDays: service.slaDays, calendar: cal, serviceEndTime: '15:00', utcOffsetMinutes: OFFSET });
    if (r.paused) return app;
    due = r.dueAt;
  } catch {
    return app;
  }
  app.dueAt = due.toISOString();
  app.status = 'diproses';
  // Mostly on time; some late.
  const slack = due.getTime() - completeMs;
  const doneMs = completeMs + Math.floor(slack * (rng() < 0.85 ? 0.2 + rng() * 0.75 : 1.05 + rng() * 0.8));
  if (doneMs <= nowMs) {
    app.completedAt = iso(doneMs);
    app.completedDay = localDay(doneMs);
    app.status = rng() < 0.7 ? 'diambil' : 'selesai';
  }
  return app;
}

/** Service days from `from` for `days` days. */
export function dayList(from: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}

// --- Writing to the local database -----------------------------------------------------------

async function insertBatches(db: Knex, table: string, rows: Record<string, unknown>[], batch = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await db.batchInsert(table, rows.slice(i, i + batch), batch);
}

export async function writeCatalog(db: Knex, mall: SimMall): Promise<void> {
  await db('settings').insert({ key: 'mallName', value: mall.mallName }).onConflict('key').merge();
  await db('agencies').insert(mall.agencies.map((a) => ({ id: a.id, code: a.code, name: a.name }))).onConflict('id').merge();
  await db('services').insert(mall.services.map((s) => ({ id: s.id, agency_id: s.agencyId, code: s.code, name: s.name }))).onConflict('id').merge();
  await db('counters').insert(mall.counters.map((c) => ({ id: c.id, agency_id: c.agencyId, number: c.number, name: c.name }))).onConflict('id').merge();
  await db('supervisor_service_targets')
    .insert(mall.services.map((s) => ({ service_id: s.id, target_wait_minutes: s.targetWaitMin, sla_working_days: s.slaDays })))
    .onConflict('service_id')
    .merge();
}

export const ticketRow = (t: SimTicket, updatedAt: string) => ({
  id: t.id,
  prefix: t.prefix,
  number: t.number,
  display_number: t.displayNumber,
  service_day: t.day,
  agency_id: t.agencyId,
  service_id: t.serviceId,
  category: 'normal',
  channel: t.channel,
  status: t.status,
  arrived_at: t.arrivedAt,
  called_at: t.calledAt,
  serving_started_at: t.servingStartedAt,
  finished_at: t.finishedAt,
  counter_id: t.counterId,
  officer_id: t.officerId,
  recalls: t.recalls,
  origin_ticket_id: t.originTicketId,
  version: 1,
  dirty: 0,
  issued_here: 0,
  updated_at: updatedAt,
});

export async function writeDay(db: Knex, d: SimDay): Promise<void> {
  await db.transaction(async (trx) => {
    const at = new Date().toISOString();
    await insertBatches(trx as unknown as Knex, 'queue_tickets', d.tickets.map((t) => ticketRow(t, at)), 40);
    await insertBatches(
      trx as unknown as Knex,
      'supervisor_counter_sessions',
      d.sessions.map((s) => ({ id: s.id, counter_id: s.counterId, officer_id: s.officerId, officer_name: s.officerName, opened_at: s.openedAt, closed_at: s.closedAt })),
    );
    await insertBatches(
      trx as unknown as Knex,
      'supervisor_counter_pauses',
      d.pauses.map((p) => ({ id: p.id, counter_id: p.counterId, officer_id: p.officerId, reason: p.reason, started_at: p.startedAt, ended_at: p.endedAt })),
    );
    await insertBatches(
      trx as unknown as Knex,
      'supervisor_applications',
      d.applications.map((a) => ({
        id: a.id,
        agency_id: a.agencyId,
        service_id: a.serviceId,
        status: a.status,
        received_at: a.receivedAt,
        received_day: a.receivedDay,
        complete_at: a.completeAt,
        due_at: a.dueAt,
        completed_at: a.completedAt,
        completed_day: a.completedDay,
      })),
      80,
    );
    await insertBatches(
      trx as unknown as Knex,
      'skm_responses',
      d.surveys.map((s) => ({
        id: s.id,
        agency_id: s.agencyId,
        service_id: s.serviceId,
        service_day: s.day,
        ...Object.fromEntries(SKM_ELEMENT_IDS.map((e, i) => [`u${i + 1}`, s.answers[e] ?? null])),
        suggestion: s.suggestion,
        version: 1,
      })),
      60,
    );
  });
}

/**
 * A simulated mall over an existing catalog (e.g. the demo server's, as an installation holds
 * it after sign-in): service parameters derive from the service code, officers are invented.
 */
export function simMallFromCatalog(cat: {
  mallName: string;
  agencies: { id: string; code: string; name: string }[];
  services: { id: string; agencyId: string; code: string; name: string }[];
  counters: { id: string; agencyId: string; number: number; name: string }[];
}): SimMall {
  const base = simMall(1);
  const names = [...new Set(base.counters.map((c) => c.officerName)), 'Hendra Gunawan', 'Sri Wahyuni', 'Joko Susilo', 'Rina Marlina', 'Andi Pratama', 'Yuliana Sari', 'Dedi Kurniawan', 'Fitri Handayani'];
  const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return {
    mallName: cat.mallName,
    agencies: cat.agencies.map((a, i) => ({ id: a.id, code: a.code, name: a.name, prefix: letters[i % 26] ?? 'Z' })),
    services: cat.services.map((s) => {
      const h = hash(s.code);
      return {
        id: s.id,
        agencyId: s.agencyId,
        code: s.code,
        name: s.name,
        meanServiceMin: 6 + (h % 9),
        targetWaitMin: [20, 30, 30, 45][h % 4] ?? 30,
        slaDays: [1, 3, 5, 0, 4][h % 5] ?? 3,
        applicationRate: 0.3 + (h % 6) / 10,
        quality: 2.9 + (h % 8) / 10,
      };
    }),
    counters: cat.counters.map((c, i) => ({ id: c.id, agencyId: c.agencyId, number: c.number, name: c.name, officerId: `sim-officer-${i + 1}`, officerName: names[i % names.length] ?? `Petugas ${i + 1}` })),
  };
}

/**
 * The dashboard's figures computed directly from simulated tickets by their definitions
 * (README "Supervisor"), with the domain's duration rules — never through the module's SQL.
 */
export function expectedFigures(tickets: readonly SimTicket[], target: (serviceId: string) => number): Figures {
  const first = tickets.filter((t) => t.channel === 'frontdesk');
  const waits = first.map((t) => ({ w: ticketDurations(t).waiting, s: t.serviceId })).filter((x): x is { w: number; s: string } => x.w !== null);
  return {
    issued: first.length,
    served: tickets.filter((t) => t.status === 'done').length,
    noShows: tickets.filter((t) => t.status === 'no_show').length,
    cancelled: tickets.filter((t) => t.status === 'cancelled').length,
    transferred: tickets.filter((t) => t.status === 'transferred').length,
    waiting: summarize(waits.map((x) => x.w)),
    walking: summarize(tickets.map((t) => ticketDurations(t).walking)),
    service: summarize(tickets.map((t) => ticketDurations(t).service)),
    total: summarize(tickets.filter((t) => t.status === 'done').map((t) => ticketDurations(t).total)),
    withinTarget: waits.length === 0 ? null : waits.filter((x) => x.w <= target(x.s)).length / waits.length,
  };
}

/**
 * queue: call-next latency on a counter (handler → server claim → committed SQLite change,
 * through the real dispatcher, with a day of 5,000 tickets and a year of history in the local
 * database), the same offline (own-station tickets), and the server's claim under 50
 * concurrent counters over HTTP on 127.0.0.1, on SQLite and on PostgreSQL.
 * `print.ticket_ms` comes from the print area (bench/areas/print.ts), run here too.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import knexFactory, { type Knex } from 'knex';
import { formatTicketNumber } from '../../common/domain/queue/numbering';
import { createLoket, type Loket } from '../../main/app/compose';
import { silentLogger } from '../../node-shared/logger';
import { createCounter } from '../../server/src/catalog/catalog-repo';
import { openServerDb } from '../../server/src/db/connect';
import { clockFrom, startServer, type RunningServer } from '../../server/src/main';
import { LoginResponseSchema } from '../../common/server-api/auth';
import { DEMO_PASSWORD } from '../../tests/support/stack';
import { tempDir } from '../../tests/support/temp';
import { PG_URL, call } from '../../tests/integration/server-helpers';
import { percentile, round, type Figures } from '../report';
import { benchPrint } from './print';
import type { CountersJob, CountersResult } from './queue-counters-worker';
import { startLoketServer } from './sync';
import { pgbenchClaimFloor, roundTripFloor } from './queue-floors';

const DAY_TICKETS = 5000;
/** LOKET_BENCH_QUICK=1: 10 days of history instead of a year (for trying changes). */
const HISTORY_DAYS = process.env.LOKET_BENCH_QUICK ? 10 : 250; // working days in a year
const HISTORY_PER_DAY = 2000;
const LOCAL_CALLS = Number(process.env.LOKET_BENCH_CALLS ?? 400);
const SERVER_COUNTERS = 50;
const SERVER_CLAIMS = Number(process.env.LOKET_BENCH_CLAIMS ?? 2500);
/** Paced load: each of the 50 counters calls every 1.5 s on average (≈33 calls/s for the mall). */
const PACED_MS = 1500;
const PACED_CLAIMS = 500;
const SERVICES = ['sv-dukcapil-kk', 'sv-dukcapil-ktp-el', 'sv-dukcapil-akta-lahir', 'sv-dukcapil-akta-mati', 'sv-dukcapil-pindah-datang'];

interface Clock {
  now: () => Date;
  set(ms: number): void;
}
export function clockAt(iso: string): Clock {
  let t = Date.parse(iso);
  return { now: () => new Date(t), set: (ms) => (t = ms) };
}

/** Multi-row inserts in one transaction (knex on SQLite compiles them to a compound SELECT: at most 500 rows). */
async function bulk(db: Knex | Knex.Transaction, table: string, rows: Record<string, unknown>[], chunk = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await db(table).insert(rows.slice(i, i + chunk));
}

function ticketRow(i: number, day: string, arrivedAt: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    prefix: 'A',
    number: i + 1,
    display_number: formatTicketNumber('A', i + 1),
    service_day: day,
    agency_id: 'ag-dukcapil',
    service_id: SERVICES[i % SERVICES.length],
    category: i % 7 === 0 ? 'lansia' : 'normal',
    channel: 'frontdesk',
    status,
    arrived_at: arrivedAt,
    called_at: null,
    serving_started_at: null,
    finished_at: null,
    counter_id: null,
    officer_id: null,
    target_counter_id: null,
    recalls: 0,
    origin_ticket_id: null,
    station: null,
    booking_id: null,
    note: null,
    version: 1,
    ...extra,
  };
}

/** A day of waiting tickets on the server (fast, straight into its tables). */
export async function seedServerDay(db: Knex, day: string, start: number, n: number): Promise<void> {
  await db.transaction(async (trx) => {
    const rows = Array.from({ length: n }, (_, i) => {
      const at = new Date(start + i * 1000).toISOString();
      return { ...ticketRow(i, day, at, 'waiting'), created_at: at, updated_at: at };
    });
    await bulk(trx, 'tickets', rows, 300);
    await trx('queue_sequences').insert({ prefix: 'A', service_day: day, last_number: n }).onConflict(['prefix', 'service_day']).merge();
  });
}

/** A year of finished tickets in the counter's local mirror, and today's tickets mirrored. */
async function seedLocalHistory(db: Knex, todayStart: number): Promise<void> {
  await db.transaction(async (trx) => {
    for (let d = 1; d <= HISTORY_DAYS; d++) {
      const dayStart = todayStart - Math.ceil((d * 7) / 5) * 86_400_000;
      const day = new Date(dayStart + 7 * 3600_000).toISOString().slice(0, 10);
      const rows = Array.from({ length: HISTORY_PER_DAY }, (_, i) => {
        const at = new Date(dayStart + 3600_000 + i * 10_000).toISOString();
        return { ...ticketRow(i, day, at, 'done', { called_at: at, serving_started_at: at, finished_at: at, counter_id: 'ct-01' }), dirty: 0, issued_here: 0, updated_at: at };
      });
      await bulk(trx, 'queue_tickets', rows, 400);
    }
  });
}

export async function localCallNext(t: { dir: string }, figures: Figures): Promise<void> {
  // The central server runs in a process of its own, as in a mall (never in the counter's
  // process): its clock starts at 08:00 WIB on a Monday, and so does the counter's.
  const start = '2026-03-02T01:00:00.000Z';
  const now = clockFrom(start);
  const day = '2026-03-02';
  const serverFile = path.join(t.dir, 'server.sqlite');
  const server = await startLoketServer({ sqliteFile: serverFile }, ['--clock-from', start]);
  let loket: Loket | null = null;
  try {
    const seed = openServerDb({ sqliteFile: serverFile });
    await seedServerDay(seed, day, now().getTime() - DAY_TICKETS * 1000, DAY_TICKETS).finally(() => seed.destroy());
    loket = await createLoket({ dataDir: path.join(t.dir, 'counter'), runtime: 'harness', version: 'bench', defaultServerUrl: `http://127.0.0.1:${server.port}`, tickMs: 0, now, logger: silentLogger });
    await loket.db('settings').insert({ key: 'queue.stationCode', value: 'Z' }).onConflict('key').merge();
    const tSeed = Date.now();
    await seedLocalHistory(loket.db, Date.parse('2026-03-01T17:00:00.000Z'));
    figures['queue.bench_local_history_rows'] = HISTORY_DAYS * HISTORY_PER_DAY;
    figures['queue.bench_local_history_seed_s'] = round((Date.now() - tSeed) / 1000, 1);
    // An installation's history is long checkpointed: do not time the checkpoint of the seed.
    await loket.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    const d = async (channel: string, input: unknown = {}) => {
      const r = await loket!.dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.messageEn}`);
      return r.value;
    };
    await d('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD });
    await d('counter.open', { counterId: 'ct-01' });
    await d('counter.state');
    for (let i = 0; i < 20; i++) {
      // Warm-up (JIT, caches), not timed.
      await d('counter.callNext');
      await d('counter.start');
    }
    const samples: number[] = [];
    for (let i = 0; i < LOCAL_CALLS; i++) {
      const t0 = performance.now();
      await d('counter.callNext');
      samples.push(performance.now() - t0);
      await d('counter.start');
    }
    samples.sort((a, b) => a - b);
    figures['queue.call_next_p50_ms'] = round(percentile(samples, 50));
    figures['queue.call_next_p99_ms'] = round(percentile(samples, 99));

    // Offline: the server is gone; the counter calls this station's own tickets (5,000 of them).
    await d('counter.finish');
    await server.stop();
    const at = now().getTime();
    await loket.db.transaction(async (trx) => {
      const rows = Array.from({ length: DAY_TICKETS }, (_, i) => {
        const arrived = new Date(at - (DAY_TICKETS - i) * 1000).toISOString();
        return { ...ticketRow(i, day, arrived, 'waiting', { prefix: 'AZ', display_number: formatTicketNumber('AZ', i + 1), station: 'Z' }), dirty: 1, issued_here: 1, updated_at: arrived };
      });
      await bulk(trx, 'queue_tickets', rows, 400);
    });
    const offline: number[] = [];
    for (let i = 0; i < LOCAL_CALLS; i++) {
      const t0 = performance.now();
      await d('counter.callNext');
      offline.push(performance.now() - t0);
      await d('counter.start');
    }
    offline.sort((a, b) => a - b);
    figures['queue.call_next_offline_p50_ms'] = round(percentile(offline, 50));
    figures['queue.call_next_offline_p99_ms'] = round(percentile(offline, 99));
  } finally {
    await loket?.close();
    await server.stop();
  }
}

/**
 * 50 counters claiming over HTTP, from a worker thread (see queue-counters-worker.ts), each
 * loop: call-next (timed; it also finishes the previous visitor) then start. `pacedMs` 0: a
 * closed loop at full speed (saturation: latency is then set by throughput, Little's law);
 * otherwise each counter waits a random 0–2×pacedMs between calls (an open, still far busier
 * than real, load). p50/p99 leave out each counter's first call (it opens the counter's
 * session, on a cold server and new connections: in the closed loop all 50 land in the same
 * instant); `p99All` counts them too (the definition before this profiling round).
 * Claims per second count every call.
 */
export async function serverClaims(server: RunningServer, clock: Clock, pacedMs = 0, claims = SERVER_CLAIMS, firstNumber = 200): Promise<{ p50: number; p99: number; p99All: number; perSecond: number }> {
  const counters: string[] = [];
  for (let i = 0; i < SERVER_COUNTERS; i++) counters.push((await createCounter(server.db, { agencyCode: 'DUKCAPIL', number: firstNumber + i, name: `Loket Bench ${firstNumber + i}` })).id);
  await server.db('tickets').where({ status: 'waiting' }).delete();
  await server.db('queue_sequences').delete();
  await seedServerDay(server.db, '2026-03-02', clock.now().getTime() - DAY_TICKETS * 1000, DAY_TICKETS);
  const login = await call(server.url, 'POST', '/api/v1/auth/login', { body: { username: 'petugas.dukcapil', password: DEMO_PASSWORD } });
  const token = LoginResponseSchema.parse(login.json).token;
  const job: CountersJob = { url: server.url, token, counters, claims, pacedMs };
  // The worker loads TypeScript through tsx's API (the bench runs under tsx; workers get no loader).
  const file = path.join(__dirname, 'queue-counters-worker.ts');
  const boot = `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  const result = await new Promise<CountersResult>((resolve, reject) => {
    worker.once('message', (m: CountersResult) => resolve(m));
    worker.once('error', reject);
  });
  await worker.terminate();
  if (result.error) throw new Error(result.error);
  const samples = [...result.samples].sort((a, b) => a - b);
  const all = [...result.samples, ...result.firstSamples].sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), p99All: percentile(all, 99), perSecond: all.length / result.seconds };
}

export async function benchQueue(): Promise<Figures> {
  const figures: Figures = {};
  const t = tempDir('loket-bench-queue-');
  try {
    await localCallNext({ dir: t.dir }, figures);
    Object.assign(figures, await roundTripFloor(t.dir));

    const clock = clockAt('2026-03-02T04:00:00.000Z');
    const sqlite = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'claims.sqlite'), demo: true, quiet: true, now: clock.now, tokenTtlHours: 72 });
    try {
      const r = await serverClaims(sqlite, clock);
      figures['queue.server_claim_p50_ms'] = round(r.p50);
      figures['queue.server_claim_p99_ms'] = round(r.p99);
      figures['queue.server_claim_p99_all_ms'] = round(r.p99All);
      figures['queue.server_claims_per_s'] = round(r.perSecond, 1);
      const p = await serverClaims(sqlite, clock, PACED_MS, PACED_CLAIMS, 300);
      figures['queue.server_claim_paced_p50_ms'] = round(p.p50);
      figures['queue.server_claim_paced_p99_ms'] = round(p.p99);
      figures['queue.server_claim_paced_p99_all_ms'] = round(p.p99All);
    } finally {
      await sqlite.close();
    }

    const schema = `bench_queue_${Date.now().toString(36)}`;
    const pg = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: PG_URL, searchPath: schema, demo: true, quiet: true, now: clock.now, tokenTtlHours: 72 });
    try {
      const r = await serverClaims(pg, clock);
      figures['queue.server_claim_p50_ms.pg'] = round(r.p50);
      figures['queue.server_claim_p99_ms.pg'] = round(r.p99);
      figures['queue.server_claim_p99_all_ms.pg'] = round(r.p99All);
      figures['queue.server_claims_per_s.pg'] = round(r.perSecond, 1);
      const p = await serverClaims(pg, clock, PACED_MS, PACED_CLAIMS, 300);
      figures['queue.server_claim_paced_p50_ms.pg'] = round(p.p50);
      figures['queue.server_claim_paced_p99_ms.pg'] = round(p.p99);
      figures['queue.server_claim_paced_p99_all_ms.pg'] = round(p.p99All);
      Object.assign(figures, await pgbenchClaimFloor(pg.db, PG_URL, schema, (n) => seedServerDay(pg.db, '2026-03-02', clock.now().getTime() - n * 1000, n)));
    } finally {
      await pg.close();
      const admin = knexFactory({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 1 } });
      await admin.raw('drop schema if exists ?? cascade', [schema]).finally(() => admin.destroy());
    }
  } finally {
    t.cleanup();
  }
  // Ticket layout → bytes → fake printer: the printing engineer's area, run as part of the queue's.
  Object.assign(figures, await benchPrint());
  return figures;
}

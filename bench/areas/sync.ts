/**
 * sync: push and pull of N records (~300 bytes, like an application) between a counter
 * installation (SQLite file, the real SyncEngine) and the reference server running as its
 * own process (the esbuild bundle) on SQLite and on PostgreSQL, over HTTP on 127.0.0.1 and
 * through a 40 ms round-trip delay proxy; the same records replicated by PouchDB to an
 * express-pouchdb server (also its own process); and the raw limit, the same rows inserted
 * into SQLite with knex in one transaction. N = LOKET_BENCH_RECORDS (default 100,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { openDatabase, type Db } from '../../main/db/open';
import { applicationClientEntity } from '../../main/applications/applications';
import { bulkUpsert } from '../../main/sync/bulk';
import { SyncEngine } from '../../main/sync/engine';
import { SyncTransport } from '../../main/sync/transport';
import { silentLogger } from '../../node-shared/logger';
import { startSyncProxy } from '../../tests/support/sync-proxy';
import { round, type Figures } from '../report';

const ROOT = path.resolve(__dirname, '../..');
const SERVER_BUNDLE = path.join(ROOT, 'dist/server/main.cjs');
const PG_URL = process.env.LOKET_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'Loket-Demo-2026!';
const RTT_MS = 40;

const N = Math.max(100, Number(process.env.LOKET_BENCH_RECORDS ?? 100_000));
/**
 * For iterating only: LOKET_BENCH_SYNC_PARTS=raw,sqlite,pg,pouch,wan picks the parts to run (default
 * all); LOKET_BENCH_SERVER_NODE_ARGS / LOKET_BENCH_PULL_NODE_ARGS add node flags to the server
 * process / the pulling counter's process (e.g. --cpu-prof).
 */
const PARTS = new Set((process.env.LOKET_BENCH_SYNC_PARTS ?? 'raw,sqlite,pg,pouch,wan').split(',').map((s) => s.trim()));
const SERVER_NODE_ARGS = (process.env.LOKET_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PULL_NODE_ARGS = (process.env.LOKET_BENCH_PULL_NODE_ARGS ?? '').split(' ').filter(Boolean);
const NAMES = ['Siti Rahmawati', 'Agus Santoso', 'Dewi Lestari', 'Rudi Hartono', 'Nur Aini', 'Bambang Wijaya', 'Putri Anggraini'];

interface Rec {
  id: string;
  agencyId: string;
  serviceId: string;
  applicantName: string;
  applicantNik: string;
  notes: string;
  at: string;
}

function makeRecords(n: number): Rec[] {
  const out: Rec[] = [];
  const base = Date.parse('2026-03-02T01:00:00.000Z');
  for (let i = 0; i < n; i++) {
    out.push({
      id: randomUUID(),
      agencyId: 'ag-dukcapil',
      serviceId: i % 2 ? 'sv-dukcapil-kk' : 'sv-dukcapil-ktp-el',
      applicantName: `${NAMES[i % NAMES.length]} ${i}`,
      applicantNik: String(3201010101900000 + (i % 99999)).padStart(16, '0'),
      notes: 'Berkas: fotokopi KK, KTP-el asli, surat pengantar RT/RW; pemohon menunggu di ruang tunggu.',
      at: new Date(base + i * 1000).toISOString(),
    });
  }
  return out;
}

// ------------------------------------------------------------------ processes

interface Proc {
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

function waitForLine(proc: ChildProcess, re: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = re.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`${what} exited with ${code}: ${err}`)));
  });
}

const stopper = (proc: ChildProcess) => () =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.on('exit', () => resolve());
    proc.kill('SIGTERM');
  });

/** The `sync.*` figures of one Loket run; `suffix` '.pg' for the server on PostgreSQL. */
function loketFigures(f: LoketFigures, suffix: '' | '.pg'): Figures {
  return {
    [`sync.push_per_s${suffix}`]: round(f.push, 0),
    [`sync.pull_per_s${suffix}`]: round(f.pull, 0),
    [`sync.noop_ms${suffix}`]: round(f.noop, 2),
    [`sync.client_rss_mb${suffix}`]: round(f.rss, 1),
    [`sync.wan_push_per_s${suffix}`]: round(f.wanPush, 0),
    [`sync.wan_pull_per_s${suffix}`]: round(f.wanPull, 0),
  };
}

/** The bundled server in a process of its own, as in a mall (its own event loop and heap). */
export async function startLoketServer(db: { sqliteFile: string } | { schema: string }, extraArgs: readonly string[] = []): Promise<Proc> {
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`Missing ${SERVER_BUNDLE}: run "node scripts/build.mjs --skip-renderer" first.`);
  const args = [...SERVER_NODE_ARGS, SERVER_BUNDLE, '--port', '0', '--demo', ...('sqliteFile' in db ? ['--data', db.sqliteFile] : ['--schema', db.schema]), ...extraArgs];
  const env = { ...process.env, LOKET_LOG_LEVEL: 'warn', ...('schema' in db ? { DATABASE_URL: PG_URL } : {}) };
  const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await waitForLine(proc, /LOKET_SERVER_LISTENING (\S+)/, 'loket server');
  return { port: Number(new URL(url).port), proc, stop: stopper(proc) };
}

const POUCH_SERVER = `
const express = require('express');
const PouchDB = require('pouchdb');
const dir = process.argv[1];
const P = PouchDB.defaults({ prefix: dir + '/' });
const app = express();
app.use('/', require('express-pouchdb')(P, { logPath: dir + '/log.txt', mode: 'minimumForPouchDB' }));
const s = app.listen(0, '127.0.0.1', () => console.log('POUCH_LISTENING ' + s.address().port));
`;

async function startPouchServer(dir: string): Promise<Proc> {
  const proc = spawn(process.execPath, ['-e', POUCH_SERVER, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = Number(await waitForLine(proc, /POUCH_LISTENING (\d+)/, 'pouchdb server'));
  return { port, proc, stop: stopper(proc) };
}

// ------------------------------------------------------------------ Loket

/** CPU time (user + system) a process has used, in ms, from /proc (Linux; NaN elsewhere). */
function procCpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

async function login(url: string): Promise<string> {
  const res = await fetch(new URL('/api/v1/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'petugas.dukcapil', password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

function engineFor(db: Db, url: string, token: string): SyncEngine {
  return new SyncEngine({
    db,
    transport: new SyncTransport({ baseUrl: async () => url, timeoutMs: 600_000 }),
    token: () => token,
    installationId: `bench-${randomBytes(4).toString('hex')}`,
    log: silentLogger,
    entities: [applicationClientEntity],
    pushBatch: 5000,
    intervalMs: 0,
  });
}

/** The counter's state after N offline writes: N working rows and N outbox entries. */
async function seedOutbox(db: Db, recs: readonly Rec[]): Promise<void> {
  await db.transaction(async (trx) => {
    await bulkUpsert(
      trx,
      'applications',
      ['id', 'agency_id', 'service_id', 'applicant_name', 'applicant_nik', 'notes', 'status', 'status_reason', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by'],
      recs.map((r) => [r.id, r.agencyId, r.serviceId, r.applicantName, r.applicantNik, r.notes, 'diterima', null, 0, r.at, 'of-petugas-dukcapil', r.at, 'of-petugas-dukcapil']),
    );
    await bulkUpsert(
      trx,
      'outbox',
      ['id', 'seq', 'kind', 'payload_json', 'created_at', 'state', 'attempts', 'last_error'],
      recs.map((r, i) => [randomUUID(), i + 1, 'application.create', JSON.stringify(r), r.at, 'pending', 0, null]),
    );
  });
}

interface LoketFigures {
  push: number;
  pull: number;
  noop: number;
  rss: number;
  wanPush: number;
  wanPull: number;
}

async function benchLoket(recs: readonly Rec[], server: Proc, tmp: string, label: string, wanRecs: readonly Rec[]): Promise<LoketFigures> {
  const url = `http://127.0.0.1:${server.port}`;
  const token = await login(url);

  // Push N queued changes.
  const pushDb = await openDatabase(path.join(tmp, `${label}-push.sqlite`));
  await seedOutbox(pushDb, recs);
  const serverCpu0 = procCpuMs(server.proc.pid);
  const clientCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const pushed = await engineFor(pushDb, url, token).pushOnly();
  const pushS = (performance.now() - t0) / 1000;
  const clientCpu = process.cpuUsage(clientCpu0);
  // Diagnostics only (not figures): where the CPU of the push went, per entry.
  console.log(
    `  [sync] ${label} push: ${(pushS * 1000).toFixed(0)} ms; CPU per entry: server ${(((procCpuMs(server.proc.pid) - serverCpu0) * 1000) / recs.length).toFixed(1)} µs, ` +
      `counter ${((clientCpu.user + clientCpu.system) / recs.length).toFixed(1)} µs`,
  );
  if (pushed.applied !== recs.length) throw new Error(`push applied ${pushed.applied} of ${recs.length}`);
  await pushDb.destroy();

  // Pull N into an empty installation, in a process of its own so its memory is the client's alone.
  const pullFile = path.join(tmp, `${label}-pull.sqlite`);
  const child = await runPullChild(url, token, pullFile);
  if (child.pulled < recs.length) throw new Error(`pulled ${child.pulled} of ${recs.length}`);
  const pullDb = await openDatabase(pullFile);
  const engine = engineFor(pullDb, url, token);
  let t = 0;

  // A sync with nothing to do: push (empty outbox) + pull (no changes, digest compare).
  await engine.syncNow();
  const noops: number[] = [];
  for (let i = 0; i < 30; i++) {
    t = performance.now();
    const r = await engine.syncNow();
    noops.push(performance.now() - t);
    if (!r.ok) throw new Error(`noop sync failed: ${r.error?.messageEn}`);
  }
  noops.sort((a, b) => a - b);
  await pullDb.destroy();

  const lan = { push: recs.length / pushS, pull: child.pulled / child.seconds, noop: noops[Math.floor(noops.length / 2)] ?? Number.NaN, rss: child.rssMb };
  if (!PARTS.has('wan')) return { ...lan, wanPush: Number.NaN, wanPull: Number.NaN };

  // The same over a 40 ms round trip.
  const proxy = await startSyncProxy({ host: '127.0.0.1', port: server.port }, { delayMs: RTT_MS / 2 });
  try {
    const wanPushDb = await openDatabase(path.join(tmp, `${label}-wan-push.sqlite`));
    await seedOutbox(wanPushDb, wanRecs);
    t = performance.now();
    await engineFor(wanPushDb, proxy.url, token).pushOnly();
    const wanPushS = (performance.now() - t) / 1000;
    await wanPushDb.destroy();
    const wanPullDb = await openDatabase(path.join(tmp, `${label}-wan-pull.sqlite`));
    t = performance.now();
    const wp = await engineFor(wanPullDb, proxy.url, token).pullOnly();
    const wanPullS = (performance.now() - t) / 1000;
    await wanPullDb.destroy();
    return {
      ...lan,
      wanPush: wanRecs.length / wanPushS,
      // The WAN pull brings everything on the server (both pushes).
      wanPull: wp.pulled / wanPullS,
    };
  } finally {
    await proxy.close();
  }
}

interface PullChildResult {
  pulled: number;
  seconds: number;
  rssMb: number;
}

let childBundle: string | null = null;

/**
 * Runs `pullChild` below in a fresh Node process and returns what it measured. The child is
 * this file bundled with esbuild, like the app's main process (no tsx in its memory).
 */
async function runPullChild(url: string, token: string, file: string): Promise<PullChildResult> {
  if (!childBundle || !fs.existsSync(childBundle)) {
    const { build } = await import('esbuild');
    // Inside the repository so the external packages resolve from node_modules.
    childBundle = path.join(ROOT, 'dist', 'bench', 'sync-pull-child.cjs');
    await build({ entryPoints: [__filename], outfile: childBundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning', absWorkingDir: ROOT });
  }
  const proc = spawn(process.execPath, [...PULL_NODE_ARGS, childBundle, '--pull-child', url, token, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await waitForLine(proc, /PULL_RESULT (\{.*\})/, 'pull child');
  await new Promise((resolve) => (proc.exitCode !== null ? resolve(null) : proc.on('exit', resolve)));
  return JSON.parse(line) as PullChildResult;
}

async function pullChild(url: string, token: string, file: string): Promise<void> {
  const db = await openDatabase(file);
  let rss = process.memoryUsage().rss;
  const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 10);
  const t = performance.now();
  const r = await engineFor(db, url, token).pullOnly();
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  rss = Math.max(rss, process.memoryUsage().rss);
  await db.destroy();
  process.stdout.write(`PULL_RESULT ${JSON.stringify({ pulled: r.pulled, seconds, rssMb: rss / (1024 * 1024) })}\n`);
}

if (process.argv[2] === '--pull-child') {
  const [url = '', token = '', file = ''] = process.argv.slice(3);
  pullChild(url, token, file).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

// ------------------------------------------------------------------ PouchDB

interface PouchLike {
  bulkDocs(docs: object[]): Promise<unknown>;
  replicate: { to(target: string, opts?: object): Promise<{ docs_written: number }>; from(source: string, opts?: object): Promise<{ docs_written: number }> };
  destroy(): Promise<unknown>;
}
type PouchCtor = new (name: string) => PouchLike;

async function benchPouch(recs: readonly Rec[], tmp: string, label: string, rttMs: number): Promise<{ push: number; pull: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PouchDB = require('pouchdb') as PouchCtor;
  const dir = path.join(tmp, `pouch-server-${label}`);
  fs.mkdirSync(dir, { recursive: true });
  const server = await startPouchServer(dir);
  // On the LAN PouchDB talks to its server directly, like Loket does (no proxy hop).
  const proxy = rttMs > 0 ? await startSyncProxy({ host: '127.0.0.1', port: server.port }, { delayMs: rttMs / 2 }) : null;
  try {
    const remote = `${proxy ? proxy.url : `http://127.0.0.1:${server.port}`}/bench`;
    await fetch(remote, { method: 'PUT' });
    const local = new PouchDB(path.join(tmp, `pouch-local-${label}`));
    for (let i = 0; i < recs.length; i += 5000) {
      await local.bulkDocs(recs.slice(i, i + 5000).map((r) => ({ _id: r.id, type: 'application', status: 'diterima', ...r })));
    }
    let t = performance.now();
    const up = await local.replicate.to(remote);
    const pushS = (performance.now() - t) / 1000;
    if (up.docs_written !== recs.length) throw new Error(`pouchdb pushed ${up.docs_written} of ${recs.length}`);
    const fresh = new PouchDB(path.join(tmp, `pouch-fresh-${label}`));
    t = performance.now();
    const down = await fresh.replicate.from(remote);
    const pullS = (performance.now() - t) / 1000;
    if (down.docs_written !== recs.length) throw new Error(`pouchdb pulled ${down.docs_written} of ${recs.length}`);
    await local.destroy();
    await fresh.destroy();
    return { push: recs.length / pushS, pull: recs.length / pullS };
  } finally {
    await proxy?.close();
    await server.stop();
  }
}

// ------------------------------------------------------------------ raw SQLite

async function benchRawSqlite(recs: readonly Rec[], tmp: string): Promise<number> {
  const db = await openDatabase(path.join(tmp, 'raw.sqlite'));
  const cols = ['id', 'agency_id', 'service_id', 'applicant_name', 'applicant_nik', 'notes', 'status', 'status_reason', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by'];
  const perChunk = Math.floor(30_000 / cols.length);
  const tuple = `(${cols.map(() => '?').join(',')})`;
  const t = performance.now();
  await db.transaction(async (trx) => {
    for (let i = 0; i < recs.length; i += perChunk) {
      const chunk = recs.slice(i, i + perChunk);
      const bindings: (string | number | null)[] = [];
      for (const r of chunk) bindings.push(r.id, r.agencyId, r.serviceId, r.applicantName, r.applicantNik, r.notes, 'diterima', null, 1, r.at, 'of-petugas-dukcapil', r.at, 'of-petugas-dukcapil');
      await trx.raw(`insert into applications (${cols.join(',')}) values ${new Array<string>(chunk.length).fill(tuple).join(',')}`, bindings);
    }
  });
  const s = (performance.now() - t) / 1000;
  await db.destroy();
  return recs.length / s;
}

// ------------------------------------------------------------------ area

export async function benchSync(): Promise<Figures> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-bench-sync-'));
  // PouchDB over a 40 ms link runs at a few hundred documents a second: the WAN runs use N/5 by default.
  const wanN = Math.max(100, Number(process.env.LOKET_BENCH_WAN_RECORDS ?? Math.round(N / 5)));
  const say = (m: string) => console.log(`  [sync] ${m}`);
  const figures: Figures = { 'sync.records': N, 'sync.wan_records': wanN };
  try {
    const recs = makeRecords(N);
    say(`${N} records of ~${Math.round(JSON.stringify(recs[0]).length)} bytes (JSON); WAN runs with ${wanN}`);

    if (PARTS.has('raw')) {
      say('raw SQLite insert…');
      figures['sqlite.raw_insert_per_s'] = round(await benchRawSqlite(recs, tmp), 0);
    }

    if (PARTS.has('sqlite')) {
      say('Loket, server on SQLite…');
      const sqliteServer = await startLoketServer({ sqliteFile: path.join(tmp, 'server.sqlite') });
      try {
        const f = await benchLoket(recs, sqliteServer, tmp, 'sqlite', makeRecords(wanN));
        Object.assign(figures, loketFigures(f, ''));
      } finally {
        await sqliteServer.stop();
      }
    }

    if (PARTS.has('pg')) {
      say('Loket, server on PostgreSQL…');
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      const pgServer = await startLoketServer({ schema });
      try {
        const f = await benchLoket(recs, pgServer, tmp, 'pg', makeRecords(wanN));
        Object.assign(figures, loketFigures(f, '.pg'));
      } finally {
        await pgServer.stop();
        const admin = knexFactory({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 1 } });
        await admin.raw('drop schema if exists ?? cascade', [schema]).finally(() => admin.destroy());
      }
    }

    if (PARTS.has('pouch')) {
      say('PouchDB → express-pouchdb…');
      const p = await benchPouch(recs, tmp, 'lan', 0);
      figures['pouchdb.push_per_s'] = round(p.push, 0);
      figures['pouchdb.pull_per_s'] = round(p.pull, 0);
    }
    if (PARTS.has('pouch') && PARTS.has('wan')) {
      say('PouchDB over 40 ms RTT…');
      const w = await benchPouch(makeRecords(wanN), tmp, 'wan', RTT_MS);
      figures['pouchdb.wan_push_per_s'] = round(w.push, 0);
      figures['pouchdb.wan_pull_per_s'] = round(w.pull, 0);
    }

    const ratio = (a: string, b: string) => round((figures[a] ?? Number.NaN) / (figures[b] ?? Number.NaN), 2);
    figures['sync.push_vs_pouchdb'] = ratio('sync.push_per_s', 'pouchdb.push_per_s');
    figures['sync.pull_vs_pouchdb'] = ratio('sync.pull_per_s', 'pouchdb.pull_per_s');
    figures['sync.wan_push_vs_pouchdb'] = ratio('sync.wan_push_per_s', 'pouchdb.wan_push_per_s');
    figures['sync.wan_pull_vs_pouchdb'] = ratio('sync.wan_pull_per_s', 'pouchdb.wan_pull_per_s');
    figures['sync.push_vs_raw_sqlite'] = ratio('sync.push_per_s', 'sqlite.raw_insert_per_s');
    figures['sync.pull_vs_raw_sqlite'] = ratio('sync.pull_per_s', 'sqlite.raw_insert_per_s');
    say(
      `Loket/PouchDB: push ×${figures['sync.push_vs_pouchdb']}, pull ×${figures['sync.pull_vs_pouchdb']}, ` +
        `WAN push ×${figures['sync.wan_push_vs_pouchdb']}, WAN pull ×${figures['sync.wan_pull_vs_pouchdb']}; ` +
        `Loket/raw SQLite: push ×${figures['sync.push_vs_raw_sqlite']}, pull ×${figures['sync.pull_vs_raw_sqlite']}`,
    );
    // A part left out (LOKET_BENCH_SYNC_PARTS) writes nothing rather than NaN.
    for (const [k, v] of Object.entries(figures)) if (!Number.isFinite(v)) delete figures[k];
    return figures;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * What this machine allows at all, measured beside the queue bench's figures so that they can
 * be read against it (the targets are for "this 2-core machine"):
 *
 * - `pgbenchClaimFloor`: PostgreSQL's own load generator (pgbench) runs the claim bench's loop —
 *   50 clients, each a call-next then a start, no pause — as the fewest SQL statements a claim
 *   needs (bench/pgbench/*.sql), with no application at all: no HTTP, no Node, no grouping.
 * - `roundTripFloor`: one counter's call-next with almost no work — a Node process posts JSON to
 *   a second Node process over keep-alive HTTP on 127.0.0.1, which writes a SQLite transaction
 *   of 8 prepared inserts and answers; the caller then commits 3 inserts of its own. The same
 *   shape as a real call-next (two processes, two SQLite transactions), a fraction of the work:
 *   its p99 is this machine's scheduling noise for that shape.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { percentile, round, type Figures } from '../report';

const PGBENCH_CLIENTS = 50;
const PGBENCH_SECONDS = Number(process.env.LOKET_BENCH_PGBENCH_S ?? 15);
const PGBENCH_TICKETS = 20_000;
const SCRIPTS = path.join(__dirname, '..', 'pgbench');

/**
 * The pgbench floor on the schema of a server that ran the claim bench (its counters numbered
 * 200–249 exist). `seed` adds waiting tickets. Figures with the `.pg` suffix; none when pgbench
 * is not installed (it comes with PostgreSQL's Debian packages).
 */
export async function pgbenchClaimFloor(db: Knex, pgUrl: string, schema: string, seed: (n: number) => Promise<void>): Promise<Figures> {
  if (spawnSync('pgbench', ['--version']).status !== 0) {
    console.log('queue bench: pgbench not found, no PostgreSQL floor measured');
    return {};
  }
  await db('tickets').where({ status: 'waiting' }).delete();
  await seed(PGBENCH_TICKETS);
  await db.raw(
    `insert into queue_counter_state (counter_id, priority_streak, normal_streak, updated_at)
     select id, 0, 0, '2026-03-02T04:00:00.000Z' from counters where agency_id = 'ag-dukcapil' and number between 200 and 249
     on conflict (counter_id) do nothing`,
  );
  const url = new URL(pgUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-pgbench-'));
  try {
    const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), '-n', '-c', String(PGBENCH_CLIENTS), '-j', '2', '-T', String(PGBENCH_SECONDS)];
    args.push('-f', `${path.join(SCRIPTS, 'claim.sql')}@1`, '-f', `${path.join(SCRIPTS, 'start.sql')}@1`, '-l', url.pathname.slice(1) || 'postgres');
    const env = { ...process.env, PGOPTIONS: `-c search_path=${schema}` };
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn('pgbench', args, { cwd: dir, env });
      let text = '';
      p.stdout.on('data', (d: Buffer) => (text += d.toString()));
      p.stderr.on('data', (d: Buffer) => (text += d.toString()));
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited with ${code}: ${text.slice(-2000)}`))));
    });
    // Log lines: client, transaction, latency (µs), script (0 = claim.sql), epoch s, µs.
    const claims: number[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith('pgbench_log'))) {
      for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
        const f = line.split(' ');
        if (f.length >= 4 && f[3] === '0') claims.push(Number(f[2]) / 1000);
      }
    }
    claims.sort((a, b) => a - b);
    const tps = /SQL script 1: .*\n[^\n]*tps = ([\d.]+)/.exec(out)?.[1];
    return {
      'queue.pgbench_claim_p50_ms.pg': round(percentile(claims, 50)),
      'queue.pgbench_claim_p99_ms.pg': round(percentile(claims, 99)),
      'queue.pgbench_claims_per_s.pg': round(Number(tps ?? claims.length / PGBENCH_SECONDS), 1),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const FLOOR_SERVER = `
const http = require('node:http');
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(process.argv[1]);
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, w TEXT)', () => {
  const ins = db.prepare('INSERT INTO t (v, w) VALUES (?, ?)');
  const run = (sql) => new Promise((r, j) => db.run(sql, (e) => (e ? j(e) : r())));
  const add = (v) => new Promise((r, j) => ins.run(v, 'x'.repeat(300), (e) => (e ? j(e) : r())));
  http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const i = JSON.parse(body).i;
      await run('BEGIN IMMEDIATE');
      for (let k = 0; k < 8; k++) await add(String(i));
      await run('COMMIT');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, ticket: { id: 'x'.repeat(36), number: i, view: 'y'.repeat(400) } }));
    });
  }).listen(0, '127.0.0.1', function () { console.log('FLOOR_LISTENING ' + this.address().port); });
});
`;

/** The two-process round-trip floor (see above): p50/p99 of `calls` timed calls after 100 untimed. */
export async function roundTripFloor(dir: string, calls = 2000): Promise<Figures> {
  // The sqlite3 package resolves from the project, as the app's does.
  const proc = spawn(process.execPath, ['-e', FLOOR_SERVER, path.join(dir, 'floor-server.sqlite')], { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /FLOOR_LISTENING (\d+)/.exec(out);
        if (m?.[1]) resolve(Number(m[1]));
      });
      proc.on('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
    });
    const { default: sqlite3 } = await import('sqlite3');
    const http = await import('node:http');
    const db = new sqlite3.Database(path.join(dir, 'floor-client.sqlite'));
    const exec = (sql: string) => new Promise<void>((r, j) => db.exec(sql, (e) => (e ? j(e) : r())));
    await exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, w TEXT)');
    const ins = db.prepare('INSERT INTO t (v, w) VALUES (?, ?)');
    const add = (v: string) => new Promise<void>((r, j) => ins.run(v, 'x'.repeat(300), (e: Error | null) => (e ? j(e) : r())));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (i: number) =>
      new Promise<void>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/json' } }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => (JSON.parse(body) ? resolve() : reject(new Error('floor: no answer'))));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ i, pad: 'z'.repeat(200) }));
      });
    const samples: number[] = [];
    for (let i = 0; i < calls + 100; i++) {
      const t0 = performance.now();
      await post(i);
      await exec('BEGIN IMMEDIATE');
      for (let k = 0; k < 3; k++) await add(String(i));
      await exec('COMMIT');
      if (i >= 100) samples.push(performance.now() - t0);
      await post(-i); // the "start" that follows each call
    }
    agent.destroy();
    await new Promise<void>((r) => ins.finalize(() => db.close(() => r())));
    samples.sort((a, b) => a - b);
    return { 'queue.floor_roundtrip_p50_ms': round(percentile(samples, 50)), 'queue.floor_roundtrip_p99_ms': round(percentile(samples, 99)) };
  } finally {
    proc.kill();
  }
}

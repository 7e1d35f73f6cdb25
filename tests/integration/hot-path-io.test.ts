/**
 * The I/O under the queue's hot paths, on real SQLite files and real HTTP on 127.0.0.1:
 * prepared statements run straight on knex's connection (node-shared/sqlite-raw.ts), WAL
 * checkpoints from a second connection (node-shared/sqlite-wal.ts), and the node:http
 * exchange with kept-alive sockets (main/server-link/http-exchange.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import { HttpExchange, Unreachable } from '../../main/server-link/http-exchange';
import { connAll, connRun, sqliteTransaction, transactionConnection } from '../../node-shared/sqlite-raw';
import { WAL_BACKSTOP_PAGES } from '../../node-shared/sqlite-wal';
import { tempDir } from '../support/temp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sqliteFile(): Promise<{ db: Knex; file: string }> {
  const t = tempDir('loket-hot-io-');
  const file = path.join(t.dir, 'hot.sqlite');
  const db = await openDatabase(file);
  cleanups.push(() => t.cleanup());
  cleanups.push(() => db.destroy());
  return { db, file };
}

describe('raw SQLite statements on knex’s connection', () => {
  it('commits a raw transaction, rolls one back on error, and reuses prepared statements', async () => {
    const { db } = await sqliteFile();
    await db.schema.createTable('t', (t) => {
      t.integer('id').primary();
      t.string('v');
    });
    const insert = 'insert into t (id, v) values (?, ?)';
    await sqliteTransaction(db, async (conn) => {
      expect(await connRun(conn, insert, [1, 'a'])).toBe(1);
      expect(await connRun(conn, insert, [2, 'b'])).toBe(1);
    });
    await expect(
      sqliteTransaction(db, async (conn) => {
        await connRun(conn, insert, [3, 'c']);
        await connRun(conn, insert, [1, 'duplicate']); // primary key: the transaction fails
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(await db('t').orderBy('id').select('id', 'v')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
    ]);
    // The same prepared statement after its error, concurrent calls on it, and knex meanwhile.
    await sqliteTransaction(db, (conn) => Promise.all([connRun(conn, insert, [3, 'c']), connRun(conn, insert, [4, 'd'])]));
    expect(await db('t').count({ n: '*' }).first()).toEqual({ n: 4 });
    const rows = await db.transaction(async (trx) => connAll<{ v: string }>(await transactionConnection(trx), 'select v from t where id in (?, ?) order by id', [2, 4]));
    expect(rows).toEqual([{ v: 'b' }, { v: 'd' }]);
  });

  it('keeps at most a bounded number of statements prepared and closes the connection cleanly', async () => {
    const { db } = await sqliteFile();
    // 400 different statements (more than the cache holds): the oldest are finalized as new ones come.
    await sqliteTransaction(db, async (conn) => {
      for (let i = 0; i < 400; i++) expect(await connAll(conn, `select ${i} as n`, [])).toEqual([{ n: i }]);
    });
    // destroy() closes the connection: SQLite refuses while statements are not finalized.
    await db.destroy();
    cleanups.pop();
  });
});

describe('WAL checkpoints beside the writes', () => {
  it('never checkpoints inside a commit, and copies the WAL into the database within a few seconds', async () => {
    const { db, file } = await sqliteFile();
    expect(await db.raw('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: WAL_BACKSTOP_PAGES }]);
    await db.schema.createTable('blob', (t) => {
      t.increments('id');
      t.text('data');
    });
    const before = fs.statSync(file).size;
    const chunk = 'x'.repeat(4000);
    await db.transaction(async (trx) => {
      for (let i = 0; i < 1500; i++) await trx('blob').insert({ data: chunk });
    });
    // ~6 MB in the WAL; the database file itself has not grown yet (no commit checkpointed).
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(5_000_000);
    const deadline = Date.now() + 8000;
    while (fs.statSync(file).size < before + 5_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(fs.statSync(file).size).toBeGreaterThan(before + 5_000_000);
    expect(await db('blob').count({ n: '*' }).first()).toEqual({ n: 1500 });
  });

  it('leaves in-memory databases alone', async () => {
    const db = knexFactory({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    cleanups.push(() => db.destroy());
    expect(await db.raw('select 1 as one')).toEqual([{ one: 1 }]);
  });
});

describe('HTTP exchange with kept-alive sockets', () => {
  async function listen(server: net.Server): Promise<number> {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    return (server.address() as net.AddressInfo).port;
  }

  it('reuses one connection for consecutive requests and sends bodies as given', async () => {
    let connections = 0;
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push(body);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, len: req.headers['content-length'] ?? null }));
      });
    });
    server.on('connection', () => (connections += 1));
    const port = await listen(server);
    const x = new HttpExchange();
    cleanups.push(() => x.close());
    const url = new URL(`http://127.0.0.1:${port}/x`);
    expect(await x.send(url, 'POST', { 'content-type': 'application/json' }, '{"a":"é"}', 2000)).toEqual({ status: 200, text: JSON.stringify({ method: 'POST', len: '10' }) });
    expect(await x.send(url, 'PUT', {}, new Uint8Array([1, 2, 3]), 2000)).toMatchObject({ status: 200 });
    expect(await x.send(url, 'GET', {}, undefined, 2000)).toMatchObject({ status: 200 });
    expect(bodies[0]).toBe('{"a":"é"}');
    expect(connections).toBe(1);
  });

  it('fails at once when the peer accepts and closes the connection (fetch hung there until its time limit)', async () => {
    const server = net.createServer((socket) => socket.destroy());
    const port = await listen(server);
    const x = new HttpExchange();
    cleanups.push(() => x.close());
    const t0 = Date.now();
    await expect(x.send(new URL(`http://127.0.0.1:${port}/`), 'POST', {}, '{}', 10_000)).rejects.toBeInstanceOf(Unreachable);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('gives up after its time limit when the server never answers, and on a refused port', { timeout: 10_000 }, async () => {
    const held = new Set<net.Socket>();
    const server = net.createServer((socket) => held.add(socket)); // accepts, never answers
    const port = await listen(server);
    cleanups.push(() => held.forEach((s) => s.destroy()));
    const x = new HttpExchange();
    cleanups.push(() => x.close());
    const t0 = Date.now();
    await expect(x.send(new URL(`http://127.0.0.1:${port}/`), 'GET', {}, undefined, 300)).rejects.toThrow(/timeout/);
    expect(Date.now() - t0).toBeLessThan(2000);
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const freePort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(x.send(new URL(`http://127.0.0.1:${freePort}/`), 'GET', {}, undefined, 2000)).rejects.toBeInstanceOf(Unreachable);
  });
});

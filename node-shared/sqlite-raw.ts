/**
 * Hot-path statements on SQLite straight through node-sqlite3, skipping knex's runner.
 *
 * Measured on this project's 2-core VM: a statement through knex costs 60–160 µs of main-thread
 * work on top of the ~30 µs node-sqlite3 itself needs (connection acquire, events, debug hooks,
 * response processing, promise chains), and a knex transaction 100–250 µs more than BEGIN and
 * COMMIT sent straight (it builds a knex instance per transaction). Call-next runs ~15 statements
 * in two transactions (server and counter): knex's share was a third of its latency.
 *
 * The SQL still comes from knex builders where that keeps one query for both databases
 * (`compile`: a few µs); only the execution is raw. Knex's single pool connection stays the
 * only connection: `sqliteTransaction` holds it from the pool for the whole transaction, so
 * nothing else can run on it meanwhile, exactly like a knex transaction.
 */
import type { Knex } from 'knex';

/** A node-sqlite3 prepared statement (the calls used here). */
export interface SqliteStatement {
  all(params: unknown[], cb: (err: Error | null, rows: unknown[]) => void): unknown;
  run(params: unknown[], cb: (this: { changes: number }, err: Error | null) => void): unknown;
  finalize(cb?: (err: Error | null) => void): unknown;
}

/** The node-sqlite3 connection object knex's pool hands out. */
export interface SqliteConnection {
  all(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown[]) => void): unknown;
  run(sql: string, params: unknown[], cb: (this: { changes: number }, err: Error | null) => void): unknown;
  prepare(sql: string, cb: (err: Error | null) => void): SqliteStatement;
  close(cb?: (err: Error | null) => void): unknown;
}

/**
 * Prepared statements per connection, by key (the SQL text, or a bulk INSERT's shape).
 * node-sqlite3 prepares every `run`/`all` anew, and preparing is what costs most on the hot
 * paths: an INSERT into the counter's `queue_tickets` compiles the supervisor triggers (005,
 * 007, 008) with it — 0.3–0.4 ms of 0.45 ms here, against 0.12 ms for the same insert prepared
 * once. A statement queues its own calls, so concurrent calls with the same SQL are safe;
 * statements run to completion (run/all, never get) hold no lock between calls.
 *
 * The cache is bounded by weight, least recently used out: a bulk INSERT weighs its tuples (a
 * compiled tuple is a few hundred bytes), any other statement `SMALL_WEIGHT`.
 */
const MAX_WEIGHT = 30_000;
const SMALL_WEIGHT = 100;
interface Cached {
  st: Promise<SqliteStatement>;
  weight: number;
}
const statements = new WeakMap<SqliteConnection, Map<string, Cached>>();

function cacheOf(conn: SqliteConnection): Map<string, Cached> {
  const cache = statements.get(conn);
  if (cache) return cache;
  const created = new Map<string, Cached>();
  statements.set(conn, created);
  // SQLite refuses to close a connection with statements not finalized: finalize them first.
  const close = conn.close.bind(conn);
  conn.close = (cb?: (err: Error | null) => void) => {
    const pending = [...created.values()];
    created.clear();
    void Promise.allSettled(pending.map((c) => c.st.then((st) => new Promise((r) => st.finalize(() => r(null)))))).then(() => close(cb));
  };
  return created;
}

/** The statement of `key`, prepared from `sql()` on first use. */
export function prepared(conn: SqliteConnection, key: string, weight: number, sql: () => string): Promise<SqliteStatement> {
  const cache = cacheOf(conn);
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: the oldest is the first evicted.
    cache.delete(key);
    cache.set(key, hit);
    return hit.st;
  }
  const st = new Promise<SqliteStatement>((resolve, reject) => {
    const s = conn.prepare(sql(), (e) => (e ? reject(e) : resolve(s)));
  });
  st.catch(() => cache.delete(key));
  cache.set(key, { st, weight });
  let held = 0;
  for (const c of cache.values()) held += c.weight;
  for (const [oldKey, old] of cache) {
    if (held <= MAX_WEIGHT || oldKey === key) break;
    cache.delete(oldKey);
    held -= old.weight;
    // Finalize runs after the calls already queued on it.
    void old.st.then((s) => s.finalize(), () => undefined);
  }
  return st;
}

export const isSqlite = (db: Knex | Knex.Transaction): boolean => {
  const client = (db.client as { config?: { client?: unknown } }).config?.client;
  return client === 'sqlite3' || client === 'better-sqlite3';
};

/** SQL and bindings of a knex builder, ready for node-sqlite3 (`?` placeholders). */
export function compile(builder: Knex.QueryBuilder | Knex.Raw): { sql: string; bindings: unknown[] } {
  const native = builder.toSQL().toNative();
  return { sql: native.sql, bindings: [...native.bindings] };
}

/** Rows of a statement (prepared once per connection and SQL text). */
export async function connAll<T>(conn: SqliteConnection, sql: string, params: readonly unknown[]): Promise<T[]> {
  const st = await prepared(conn, sql, SMALL_WEIGHT, () => sql);
  return new Promise<T[]>((resolve, reject) => st.all([...params], (e, rows) => (e ? reject(e) : resolve(rows as T[]))));
}

/** Runs a write (prepared once per connection and SQL text); resolves with the number of rows it changed. */
export async function connRun(conn: SqliteConnection, sql: string, params: readonly unknown[]): Promise<number> {
  const st = await prepared(conn, sql, SMALL_WEIGHT, () => sql);
  return new Promise<number>((resolve, reject) =>
    st.run([...params], function (e) {
      if (e) reject(e);
      else resolve(this.changes);
    }),
  );
}

/** The connection a knex SQLite transaction holds (its client hands out that one only). */
export async function transactionConnection(trx: Knex.Transaction): Promise<SqliteConnection> {
  return (await trx.client.acquireConnection()) as SqliteConnection;
}

/**
 * A write transaction on SQLite without knex's transaction machinery: the pool's connection is
 * taken for its whole duration, BEGIN IMMEDIATE (the write lock at once, like every writer of
 * this single-connection setup), `fn`, COMMIT — or ROLLBACK when `fn` throws. Committed (in
 * the WAL) when the promise resolves.
 */
export async function sqliteTransaction<T>(db: Knex, fn: (conn: SqliteConnection) => Promise<T>): Promise<T> {
  const client = db.client as { acquireConnection(): Promise<unknown>; releaseConnection(conn: unknown): Promise<unknown> };
  const conn = (await client.acquireConnection()) as SqliteConnection;
  try {
    await connRun(conn, 'BEGIN IMMEDIATE', []);
    let out: T;
    try {
      out = await fn(conn);
    } catch (e) {
      await connRun(conn, 'ROLLBACK', []).catch(() => undefined);
      throw e;
    }
    try {
      await connRun(conn, 'COMMIT', []);
    } catch (e) {
      // A failed COMMIT leaves the transaction open (e.g. SQLITE_BUSY): end it before the connection goes back.
      await connRun(conn, 'ROLLBACK', []).catch(() => undefined);
      throw e;
    }
    return out;
  } finally {
    await client.releaseConnection(conn);
  }
}

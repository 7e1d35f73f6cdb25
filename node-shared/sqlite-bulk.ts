/**
 * Multi-row INSERTs into SQLite through node-sqlite3 pay for every bound value (about a
 * microsecond each, as much as the row's B-tree work when most columns are NULL). A column
 * that is NULL in every row of a chunk and whose default is NULL can be left out of the
 * INSERT: the row is the same, and `excluded.<col>` of an upsert is still NULL.
 */
import type { Knex } from 'knex';
import { connRun, prepared, type SqliteConnection } from './sqlite-raw';

const cache = new WeakMap<object, Map<string, Promise<ReadonlySet<string>>>>();

/** The columns of a SQLite table whose default is NULL (PRAGMA table_info), read once per knex instance. */
export function nullDefaultColumns(db: Knex | Knex.Transaction, table: string): Promise<ReadonlySet<string>> {
  // A transaction has its own client object (knex makeTxClient) but shares the instance's
  // config: keyed by the client, every transaction read the PRAGMA again (one more statement
  // per server claim).
  const client = db.client as { config?: unknown };
  const key = (typeof client.config === 'object' && client.config !== null ? client.config : client) as object;
  let byTable = cache.get(key);
  if (!byTable) cache.set(key, (byTable = new Map()));
  let cols = byTable.get(table);
  if (!cols) {
    cols = (db.raw('select name, dflt_value from pragma_table_info(?)', [table]) as Promise<{ name: string; dflt_value: string | null }[]>).then(
      (rows) => new Set(rows.filter((r) => r.dflt_value === null || r.dflt_value.toUpperCase() === 'NULL').map((r) => r.name)),
    );
    byTable.set(table, cols);
    cols.catch(() => byTable?.delete(table));
  }
  return cols;
}

/** Indexes of the columns to bind for these rows: all but those NULL everywhere that may be omitted. */
export function boundColumns(columns: readonly string[], rows: readonly (readonly unknown[])[], omittable: ReadonlySet<string>, keep: readonly string[] = []): number[] {
  const out: number[] = [];
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j] as string;
    if (!omittable.has(c) || keep.includes(c)) {
      out.push(j);
      continue;
    }
    for (const r of rows) {
      const v = r[j];
      if (v !== null && v !== undefined) {
        out.push(j);
        break;
      }
    }
  }
  return out;
}

export interface InsertChunk {
  rows: readonly (readonly unknown[])[];
  /** Indexes into `columns` of the values to bind, in order. */
  cols: number[];
}

/** Splits rows into multi-row INSERT chunks of at most `maxParams` bound values, each with its own column list. */
export function insertChunks(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  omittable: ReadonlySet<string>,
  keep: readonly string[],
  maxParams: number,
): InsertChunk[] {
  const out: InsertChunk[] = [];
  let i = 0;
  while (i < rows.length) {
    // Columns are chosen on a first slice, then the chunk is sized for them.
    const probe = rows.slice(i, i + Math.max(1, Math.floor(maxParams / columns.length)));
    const first = boundColumns(columns, probe, omittable, keep);
    let chunk = rows.slice(i, i + Math.max(1, Math.floor(maxParams / first.length)));
    const cols = chunk.length === probe.length ? first : boundColumns(columns, chunk, omittable, keep);
    if (cols.length > first.length) chunk = chunk.slice(0, Math.max(1, Math.floor(maxParams / cols.length)));
    out.push({ rows: chunk, cols });
    i += chunk.length;
  }
  return out;
}


/**
 * Runs one write statement on a transaction's own sqlite3 connection. knex walks every
 * binding of a raw query in JavaScript (tens of thousands per multi-row INSERT); the
 * values here are plain strings, numbers and NULLs that sqlite3 binds as they are.
 */
export async function sqliteRun(db: Knex | Knex.Transaction, sql: string, bindings: readonly unknown[]): Promise<void> {
  if (!db.isTransaction) {
    await db.raw(sql, bindings as Knex.RawBinding[]);
    return;
  }
  const conn = (await db.client.acquireConnection()) as SqliteConnection;
  // A few rows (the change log entries of a queue claim, a synced record): the same SQL comes
  // back often, keep it prepared; a large chunk is prepared once and dropped.
  if (bindings.length <= PREPARED_MAX_BINDINGS) {
    await connRun(conn, sql, bindings);
    return;
  }
  await new Promise<void>((resolve, reject) => conn.run(sql, bindings as unknown[], (e) => (e ? reject(e) : resolve())));
}

/** Sizes the rows are run in: whole `full` chunks, then the rest as one statement. */
export function chunkSizes(n: number, full: number): number[] {
  const out: number[] = [];
  let left = n;
  while (left >= full) {
    out.push(full);
    left -= full;
  }
  if (left > 0) out.push(left);
  return out;
}

/**
 * `insert into <table> (<cols>) values (…),(…)<suffix>` for these rows, on a transaction's
 * connection, through cached prepared statements. `cols` are indexes into `columns`.
 */
export async function sqliteInsertRows(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  cols: readonly number[],
  suffix: string,
  maxParams: number,
): Promise<void> {
  const head = `insert into "${table}" (${cols.map((j) => `"${columns[j] as string}"`).join(',')}) values `;
  const tuple = `(${cols.map(() => '?').join(',')})`;
  const bind = (from: number, n: number): unknown[] => {
    const out = new Array<unknown>(n * cols.length);
    let k = 0;
    for (let i = from; i < from + n; i++) {
      const r = rows[i] as readonly unknown[];
      for (const j of cols) out[k++] = r[j] ?? null;
    }
    return out;
  };
  if (!db.isTransaction) {
    await db.raw(`${head}${new Array<string>(rows.length).fill(tuple).join(',')}${suffix}`, bind(0, rows.length) as Knex.RawBinding[]);
    return;
  }
  const conn = (await db.client.acquireConnection()) as SqliteConnection;
  const full = Math.max(1, Math.floor(maxParams / cols.length));
  let from = 0;
  for (const n of chunkSizes(rows.length, full)) {
    // Compiling an INSERT of a couple of thousand tuples costs SQLite about a quarter of running
    // it (7 ms of 27 ms for 2,300 rows of 13 values): bulk writers repeat the same sizes (push
    // batches of 5,000 = two full chunks and the same rest; pull pages of 1,000), so the
    // statement is kept per (table, columns, row count) and re-bound.
    const st = await prepared(conn, `${head}|${n}|${suffix}`, n, () => `${head}${new Array<string>(n).fill(tuple).join(',')}${suffix}`);
    const params = bind(from, n);
    await new Promise<void>((resolve, reject) => st.run(params, (e) => (e ? reject(e) : resolve())));
    from += n;
  }
}
const PREPARED_MAX_BINDINGS = 200;

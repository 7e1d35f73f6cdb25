/**
 * Statements of the queue's hot paths (claims, ticket events) inside a transaction. On SQLite
 * the knex builder is only compiled and the statement runs straight on the transaction's
 * node-sqlite3 connection (node-shared/sqlite-raw.ts: knex's runner cost more than the
 * statement); on PostgreSQL the builder runs as usual. Same SQL, same results on both.
 */
import type { Knex } from 'knex';
import { compile, connAll, connRun, isSqlite, transactionConnection } from '../../../node-shared/sqlite-raw';

/** The rows of a SELECT (or of a write with RETURNING). */
export async function hotRows<T>(trx: Knex.Transaction, builder: Knex.QueryBuilder | Knex.Raw): Promise<T[]> {
  if (!isSqlite(trx)) {
    const res = (await builder) as unknown;
    // A raw statement on PostgreSQL answers with the driver's result object.
    if (res && typeof res === 'object' && !Array.isArray(res) && 'rows' in res) return (res as { rows: T[] }).rows;
    return res as T[];
  }
  const { sql, bindings } = compile(builder);
  return connAll<T>(await transactionConnection(trx), sql, bindings);
}

/** Runs an UPDATE / INSERT / DELETE builder; resolves with the number of rows it changed. */
export async function hotWrite(trx: Knex.Transaction, builder: Knex.QueryBuilder): Promise<number> {
  if (!isSqlite(trx)) {
    const res = (await builder) as unknown;
    return typeof res === 'number' ? res : Array.isArray(res) ? res.length : Number((res as { rowCount?: number } | null)?.rowCount ?? 0);
  }
  const { sql, bindings } = compile(builder);
  return connRun(await transactionConnection(trx), sql, bindings);
}

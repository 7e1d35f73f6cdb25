/**
 * Multi-row INSERT (optionally ON CONFLICT … DO UPDATE) in as few statements as the
 * database allows: the same SQL on SQLite (3.24+) and PostgreSQL.
 */
import type { Knex } from 'knex';

const MAX_PARAMS = 30_000; // SQLite allows 32766 bound parameters, PostgreSQL 65535.

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface Conflict {
  key: readonly string[];
  /** Columns to overwrite; empty = DO NOTHING. */
  update: readonly string[];
}

export async function bulkInsert(db: Knex | Knex.Transaction, table: string, columns: readonly string[], rows: readonly unknown[][], conflict?: Conflict): Promise<void> {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const tuple = `(${columns.map(() => '?').join(',')})`;
  let suffix = '';
  if (conflict) {
    suffix =
      ` on conflict (${conflict.key.map(q).join(',')}) do ` +
      (conflict.update.length ? `update set ${conflict.update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}` : 'nothing');
  }
  const head = `insert into ${q(table)} (${columns.map(q).join(',')}) values `;
  let cachedN = -1;
  let cachedSql = '';
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    if (chunk.length !== cachedN) {
      cachedN = chunk.length;
      cachedSql = head + new Array<string>(chunk.length).fill(tuple).join(',') + suffix;
    }
    const bindings: unknown[] = [];
    for (const r of chunk) for (const v of r) bindings.push(v === undefined ? null : v);
    await db.raw(cachedSql, bindings as Knex.RawBinding[]);
  }
}

/** `select … where col in (…)` in chunks, for large id lists. */
export async function selectIn<T>(ids: readonly string[], size: number, run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await run(ids.slice(i, i + size))));
  return out;
}

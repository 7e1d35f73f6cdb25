/** Multi-row upsert for the counter's SQLite (same shape as the server's helper). */
import type { Knex } from 'knex';
import { insertChunks, nullDefaultColumns, sqliteInsertRows } from '../../node-shared/sqlite-bulk';

const MAX_PARAMS = 30_000;

export async function bulkUpsert(trx: Knex | Knex.Transaction, table: string, columns: readonly string[], rows: readonly unknown[][], key = 'id'): Promise<void> {
  if (rows.length === 0) return;
  const omittable = await nullDefaultColumns(trx, table);
  // The update list names every column: a column left out of the INSERT is NULL in `excluded`.
  const updates = columns.filter((c) => c !== key).map((c) => `"${c}" = excluded."${c}"`);
  const suffix = ` on conflict ("${key}") do ${updates.length ? `update set ${updates.join(', ')}` : 'nothing'}`;
  for (const { rows: chunk, cols } of insertChunks(columns, rows, omittable, [key], MAX_PARAMS)) {
    await sqliteInsertRows(trx, table, columns, chunk, cols, suffix, MAX_PARAMS);
  }
}

export async function selectIn<T>(ids: readonly string[], run: (chunk: string[]) => Promise<T[]>, size = 900): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await run(ids.slice(i, i + size))));
  return out;
}

/** `select <columns> from <table> where id in (<ids>)` as ONE statement: the ids travel as one JSON parameter (json_each). */
export async function selectByIds<T>(trx: Knex | Knex.Transaction, table: string, columns: readonly string[], ids: readonly string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  return (await trx.raw(`select ${columns.map((c) => `"${c}"`).join(',')} from "${table}" where id in (select value from json_each(?))`, [JSON.stringify(ids)])) as T[];
}

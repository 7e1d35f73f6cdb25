/** Multi-row upsert for the counter's SQLite (same shape as the server's helper). */
import type { Knex } from 'knex';

const MAX_PARAMS = 30_000;

export async function bulkUpsert(trx: Knex | Knex.Transaction, table: string, columns: readonly string[], rows: readonly unknown[][], key = 'id'): Promise<void> {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const updates = columns.filter((c) => c !== key).map((c) => `"${c}" = excluded."${c}"`);
  const suffix = ` on conflict ("${key}") do ${updates.length ? `update set ${updates.join(', ')}` : 'nothing'}`;
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values `;
  let cachedN = -1;
  let sql = '';
  for (let i = 0; i < rows.length; i += perChunk) {
    const chunk = rows.slice(i, i + perChunk);
    if (chunk.length !== cachedN) {
      cachedN = chunk.length;
      sql = head + new Array<string>(chunk.length).fill(tuple).join(',') + suffix;
    }
    const bindings: Knex.RawBinding[] = [];
    for (const r of chunk) for (const v of r) bindings.push((v === undefined ? null : v) as Knex.RawBinding);
    await trx.raw(sql, bindings);
  }
}

export async function selectIn<T>(ids: readonly string[], run: (chunk: string[]) => Promise<T[]>, size = 900): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await run(ids.slice(i, i + size))));
  return out;
}

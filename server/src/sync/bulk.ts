/**
 * Multi-row INSERT (optionally ON CONFLICT … DO UPDATE) in as few statements as the
 * database allows: the same SQL on SQLite (3.24+) and PostgreSQL.
 */
import type { Knex } from 'knex';
import { insertChunks, nullDefaultColumns, sqliteInsertRows } from '../../../node-shared/sqlite-bulk';
import { isPostgres } from '../db/connect';

const MAX_PARAMS = 30_000; // SQLite allows 32766 bound parameters, PostgreSQL 65535.

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface Conflict {
  key: readonly string[];
  /** Columns to overwrite; empty = DO NOTHING. */
  update: readonly string[];
}

/** PostgreSQL column types (udt names) per table, read once from information_schema. */
const pgTypes = new WeakMap<object, Map<string, Promise<Map<string, string>>>>();

function columnTypes(db: Knex | Knex.Transaction, table: string): Promise<Map<string, string>> {
  const key = db.client as object;
  let byTable = pgTypes.get(key);
  if (!byTable) pgTypes.set(key, (byTable = new Map()));
  let types = byTable.get(table);
  if (!types) {
    types = (
      db('information_schema.columns').select('column_name', 'udt_name').where({ table_name: table }).whereRaw('table_schema = current_schema()') as Promise<
        { column_name: string; udt_name: string }[]
      >
    ).then((rows) => new Map(rows.map((r) => [r.column_name, r.udt_name])));
    byTable.set(table, types);
    types.catch(() => byTable?.delete(table));
  }
  return types;
}

function conflictSql(conflict?: Conflict): string {
  if (!conflict) return '';
  return (
    ` on conflict (${conflict.key.map(q).join(',')}) do ` +
    (conflict.update.length ? `update set ${conflict.update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}` : 'nothing')
  );
}

export async function bulkInsert(db: Knex | Knex.Transaction, table: string, columns: readonly string[], rows: readonly unknown[][], conflict?: Conflict): Promise<void> {
  if (rows.length === 0) return;
  const suffix = conflictSql(conflict);
  const head = `insert into ${q(table)} (${columns.map(q).join(',')}) `;
  if (isPostgres(db)) {
    // PostgreSQL: the rows travel as ONE json parameter expanded by json_to_recordset —
    // instead of one bound parameter per value, far less to bind and parse for thousands of rows.
    const types = await columnTypes(db, table);
    const defs = columns.map((c) => {
      const t = types.get(c);
      if (!t || !/^[a-z0-9_]+$/.test(t) || t === 'bytea') throw new Error(`bulkInsert: unsupported column ${table}.${c}`);
      return `${q(c)} ${t}`;
    });
    const cols = columns.map(q).join(',');
    for (let i = 0; i < rows.length; i += 10_000) {
      const chunk = rows.slice(i, i + 10_000);
      const objects = chunk.map((r) => {
        const o: Record<string, unknown> = {};
        for (let j = 0; j < columns.length; j++) o[columns[j] as string] = r[j] === undefined ? null : r[j];
        return o;
      });
      await db.raw(`${head}select ${cols} from json_to_recordset(?::json) as x(${defs.join(', ')})${suffix}`, [JSON.stringify(objects)]);
    }
    return;
  }
  const omittable = await nullDefaultColumns(db, table);
  for (const { rows: chunk, cols } of insertChunks(columns, rows, omittable, conflict?.key ?? [], MAX_PARAMS)) {
    await sqliteInsertRows(db, table, columns, chunk, cols, suffix, MAX_PARAMS);
  }
}

/** `select … where col in (…)` in chunks, for large id lists. */
export async function selectIn<T>(ids: readonly string[], size: number, run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await run(ids.slice(i, i + size))));
  return out;
}

/**
 * `select <columns> from <table> where <key> in (<ids>)` as ONE statement whatever the number
 * of ids: the ids travel as one JSON array parameter (json_each on SQLite,
 * json_array_elements_text on PostgreSQL) instead of a bound value each in chunks of a few
 * hundred. `forUpdate` locks the rows on PostgreSQL (in key order, so two writers cannot deadlock).
 */
export async function selectByIds<T>(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly string[],
  key: string,
  ids: readonly string[],
  opts: { forUpdate?: boolean } = {},
): Promise<T[]> {
  if (ids.length === 0) return [];
  const pg = isPostgres(db);
  const list = pg ? 'select json_array_elements_text(?::json)' : 'select value from json_each(?)';
  const lock = pg && opts.forUpdate ? ` order by ${q(key)} for update` : '';
  const res = (await db.raw(`select ${columns.map(q).join(',')} from ${q(table)} where ${q(key)} in (${list})${lock}`, [JSON.stringify(ids)])) as T[] | { rows: T[] };
  return Array.isArray(res) ? res : res.rows;
}

/**
 * Opens the server database. PostgreSQL for real malls, an embedded SQLite file
 * for demos and single-machine installs; every query above this file is the same
 * knex code for both, so rows use text ids and ISO timestamps stored as text.
 */
import knexFactory, { type Knex } from 'knex';
import { openSqliteWriter } from '../../../node-shared/sqlite-wal';

export type ServerDb = Knex;

export interface ServerDbOptions {
  /** A `postgres://` (or `postgresql://`) URL selects PostgreSQL. */
  databaseUrl?: string;
  /** SQLite file used when no PostgreSQL URL is given. */
  sqliteFile?: string;
  /** PostgreSQL schema to work in (tests use one schema per suite). */
  searchPath?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);

export function openServerDb(opts: ServerDbOptions): ServerDb {
  if (isPostgresUrl(opts.databaseUrl)) {
    if (opts.searchPath !== undefined && !SCHEMA_NAME.test(opts.searchPath)) {
      throw new Error(`Invalid PostgreSQL schema name: ${opts.searchPath}`);
    }
    return knexFactory({
      client: 'pg',
      connection: opts.databaseUrl,
      ...(opts.searchPath ? { searchPath: [opts.searchPath] } : {}),
      pool: { min: 0, max: 10 },
    });
  }
  if (opts.databaseUrl) throw new Error('DATABASE_URL must start with postgres:// (leave it unset to use SQLite).');
  if (!opts.sqliteFile) throw new Error('No database: give a PostgreSQL URL or a SQLite file.');
  return openSqliteWriter(opts.sqliteFile);
}

export const isPostgres = (db: ServerDb): boolean => {
  const client = db.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
};

/** Row counts come back as strings from PostgreSQL (bigint) and numbers from SQLite. */
export async function countRows(db: ServerDb | Knex.Transaction, table: string): Promise<number> {
  const row = (await db(table).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

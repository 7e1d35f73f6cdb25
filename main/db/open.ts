/**
 * Opens the installation's local SQLite cache. One connection: sqlite3 serialises
 * anyway, and a single connection makes transactions and PRAGMAs predictable.
 */
import type { Knex } from 'knex';
import { openSqliteWriter } from '../../node-shared/sqlite-wal';
import { migrationSource } from './migrations';

export type Db = Knex;

export async function openDatabase(filename: string): Promise<Db> {
  const db = openSqliteWriter(filename);
  await db.migrate.latest({ migrationSource });
  return db;
}

import type { Knex } from 'knex';
import { isPostgres, type ServerDb } from './connect';
import { serverMigrationSource } from './migrations';

const migrateConfig = (): Knex.MigratorConfig => ({ migrationSource: serverMigrationSource, tableName: 'knex_migrations' });

/** Creates the PostgreSQL schema named in searchPath (knex only sets search_path; it does not create it). */
async function ensureSchema(db: ServerDb): Promise<void> {
  if (!isPostgres(db)) return;
  const searchPath = db.client.config.searchPath;
  const schema = Array.isArray(searchPath) ? searchPath[0] : searchPath;
  if (typeof schema === 'string' && schema) await db.raw('create schema if not exists ??', [schema]);
}

/** Brings the database to the latest schema; returns the names of the migrations it ran. */
export async function migrateServer(db: ServerDb): Promise<string[]> {
  await ensureSchema(db);
  const [, ran] = (await db.migrate.latest(migrateConfig())) as [number, string[]];
  return ran;
}

/** Rolls every migration back (tests and `down` checks only). */
export async function rollbackServer(db: ServerDb): Promise<void> {
  await db.migrate.rollback(migrateConfig(), true);
}

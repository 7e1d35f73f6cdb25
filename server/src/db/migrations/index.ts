/**
 * The explicit, ordered list of server migrations. No directory scan, so the
 * esbuild bundle carries them. To add one: write NNN_name.ts exporting up/down
 * and append it here.
 */
import type { Knex } from 'knex';
import * as m001 from './001_init';
import * as m002 from './002_sync';
import * as m003 from './003_queue';
import * as m004 from './004_service_standards';
import * as m005 from './005_survey';
import * as m004b from './004_applications';
import * as m006 from './006_service_days';
import * as m007 from './007_ticket_changes_backfill';

export interface ServerMigration {
  name: string;
  up: (db: Knex) => Promise<void>;
  down: (db: Knex) => Promise<void>;
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [{ name: '001_init', ...m001 }, { name: '002_sync', ...m002 }, { name: '003_queue', ...m003 },
  { name: '004_service_standards', ...m004 },
  { name: '004_applications', ...m004b },
  { name: '005_survey', ...m005 },
  { name: '006_service_days', ...m006 },
  { name: '007_ticket_changes_backfill', ...m007 },
];

export const serverMigrationSource: Knex.MigrationSource<ServerMigration> = {
  getMigrations: () => Promise.resolve([...SERVER_MIGRATIONS]),
  getMigrationName: (m) => m.name,
  getMigration: (m) => Promise.resolve(m),
};

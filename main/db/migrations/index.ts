/**
 * The explicit, ordered list of local migrations. No directory scan, so the
 * bundled main process carries them. To add one: write NNN_name.ts exporting
 * up/down and append it here; tests/unit/db-migrations.test.ts checks each.
 */
import type { Knex } from 'knex';
import * as m001 from './001_init';
import * as m002 from './002_sync';
import * as m003 from './003_queue';
import * as m005 from './005_supervisor';
import * as m004 from './004_service_standards';
import * as m004b from './004_applications';
import * as m006 from './006_service_days';
import * as m007 from './007_supervisor_rollup';
import * as m008 from './008_supervisor_feeds';
import * as m009 from './009_supervisor_day_cells';

interface Migration {
  name: string;
  up: (db: Knex) => Promise<void>;
  down: (db: Knex) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [{ name: '001_init', ...m001 }, { name: '002_sync', ...m002 }, { name: '003_queue', ...m003 },
  { name: '004_service_standards', ...m004 },
  { name: '004_applications', ...m004b },
  { name: '005_supervisor', ...m005 },
  { name: '006_service_days', ...m006 },
  { name: '007_supervisor_rollup', ...m007 },
  { name: '008_supervisor_feeds', ...m008 },
  { name: '009_supervisor_day_cells', ...m009 },
];

export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: () => Promise.resolve([...MIGRATIONS]),
  getMigrationName: (m) => m.name,
  getMigration: (m) => Promise.resolve(m),
};

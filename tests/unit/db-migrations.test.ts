import path from 'node:path';
import knexFactory from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open';
import { MIGRATIONS, migrationSource } from '../../main/db/migrations';
import { tempDir } from '../support/temp';

const EXPECTED: Record<string, string[]> = {
  settings: ['key', 'value'],
  officer_credentials: ['officer_id', 'username', 'verifier', 'profile_json', 'verified_at'],
  signin_throttle: ['username', 'failures', 'locked_until'],
  agencies: ['id', 'code', 'name', 'service_days'],
  services: ['id', 'agency_id', 'code', 'name'],
  counters: ['id', 'agency_id', 'number', 'name'],
  outbox: ['id', 'seq', 'kind', 'payload_json', 'created_at', 'state', 'attempts', 'last_error'],
};

async function columns(db: Db, table: string): Promise<string[]> {
  const rows = (await db.raw(`PRAGMA table_info(${table})`)) as { name: string }[];
  return rows.map((r) => r.name);
}

describe('local database migrations', () => {
  let cleanup = () => undefined as void;
  let db: Db | null = null;
  afterEach(async () => {
    await db?.destroy();
    db = null;
    cleanup();
  });

  it('migrates an empty file up to the expected schema with WAL and foreign keys on', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    db = await openDatabase(path.join(t.dir, 'loket.sqlite'));
    for (const [table, cols] of Object.entries(EXPECTED)) {
      expect(await columns(db, table), table).toEqual(cols);
    }
    const [mode] = (await db.raw('PRAGMA journal_mode')) as { journal_mode: string }[];
    expect(mode?.journal_mode).toBe('wal');
    const [fk] = (await db.raw('PRAGMA foreign_keys')) as { foreign_keys: number }[];
    expect(fk?.foreign_keys).toBe(1);
    await expect(db('services').insert({ id: 's', agency_id: 'missing', code: 'x', name: 'x' })).rejects.toThrow(/FOREIGN KEY/);
  });

  it('runs each migration down and up again (one step at a time)', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    db = knexFactory({ client: 'sqlite3', connection: { filename: path.join(t.dir, 'm.sqlite') }, useNullAsDefault: true });
    for (let i = 0; i < MIGRATIONS.length; i++) {
      await db.migrate.up({ migrationSource });
    }
    const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], unknown[]];
    expect(pending).toHaveLength(0);
    for (let i = 0; i < MIGRATIONS.length; i++) await db.migrate.down({ migrationSource });
    const tables = (await db.raw("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'knex_%' AND name NOT LIKE 'sqlite_%'")) as unknown[];
    expect(tables).toEqual([]);
    await db.migrate.latest({ migrationSource });
    expect(await columns(db, 'outbox')).toEqual(EXPECTED.outbox);
  });

  it('reopens an existing file without re-running migrations and keeps its data', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'loket.sqlite');
    const first = await openDatabase(file);
    await first('settings').insert({ key: 'k', value: 'v' });
    await first.destroy();
    db = await openDatabase(file);
    expect(await db('settings').where({ key: 'k' }).first()).toEqual({ key: 'k', value: 'v' });
  });
});

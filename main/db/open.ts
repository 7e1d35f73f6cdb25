/**
 * Opens the installation's local SQLite cache. One connection: sqlite3 serialises
 * anyway, and a single connection makes transactions and PRAGMAs predictable.
 */
import { checkpointInBackground, NO_AUTO_CHECKPOINT } from '../../node-shared/sqlite-wal';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations';

export type Db = Knex;

export async function openDatabase(filename: string): Promise<Db> {
  const db = knexFactory({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { exec: (sql: string, cb: (e: Error | null) => void) => void; close: (cb?: (e: Error | null) => void) => unknown }, done: (e: Error | null, c: unknown) => void) => {
        // WAL survives a crash mid-write and lets readers run during a write.
        conn.exec(`PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; ${NO_AUTO_CHECKPOINT}`, (e) => {
          // Checkpoints run beside the writes, never inside a commit (node-shared/sqlite-wal.ts).
          if (!e) checkpointInBackground(conn, filename ?? '');
          done(e, conn);
        });
      },
    },
  });
  await db.migrate.latest({ migrationSource });
  return db;
}

/**
 * WAL checkpoints off the write path, for the server's and the counter's SQLite files.
 *
 * By default SQLite checkpoints inside the COMMIT that pushes the WAL past 1,000 pages: that
 * commit copies the pages back into the database and fsyncs it (tens of ms on this VM), and
 * every statement queued behind it waits — a p99 outlier for the queue's claims and call-next,
 * and about a fifth of a 5,000-entry sync push. Instead, a second connection to the same file
 * runs a PASSIVE checkpoint every second and whenever a bulk writer asks (`requestCheckpoint`,
 * after a sync push or a pull group): it copies what it can on its own thread without blocking
 * the writer or any reader, and SQLite restarts the WAL from its beginning once it was copied
 * entirely. The writer's automatic checkpoint stays only as a backstop (64 MB of WAL) for a
 * checkpointer that falls behind. Durability is unchanged (WAL, synchronous = NORMAL: a
 * commit survives a crash of the app).
 */
import knexFactory, { type Knex } from 'knex';
import sqlite3 from 'sqlite3';

/** Pages (4 KiB) of WAL after which a commit checkpoints by itself. */
export const WAL_BACKSTOP_PAGES = 16_000;

/** PRAGMAs for the writing connection of a file database (append to its setup). */
export const WRITER_PRAGMAS = `PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = ${WAL_BACKSTOP_PAGES};`;

interface ClosableConnection {
  close(cb?: (err: Error | null) => void): unknown;
}

interface WriterConnection extends ClosableConnection {
  exec(sql: string, cb: (e: Error | null) => void): unknown;
}

/**
 * knex on one SQLite file through a single connection (sqlite3 serialises anyway, and a single
 * connection keeps PRAGMAs and transactions predictable), with the WAL set up as above.
 */
export function openSqliteWriter(filename: string): Knex {
  return knexFactory({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: WriterConnection, done: (e: Error | null, c: unknown) => void) => {
        conn.exec(WRITER_PRAGMAS, (e) => {
          if (!e) checkpointInBackground(conn, filename);
          done(e, conn);
        });
      },
    },
  });
}

/** A checkpointing connection beside one writer: on a timer, and on request. */
export class WalCheckpointer {
  private readonly conn: sqlite3.Database;
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(file: string, everyMs: number) {
    // Opened without CREATE: a run after the database was removed fails quietly instead of making a file.
    this.conn = new sqlite3.Database(file, sqlite3.OPEN_READWRITE);
    this.conn.on('error', () => undefined);
    this.conn.run('PRAGMA busy_timeout = 1000', () => undefined);
    this.timer = setInterval(() => {
      if (!this.running) this.request();
    }, everyMs);
    this.timer.unref();
  }

  /** Checkpoints soon; calls while one runs coalesce into one more run. */
  request(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Failures (a busy file during a migration, a removed database) wait for the next round.
    this.running = new Promise<void>((resolve) => this.conn.run('PRAGMA wal_checkpoint(PASSIVE)', () => resolve())).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.request();
      }
    });
  }

  /** Resolves when no checkpoint is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  close(cb: () => void): void {
    this.closed = true;
    clearInterval(this.timer);
    void this.idle().then(() => this.conn.close(() => cb()));
  }
}

/** Checkpointers by database file (knex copies its config, so the file is the stable key). */
const byFile = new Map<string, WalCheckpointer>();

const isFileDatabase = (filename: string): boolean => filename !== '' && filename !== ':memory:' && !filename.startsWith('file::memory:');

/**
 * Starts the checkpointer of `filename` beside the writer `conn` (stopped when `conn` closes)
 * and registers it for the file. A file-less database has no WAL: nothing runs.
 */
export function checkpointInBackground(conn: ClosableConnection, filename: string, everyMs = 1000): void {
  if (!isFileDatabase(filename)) return;
  const checkpointer = new WalCheckpointer(filename, everyMs);
  byFile.set(filename, checkpointer);
  const close = conn.close.bind(conn);
  conn.close = (cb?: (err: Error | null) => void) => {
    if (byFile.get(filename) === checkpointer) byFile.delete(filename);
    checkpointer.close(() => close(cb));
    return conn;
  };
}

/** The checkpointer of a knex SQLite database or transaction (none on PostgreSQL or in memory). */
export function walCheckpointerOf(db: Knex | Knex.Transaction): WalCheckpointer | undefined {
  const file = (db.client as { config?: { connection?: { filename?: unknown } } }).config?.connection?.filename;
  return typeof file === 'string' ? byFile.get(file) : undefined;
}

/** Asks for a checkpoint off the writer's path after a large write (a no-op where there is no checkpointer). */
export function requestCheckpoint(db: Knex | Knex.Transaction): void {
  walCheckpointerOf(db)?.request();
}

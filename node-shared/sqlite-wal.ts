/**
 * WAL checkpoints off the write path. By default SQLite checkpoints inside the COMMIT that
 * pushes the WAL past 1,000 pages: that commit copies the pages back into the database and
 * fsyncs it (tens of ms on this VM), and every statement queued behind it waits — a p99
 * outlier for the queue's claims and call-next. Instead, the writing connection never
 * checkpoints (`wal_autocheckpoint = 0`) and a second connection to the same file runs a
 * PASSIVE checkpoint every second: it copies what it can without blocking the writer or any
 * reader, and SQLite restarts the WAL from its beginning once it was copied entirely.
 * Durability is unchanged (WAL, synchronous = NORMAL: a commit survives a crash of the app).
 */
import sqlite3 from 'sqlite3';

/** PRAGMAs for the writing connection (append to its setup). */
export const NO_AUTO_CHECKPOINT = 'PRAGMA wal_autocheckpoint = 0;';

interface ClosableConnection {
  close(cb?: (err: Error | null) => void): unknown;
}

/**
 * Checkpoints `filename` every `everyMs` from a connection of its own while `conn` is open
 * (stopped when `conn` closes). A file-less database (':memory:', '') has no WAL: nothing runs.
 */
export function checkpointInBackground(conn: ClosableConnection, filename: string, everyMs = 1000): void {
  if (!filename || filename === ':memory:' || filename.startsWith('file::memory:')) return;
  const checkpointer = new sqlite3.Database(filename);
  checkpointer.on('error', () => undefined);
  checkpointer.run('PRAGMA busy_timeout = 1000', () => undefined);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    // Failures (a busy file during a migration, a closed database) wait for the next round.
    checkpointer.run('PRAGMA wal_checkpoint(PASSIVE)', () => (running = false));
  }, everyMs);
  timer.unref();
  const close = conn.close.bind(conn);
  conn.close = (cb?: (err: Error | null) => void) => {
    clearInterval(timer);
    checkpointer.close(() => close(cb));
  };
}

/**
 * Checkpoints a SQLite database's write-ahead log from a connection of its own, off the
 * writer's path. With SQLite's automatic checkpoint the write that crosses the threshold
 * copies the WAL into the database file inside its own COMMIT: a 5,000-entry sync push spent
 * about a fifth of its time there, a counter's catch-up pull about 7%. A PASSIVE checkpoint on
 * a second connection runs on another thread while the next write goes on (it never blocks
 * the writer nor waits for it). Used by the server after each push (connect.ts: the writer's
 * automatic threshold is raised to a backstop) and by the counter during a catch-up pull
 * (engine.ts: automatic checkpoints off while the pull's groups commit, back on after).
 *
 * The connection is opened for each run and closed after it (about a millisecond, once per
 * large write), so it needs no lifecycle of its own: it never outlives a run, and it is opened
 * without CREATE, so a run after the database was removed fails quietly instead of making a file.
 */
import sqlite3 from 'sqlite3';

export class WalCheckpointer {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly file: string) {}

  /** Asks for a checkpoint soon; calls while one runs coalesce into one more run. */
  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
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

  private async run(): Promise<void> {
    let conn: sqlite3.Database | null = null;
    try {
      conn = await new Promise<sqlite3.Database>((resolve, reject) => {
        const c = new sqlite3.Database(this.file, sqlite3.OPEN_READWRITE, (e) => (e ? reject(e) : resolve(c)));
      });
      const open = conn;
      await new Promise<void>((resolve) => open.run('PRAGMA wal_checkpoint(PASSIVE)', () => resolve()));
    } catch {
      // Best effort: the writing connection's automatic checkpoint remains.
    } finally {
      const open = conn;
      if (open) await new Promise<void>((resolve) => open.close(() => resolve()));
    }
  }
}

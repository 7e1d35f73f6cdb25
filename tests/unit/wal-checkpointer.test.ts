import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requestCheckpoint, walCheckpointerOf } from '../../node-shared/sqlite-wal';
import { openServerDb, type ServerDb } from '../../server/src/db/connect';
import { tempDir } from '../support/temp';

describe('the server database checkpoints its write-ahead log off the request path', () => {
  let db: ServerDb | null = null;
  let cleanup = () => undefined as void;
  afterEach(async () => {
    await db?.destroy();
    db = null;
    cleanup();
  });

  it('copies a large write into the database file on a connection of its own, and the data stays readable', async () => {
    const t = tempDir('loket-wal-');
    cleanup = t.cleanup;
    const file = path.join(t.dir, 's.sqlite');
    db = openServerDb({ sqliteFile: file });
    const open = db;
    await open.raw('create table t (id integer primary key, v text)');
    // The table is checkpointed first, so a timer's checkpoint during the write below has
    // nothing committed to copy (the write's own frames are not committed until its end).
    requestCheckpoint(open);
    await walCheckpointerOf(open)?.idle();
    const before = fs.statSync(file).size;
    await open.transaction(async (trx) => {
      for (let i = 0; i < 20; i++) await trx.raw(`insert into t (v) select hex(randomblob(200)) from json_each(?)`, [JSON.stringify(Array.from({ length: 500 }, () => 0))]);
    });
    // Below the automatic threshold: the rows are only in the WAL so far.
    expect(fs.statSync(file).size).toBe(before);
    const checkpointer = walCheckpointerOf(open);
    expect(checkpointer).toBeDefined();
    // Transactions share their database's checkpointer.
    await open.transaction(async (trx) => expect(walCheckpointerOf(trx)).toBe(checkpointer));
    requestCheckpoint(open);
    requestCheckpoint(open); // coalesces with the running one
    await checkpointer?.idle();
    expect(fs.statSync(file).size).toBeGreaterThan(before + 2_000_000);
    expect(await open('t').count({ n: '*' }).first()).toEqual({ n: 10_000 });
  });

  it('is a no-op on a database that is gone', async () => {
    const t = tempDir('loket-wal-');
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'gone.sqlite');
    db = openServerDb({ sqliteFile: file });
    await db.raw('select 1');
    await db.destroy();
    fs.rmSync(file, { force: true });
    const gone = db;
    db = null;
    // Closed with its database: nothing is registered any more, and nothing runs.
    expect(walCheckpointerOf(gone)).toBeUndefined();
    requestCheckpoint(gone);
    // Opened without CREATE: no new file appears.
    expect(fs.existsSync(file)).toBe(false);
  });
});

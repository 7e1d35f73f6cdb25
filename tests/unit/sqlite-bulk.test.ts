import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkUpsert } from '../../main/sync/bulk';
import { boundColumns, insertChunks } from '../../node-shared/sqlite-bulk';
import { bulkInsert } from '../../server/src/sync/bulk';
import { tempDir } from '../support/temp';

describe('bulk inserts leave out columns that are NULL in every row', () => {
  it('keeps a column as soon as one row has a value, and always the kept ones', () => {
    const cols = ['id', 'a', 'b', 'c'];
    const omit = new Set(['id', 'a', 'b', 'c']);
    expect(boundColumns(cols, [['x', null, 1, null], ['y', null, null, undefined]], omit, ['id'])).toEqual([0, 2]);
    expect(boundColumns(cols, [[null, null, null, null]], new Set(['a']), [])).toEqual([0, 2, 3]);
  });

  it('splits rows so no statement binds more than the limit', () => {
    const cols = ['id', 'a', 'b'];
    const rows = Array.from({ length: 100 }, (_, i) => [`r${i}`, i >= 80 ? 'v' : null, null]);
    const chunks = insertChunks(cols, rows, new Set(['a', 'b']), ['id'], 60);
    expect(chunks.reduce((n, c) => n + c.rows.length, 0)).toBe(100);
    for (const c of chunks) expect(c.rows.length * c.cols.length).toBeLessThanOrEqual(60);
    // The first chunk saw only NULLs in `a` when it was sized, later ones bind it.
    expect(chunks[0]?.cols).toEqual([0]);
    expect(chunks[chunks.length - 1]?.cols).toEqual([0, 1]);
  });

  describe('on a real SQLite file', () => {
    let db: Knex;
    let cleanup: () => void;
    beforeEach(async () => {
      const t = tempDir('loket-bulk-');
      cleanup = t.cleanup;
      db = knexFactory({ client: 'sqlite3', connection: { filename: path.join(t.dir, 'b.sqlite') }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
      await db.raw("create table t (id text primary key, a text, b integer, c text not null default 'dflt', d text default 'x')");
    });
    afterEach(async () => {
      await db.destroy();
      cleanup();
    });

    it('an upsert whose new row is NULL where the old one had a value stores NULL (counter helper)', async () => {
      await db.transaction((trx) => bulkUpsert(trx, 't', ['id', 'a', 'b', 'c', 'd'], [['1', 'old', 7, 'c1', 'd1']]));
      await db.transaction((trx) => bulkUpsert(trx, 't', ['id', 'a', 'b', 'c', 'd'], [['1', null, null, 'c2', null], ['2', null, null, 'c3', null]]));
      expect(await db('t').orderBy('id').select()).toEqual([
        // d has a non-NULL default: never left out, so NULL is stored as given.
        { id: '1', a: null, b: null, c: 'c2', d: null },
        { id: '2', a: null, b: null, c: 'c3', d: null },
      ]);
    });

    it('the same through the server helper, inside and outside a transaction', async () => {
      const conflict = { key: ['id'], update: ['a', 'b', 'c', 'd'] };
      await bulkInsert(db, 't', ['id', 'a', 'b', 'c', 'd'], [['1', 'old', 7, 'c1', 'd1']], conflict);
      await db.transaction((trx) => bulkInsert(trx, 't', ['id', 'a', 'b', 'c', 'd'], [['1', null, null, 'c2', null]], conflict));
      expect(await db('t').select()).toEqual([{ id: '1', a: null, b: null, c: 'c2', d: null }]);
      // A failing statement rejects (and the transaction rolls back).
      await expect(db.transaction((trx) => bulkInsert(trx, 't', ['id', 'a', 'b', 'c', 'd'], [['3', 'x', 1, null, null]]))).rejects.toThrow(/NOT NULL/);
      expect(await db('t').count({ n: '*' }).first()).toEqual({ n: 1 });
    });

    it('reads a table\'s columns once per database, not once per transaction', async () => {
      const pragmas: string[] = [];
      db.on('query', (q: { sql: string }) => {
        if (q.sql.includes('pragma_table_info')) pragmas.push(q.sql);
      });
      for (let i = 0; i < 3; i++) await db.transaction((trx) => bulkUpsert(trx, 't', ['id', 'a', 'b', 'c', 'd'], [[`k${i}`, null, i, 'c', null]]));
      expect(pragmas).toHaveLength(1);
      expect(await db('t').count({ n: '*' }).first()).toEqual({ n: 3 });
    });
  });
});

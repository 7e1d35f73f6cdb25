import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkUpsert } from '../../main/sync/bulk';
import { boundColumns, insertChunks, chunkSizes } from '../../node-shared/sqlite-bulk';
import { bulkInsert, selectByIds } from '../../server/src/sync/bulk';
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

  it('runs any number of rows as whole chunks plus one rest (each size a cached statement)', () => {
    expect(chunkSizes(5000, 2307)).toEqual([2307, 2307, 386]);
    expect(chunkSizes(1000, 1500)).toEqual([1000]);
    expect(chunkSizes(0, 10)).toEqual([]);
    expect(chunkSizes(20, 10)).toEqual([10, 10]);
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
    it('re-binds cached prepared statements: every row of batches of many sizes arrives once, and the database still closes', async () => {
      const cols = ['id', 'a', 'b', 'c', 'd'];
      let n = 0;
      for (const size of [1, 7, 300, 2500, 7001, 300]) {
        const rows = Array.from({ length: size }, () => [`r${n}`, n % 3 ? `a${n}` : null, n++, 'c', null]);
        await db.transaction((trx) => bulkInsert(trx, 't', cols, rows));
      }
      // Upserts through the counter's helper reuse statements of their own.
      await db.transaction((trx) => bulkUpsert(trx, 't', cols, Array.from({ length: 1234 }, (_, i) => [`r${i}`, 'up', -i - 1, 'c', null])));
      const rows = (await db('t').select('id', 'a', 'b').orderBy('b')) as { id: string; a: string | null; b: number }[];
      expect(rows).toHaveLength(n);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (let i = 0; i < n; i++) {
        const r = byId.get(`r${i}`);
        expect(r?.b).toBe(i < 1234 ? -i - 1 : i);
        expect(r?.a).toBe(i < 1234 ? 'up' : i % 3 ? `a${i}` : null);
      }
      // A failing run of a cached statement rejects and leaves the statement usable.
      await expect(db.transaction((trx) => bulkInsert(trx, 't', cols, [['r1', null, 1, 'c', null]]))).rejects.toThrow(/UNIQUE/);
      await db.transaction((trx) => bulkInsert(trx, 't', cols, [['new', null, 1, 'c', null]]));
      expect(await db('t').where({ id: 'new' }).first('b')).toEqual({ b: 1 });
    });

    it('finalizes its cached statements when the connection closes (sqlite3 refuses to close otherwise)', async () => {
      await db.transaction((trx) => bulkInsert(trx, 't', ['id', 'c'], [['a', 'c'], ['b', 'c']]));
      const conn = (await db.client.acquireConnection()) as { close(cb: (e: Error | null) => void): void };
      await db.client.releaseConnection(conn);
      await new Promise<void>((resolve, reject) => conn.close((e) => (e ? reject(e) : resolve())));
      db = knexFactory({ client: 'sqlite3', connection: { filename: String((db.client.config as { connection: { filename: string } }).connection.filename) }, useNullAsDefault: true });
      expect(await db('t').count({ n: '*' }).first()).toEqual({ n: 2 });
    });

    it('selects by a list of ids in one statement, whatever its length', async () => {
      await db.transaction((trx) => bulkInsert(trx, 't', ['id', 'b', 'c'], Array.from({ length: 3000 }, (_, i) => [`k${i}`, i, 'c'])));
      const queries: string[] = [];
      db.on('query', (q: { sql: string }) => queries.push(q.sql));
      const ids = Array.from({ length: 2500 }, (_, i) => `k${i * 2}`).concat(['missing', "it's"]);
      const rows = await selectByIds<{ id: string; b: number }>(db, 't', ['id', 'b'], 'id', ids);
      expect(queries).toHaveLength(1);
      expect(rows.map((r) => r.b).sort((a, b) => a - b)).toEqual(Array.from({ length: 1500 }, (_, i) => i * 2));
      expect(await selectByIds(db, 't', ['id'], 'id', [])).toEqual([]);
    });
  });
});

/**
 * A fresh, migrated local database (a real SQLite file in a temp folder) for a test; the
 * suite's afterEach closes and removes it.
 */
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../main/db/open';
import { tempDir } from './temp';

export function useLocalDb(): () => Promise<Db> {
  let open: { db: Db; cleanup: () => void } | null = null;
  afterEach(async () => {
    await open?.db.destroy();
    open?.cleanup();
    open = null;
  });
  return async () => {
    const t = tempDir();
    open = { db: await openDatabase(path.join(t.dir, 'loket.sqlite')), cleanup: t.cleanup };
    return open.db;
  };
}

/**
 * Independent statements of one transaction. On SQLite they are sent together: the one
 * connection runs them in turn and the transaction waits for one answer instead of one per
 * statement (the connection is held meanwhile, so fewer waits = shorter transactions). On
 * PostgreSQL a transaction's statements run one after the other (a pg client takes one query
 * at a time); outside a transaction they run at once on the pool's connections.
 * Only for statements whose order does not matter (node-sqlite3 does not promise one).
 */
import type { Knex } from 'knex';
import { isPostgres } from './connect';

type Thunks<T extends unknown[]> = { [K in keyof T]: () => PromiseLike<T[K]> };

export async function together<T extends unknown[]>(db: Knex | Knex.Transaction, ...fns: Thunks<T>): Promise<T> {
  if (!isPostgres(db as Knex) || !db.isTransaction) return (await Promise.all(fns.map((f) => f()))) as T;
  const out: unknown[] = [];
  for (const f of fns) out.push(await f());
  return out as T;
}

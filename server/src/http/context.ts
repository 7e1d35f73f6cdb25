/** What every route module receives; sync routes will take the same. */
import type { Knex } from 'knex';
import type { Logger } from '../../../node-shared/logger';
import type { AuthGuard } from '../auth/guard';

export interface ServerContext {
  db: Knex;
  logger: Logger;
  now: () => Date;
  tokenTtlHours: number;
  guard: AuthGuard;
  /** In-process caches, all cleared after any write outside the queue's hot routes (see app.ts). */
  caches: CacheRegistry;
}

export class CacheRegistry {
  private readonly clears: (() => void)[] = [];
  add(clear: () => void): void {
    this.clears.push(clear);
  }
  clearAll(): void {
    for (const c of this.clears) c();
  }
}

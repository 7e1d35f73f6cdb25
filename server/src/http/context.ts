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
}

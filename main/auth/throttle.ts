/**
 * Sign-in throttle on the counter (offline sign-in can't rely on the server's).
 * Persisted per username; 5 free attempts, then 30 s doubling up to 15 minutes.
 */
import type { Db } from '../db/open';
import { LoketError } from '../../common/ipc/result';

export const FREE_ATTEMPTS = 5;
const BASE_LOCK_S = 30;
const MAX_LOCK_S = 15 * 60;

export const lockSecondsFor = (failures: number): number =>
  failures < FREE_ATTEMPTS ? 0 : Math.min(MAX_LOCK_S, BASE_LOCK_S * 2 ** (failures - FREE_ATTEMPTS));

interface Row {
  username: string;
  failures: number;
  locked_until: string | null;
}

export class SignInThrottle {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  private key(username: string) {
    return username.trim().toLowerCase();
  }

  /** Throws RATE_LIMITED while the username is locked. */
  async assertAllowed(username: string): Promise<void> {
    const row = await this.db<Row>('signin_throttle').where({ username: this.key(username) }).first();
    if (!row?.locked_until) return;
    const wait = Math.ceil((Date.parse(row.locked_until) - this.now().getTime()) / 1000);
    if (wait > 0) {
      throw new LoketError(
        'RATE_LIMITED',
        `Terlalu banyak percobaan masuk. Coba lagi dalam ${wait} detik.`,
        `Too many sign-in attempts. Try again in ${wait} seconds.`,
        { retryAfterSeconds: wait },
      );
    }
  }

  async recordFailure(username: string): Promise<void> {
    const key = this.key(username);
    await this.db.transaction(async (trx) => {
      const row = await trx<Row>('signin_throttle').where({ username: key }).first();
      const failures = (row?.failures ?? 0) + 1;
      const lockS = lockSecondsFor(failures);
      const locked_until = lockS > 0 ? new Date(this.now().getTime() + lockS * 1000).toISOString() : null;
      await trx('signin_throttle').insert({ username: key, failures, locked_until }).onConflict('username').merge();
    });
  }

  async reset(username: string): Promise<void> {
    await this.db('signin_throttle').where({ username: this.key(username) }).delete();
  }
}

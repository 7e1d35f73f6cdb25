/**
 * Brute-force protection for sign-in, per username (known or not, so the answer
 * never reveals which accounts exist). After MAX_FAILURES consecutive failures the
 * name is locked for 30 s, doubling with each further failure up to 15 min.
 * Stored in the database so a restart does not reset it.
 */
import type { Knex } from 'knex';
import type { LoginFailureRow } from '../db/rows';
import { normalizeUsername } from './officers';

export const MAX_FAILURES = 5;
export const BASE_LOCK_SECONDS = 30;
export const MAX_LOCK_SECONDS = 15 * 60;

export const lockSecondsFor = (failures: number): number =>
  failures < MAX_FAILURES ? 0 : Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** Math.min(failures - MAX_FAILURES, 20));

const keyFor = (username: string) => `user:${normalizeUsername(username)}`.slice(0, 128);

/** Seconds still to wait, or 0 when the username may try again. */
export async function retryAfterSeconds(db: Knex, username: string, now: Date): Promise<number> {
  const row = await db<LoginFailureRow>('login_failures').where({ key: keyFor(username) }).first();
  if (!row?.locked_until) return 0;
  const ms = Date.parse(row.locked_until) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** Records one failure; returns the lock (seconds) it started, 0 if none. */
export async function recordFailure(db: Knex, username: string, now: Date): Promise<number> {
  const key = keyFor(username);
  return db.transaction(async (trx) => {
    // Atomic increment: concurrent failures on PostgreSQL must not overwrite each other.
    await trx<LoginFailureRow>('login_failures')
      .insert({ key, failures: 1, locked_until: null, updated_at: now.toISOString() })
      .onConflict('key')
      .merge({ failures: trx.raw('?? + 1', ['login_failures.failures']), updated_at: now.toISOString() });
    const row = await trx<LoginFailureRow>('login_failures').where({ key }).first();
    const lock = lockSecondsFor(Number(row?.failures ?? 1));
    if (lock > 0) {
      await trx<LoginFailureRow>('login_failures').where({ key }).update({ locked_until: new Date(now.getTime() + lock * 1000).toISOString() });
    }
    return lock;
  });
}

export async function resetFailures(db: Knex, username: string): Promise<void> {
  await db<LoginFailureRow>('login_failures').where({ key: keyFor(username) }).delete();
}

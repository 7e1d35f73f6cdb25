/**
 * Housekeeping so auth tables stay small: sessions that ended long ago, and
 * failure records of usernames that stopped trying (random names included).
 * Active locks are never removed, so pruning cannot shorten a lockout.
 */
import type { Knex } from 'knex';
import type { LoginFailureRow, SessionRow } from './db/rows';

export const SESSION_KEEP_DAYS = 30;
export const FAILURE_FORGET_HOURS = 24;

export async function runMaintenance(db: Knex, now: Date): Promise<{ sessions: number; loginFailures: number }> {
  const sessionCutoff = new Date(now.getTime() - SESSION_KEEP_DAYS * 86400_000).toISOString();
  const sessions = await db<SessionRow>('sessions')
    .where('expires_at', '<', sessionCutoff)
    .orWhere('revoked_at', '<', sessionCutoff)
    .delete();
  const failureCutoff = new Date(now.getTime() - FAILURE_FORGET_HOURS * 3600_000).toISOString();
  const loginFailures = await db<LoginFailureRow>('login_failures')
    .where('updated_at', '<', failureCutoff)
    .andWhere((q) => q.whereNull('locked_until').orWhere('locked_until', '<', now.toISOString()))
    .delete();
  return { sessions, loginFailures };
}

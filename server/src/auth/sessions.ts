/**
 * Bearer sessions. The token is 32 random bytes (base64url) handed out once;
 * only its SHA-256 is stored, so the sessions table cannot be replayed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { SessionRow } from '../db/rows';

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export async function createSession(
  db: Knex,
  officerId: string,
  installationId: string | null,
  now: Date,
  ttlHours: number,
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000).toISOString();
  await db<SessionRow>('sessions').insert({
    token_hash: hashToken(token),
    officer_id: officerId,
    installation_id: installationId,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    revoked_at: null,
  });
  return { token, expiresAt };
}

/** The live session for a token, or null when unknown, expired or revoked. */
export async function findLiveSession(db: Knex, token: string, now: Date): Promise<SessionRow | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db<SessionRow>('sessions')
    .where({ token_hash: hashToken(token) })
    .whereNull('revoked_at')
    // ISO-8601 UTC strings of one fixed format compare correctly as text.
    .where('expires_at', '>', now.toISOString())
    .first();
  return row ?? null;
}

export async function revokeSession(db: Knex, tokenHash: string, now: Date): Promise<void> {
  await db<SessionRow>('sessions').where({ token_hash: tokenHash }).whereNull('revoked_at').update({ revoked_at: now.toISOString() });
}

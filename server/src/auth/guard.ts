/**
 * Authentication and authorisation for routes. `authenticate` resolves the
 * Bearer token to `request.officer`; `requireRoles` and the agency-scope helpers
 * enforce who may touch what. Scope rule: an officer works only on their own
 * agency's data; supervisors and admins on the whole mall; the front desk
 * (resepsionis) may read every agency (it directs visitors) but write none.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Role } from '../../../common/domain/roles';
import { id as idSchema } from '../../../common/ipc/limits';
import { forbidden, unauthenticated } from '../http/errors';
import { parseInput } from '../http/validate';
import { TtlCache } from '../http/ttl-cache';
import { findOfficerById, type AuthOfficer } from './officers';
import { findLiveSession, hashToken } from './sessions';

/**
 * How long a resolved token is trusted without reading the sessions and officers tables
 * again. Writes through this server (logout, officer changes) clear the cache at once
 * (`forget`); the TTL bounds a change made by another process.
 */
export const AUTH_CACHE_MS = 5000;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth guard; null on public routes. */
    officer: AuthOfficer | null;
    /** SHA-256 of the presented token, for logout. */
    sessionTokenHash: string | null;
  }
}

export type GuardHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
export type AgencyAccess = 'read' | 'write';

const MALL_WIDE: readonly Role[] = ['supervisor', 'admin'];

/** Whether `officer` may read or write data belonging to `agencyId`. */
export function canAccessAgency(officer: Pick<AuthOfficer, 'role' | 'agencyId'>, agencyId: string, access: AgencyAccess = 'write'): boolean {
  if (MALL_WIDE.includes(officer.role)) return true;
  if (officer.role === 'frontdesk' && access === 'read') return true;
  return officer.agencyId !== null && officer.agencyId === agencyId;
}

export function assertAgencyAccess(officer: Pick<AuthOfficer, 'role' | 'agencyId'>, agencyId: string, access: AgencyAccess = 'write'): void {
  if (!canAccessAgency(officer, agencyId, access)) {
    throw forbidden('Data ini milik instansi lain.', 'This data belongs to another agency.');
  }
}

/** The agencies an officer may see, for filtering list queries: 'all' or a list of ids. */
export function agencyScope(officer: Pick<AuthOfficer, 'role' | 'agencyId'>, access: AgencyAccess = 'write'): 'all' | string[] {
  if (MALL_WIDE.includes(officer.role) || (officer.role === 'frontdesk' && access === 'read')) return 'all';
  return officer.agencyId ? [officer.agencyId] : [];
}

/** The signed-in officer, for handlers behind `authenticate`. */
export function requireOfficer(request: FastifyRequest): AuthOfficer {
  if (!request.officer) throw unauthenticated();
  return request.officer;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || header.length > 200) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m?.[1] ?? null;
}

export interface AuthGuard {
  authenticate: GuardHook;
  requireRoles: (...roles: Role[]) => GuardHook;
  /** Checks the route param (default `agencyId`) against the officer's scope. */
  requireAgencyParam: (param?: string, access?: AgencyAccess) => GuardHook;
  /** Drops every cached token (after a write that may revoke a session or change an officer). */
  forget: () => void;
}

interface ResolvedToken {
  officer: AuthOfficer;
  expiresAt: string;
}

export function createAuthGuard(db: Knex, now: () => Date): AuthGuard {
  const cache = new TtlCache<ResolvedToken | null>(AUTH_CACHE_MS);
  const resolve = async (token: string): Promise<ResolvedToken | null> => {
    const session = await findLiveSession(db, token, now());
    if (!session) return null;
    const officer = await findOfficerById(db, session.officer_id);
    return officer ? { officer, expiresAt: session.expires_at } : null;
  };
  return {
    forget: () => cache.clear(),
    authenticate: async (request) => {
      const token = bearerToken(request);
      if (!token) throw unauthenticated();
      const tokenHash = hashToken(token);
      const resolved = await cache.get(tokenHash, () => resolve(token));
      // ISO-8601 UTC strings of one format compare as text (as in findLiveSession).
      if (!resolved || resolved.expiresAt <= now().toISOString()) throw unauthenticated();
      const officer = resolved.officer;
      if (!officer.active) throw forbidden('Akun ini dinonaktifkan. Hubungi admin MPP.', 'This account is deactivated. Contact the mall administrator.');
      request.officer = officer;
      request.sessionTokenHash = tokenHash;
    },
    requireRoles:
      (...roles) =>
      async (request) => {
        if (!roles.includes(requireOfficer(request).role)) {
          throw forbidden('Peran Anda tidak diizinkan melakukan ini.', 'Your role is not allowed to do this.');
        }
      },
    requireAgencyParam:
      (param = 'agencyId', access = 'write') =>
      async (request) => {
        const officer = requireOfficer(request);
        const params = parseInput(z.record(z.string(), z.string()), request.params, 'params');
        const agencyId = parseInput(idSchema, params[param], 'params');
        assertAgencyAccess(officer, agencyId, access);
      },
  };
}

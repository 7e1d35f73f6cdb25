/** Sign-in, sign-out and "who am I". */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LoketError } from '../../../common/ipc/result';
import { API_PREFIX, LoginRequestSchema, LoginResponseSchema, ServerOfficerSchema, type LoginResponse } from '../../../common/server-api/auth';
import { hashPassword, verifyPassword } from '../../../node-shared/scrypt';
import type { ServerContext } from '../http/context';
import { forbidden } from '../http/errors';
import { parseInput } from '../http/validate';
import { requireOfficer } from './guard';
import { recordFailure, resetFailures, retryAfterSeconds } from './login-throttle';
import { findOfficerByUsername, toServerOfficer } from './officers';
import { createSession, revokeSession } from './sessions';

const LogoutRequestSchema = z.object({}).strict().optional();

const invalidCredentials = () => new LoketError('INVALID_CREDENTIALS', 'Nama pengguna atau kata sandi salah.', 'Wrong username or password.');

const rateLimited = (seconds: number) =>
  new LoketError(
    'RATE_LIMITED',
    `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${seconds} detik.`,
    `Too many failed sign-in attempts. Try again in ${seconds} seconds.`,
    { retryAfterSeconds: seconds },
  );

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db, logger, now, guard } = ctx;
  // Unknown usernames still pay for one scrypt run, so timing does not reveal which accounts exist.
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hashPassword('loket-dummy-password-for-timing'));

  app.post(`${API_PREFIX}/auth/login`, async (request): Promise<LoginResponse> => {
    const body = parseInput(LoginRequestSchema, request.body);
    const wait = await retryAfterSeconds(db, body.username, now());
    if (wait > 0) {
      logger.info('sign-in refused: locked', { reqId: request.id, retryAfterSeconds: wait });
      throw rateLimited(wait);
    }
    const officer = await findOfficerByUsername(db, body.username);
    const passwordOk = officer ? await verifyPassword(body.password, officer.passwordHash) : (await verifyPassword(body.password, await dummy()), false);
    if (!officer || !passwordOk) {
      const lock = await recordFailure(db, body.username, now());
      // No username in the log: it is personal data and half a credential.
      logger.info('sign-in failed', { reqId: request.id, lockSeconds: lock });
      throw invalidCredentials();
    }
    await resetFailures(db, body.username);
    if (!officer.active) {
      logger.info('sign-in refused: inactive account', { reqId: request.id, officerId: officer.id });
      throw forbidden('Akun ini dinonaktifkan. Hubungi admin MPP.', 'This account is deactivated. Contact the mall administrator.');
    }
    const session = await createSession(db, officer.id, body.installationId ?? null, now(), ctx.tokenTtlHours);
    logger.info('signed in', { reqId: request.id, officerId: officer.id, role: officer.role, installationId: body.installationId ?? null });
    const { passwordHash: _hash, ...rest } = officer;
    return LoginResponseSchema.parse({ token: session.token, expiresAt: session.expiresAt, officer: toServerOfficer(rest) });
  });

  app.post(`${API_PREFIX}/auth/logout`, { onRequest: guard.authenticate }, async (request) => {
    parseInput(LogoutRequestSchema, request.body);
    const officer = requireOfficer(request);
    if (request.sessionTokenHash) await revokeSession(db, request.sessionTokenHash, now());
    logger.info('signed out', { reqId: request.id, officerId: officer.id });
    return { ok: true as const };
  });

  app.get(`${API_PREFIX}/me`, { onRequest: guard.authenticate }, async (request) => ServerOfficerSchema.parse(toServerOfficer(requireOfficer(request))));
}

/**
 * Builds the HTTP API (not listening). Route modules register themselves with a
 * shared ServerContext; sync routes slot in the same way.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { HealthSchema } from '../../../common/server-api/auth';
import type { Logger } from '../../../node-shared/logger';
import { createAuthGuard } from '../auth/guard';
import { registerAuthRoutes } from '../auth/routes';
import { registerCatalogRoutes } from '../catalog/routes';
import { registerQueueRoutes } from '../queue/routes';
import { registerSyncRoutes } from '../sync/routes';
import { SERVER_NAME, SERVER_VERSION } from '../version';
import { API_PREFIX } from '../../../common/server-api/auth';
import { CacheRegistry, type ServerContext } from './context';
import { installErrorHandling, sendError } from './errors';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_TOKEN_TTL_HOURS = 12;

export interface BuildServerOptions {
  db: Knex;
  logger: Logger;
  now?: () => Date;
  tokenTtlHours?: number;
  bodyLimit?: number;
}

export function buildServer(opts: BuildServerOptions): FastifyInstance {
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const now = opts.now ?? (() => new Date());
  const { db, logger } = opts;

  const app = Fastify({
    // Our own logger (redacting) instead of pino; see the onResponse hook.
    logger: false,
    bodyLimit,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    requestTimeout: 30_000,
    // A malformed URL gets the same error shape as everything else.
    frameworkErrors: (error, _request, reply) => {
      sendError(reply, 400, { code: 'VALIDATION', message: 'Permintaan tidak valid.', messageEn: `Invalid request (${error.code}).` });
    },
  });
  // JSON only: a text/plain body is refused (415) instead of reaching a handler as a string.
  app.removeContentTypeParser(['text/plain']);
  app.decorateRequest('officer', null);
  app.decorateRequest('sessionTokenHash', null);

  installErrorHandling(app, logger, bodyLimit);

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  // Route pattern, never the raw URL or body: no personal data in logs.
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? null;
    const fields = { reqId: request.id, method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (route === '/health') logger.debug('request', fields);
    else logger.info('request', fields);
  });

  const guard = createAuthGuard(db, now);
  const caches = new CacheRegistry();
  caches.add(() => guard.forget());
  const ctx: ServerContext = { db, logger, now, tokenTtlHours: opts.tokenTtlHours ?? DEFAULT_TOKEN_TTL_HOURS, guard, caches };
  // Any write outside the queue routes may change what the caches hold (a logout, an officer,
  // a setting, the catalog): drop them once it is done, before its answer leaves. Queue routes
  // write tickets, pauses and counter sessions only, none of which is cached.
  const QUEUE_ROUTES = `${API_PREFIX}/queue/`;
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && !(request.routeOptions.url ?? '').startsWith(QUEUE_ROUTES)) caches.clearAll();
    return payload;
  });

  app.get('/health', async () => {
    await db.raw('select 1');
    return HealthSchema.parse({ ok: true, name: SERVER_NAME, version: SERVER_VERSION, time: now().toISOString() });
  });
  registerAuthRoutes(app, ctx);
  registerCatalogRoutes(app, ctx);
  registerQueueRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  return app;
}

/**
 * Sync endpoints (protocol v1, common/sync/protocol.ts):
 *
 *   POST /api/v1/sync/push       PushRequest → PushResponse (body up to 16 MiB on this route only)
 *   GET  /api/v1/sync/pull       ?after=<cursor>&limit=<n> → PullResponse, scoped to the caller
 *   GET  /api/v1/sync/snapshot   ?entity=&after=<id>&limit= → SnapshotResponse (repair)
 *   GET  /api/v1/sync/live       Server-Sent Events: `changed` after every push that changed something
 *   files: see files.ts
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LoketError } from '../../../common/ipc/result';
import { API_PREFIX } from '../../../common/server-api/auth';
import { quickPushRequest } from '../../../common/sync/push-quick-checks';
import { PullQuerySchema, PushRequestSchema, SnapshotQuerySchema, type PushResponse } from '../../../common/sync/protocol';
import { requireOfficer } from '../auth/guard';
import type { ServerContext } from '../http/context';
import { notFound, sendError } from '../http/errors';
import { parseInput } from '../http/validate';
import { requestCheckpoint } from '../../../node-shared/sqlite-wal';
import { readHorizon } from './changelog';
import { registerFileRoutes } from './files';
import { LiveHub } from './live';
import { isUniqueViolation, processPush } from './push';
import { pullJson, snapshotJson } from './pull';

export const PUSH_BODY_LIMIT = 16 * 1024 * 1024;

const LiveQuerySchema = z.object({}).strict();

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db, guard, now, logger } = ctx;
  const live = new LiveHub();
  // preClose: the streams must end before the server waits for its connections to close.
  app.addHook('preClose', async () => live.close());
  // Queue writes (issue, claim, ticket events) move the change log too: tell listening
  // counters at once, coalesced so a burst of claims costs one horizon read.
  let notifyQueued = false;
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST' || reply.statusCode >= 300 || live.size === 0 || notifyQueued) return;
    if (!(request.routeOptions.url ?? '').startsWith(`${API_PREFIX}/queue/`)) return;
    notifyQueued = true;
    setTimeout(() => {
      notifyQueued = false;
      readHorizon(db)
        .then((cursor) => live.changed(cursor))
        .catch((e: unknown) => logger.warn('live notify failed', { error: e }));
    }, 50).unref();
  });

  app.post(
    `${API_PREFIX}/sync/push`,
    {
      bodyLimit: PUSH_BODY_LIMIT,
      onRequest: [
        async (request, reply) => {
          // Answer an oversized push before reading it, with this route's own limit in the message.
          const length = Number(request.headers['content-length'] ?? 0);
          if (length > PUSH_BODY_LIMIT) {
            return sendError(reply, 413, {
              code: 'VALIDATION',
              message: `Kiriman sinkronisasi terlalu besar (maksimal ${PUSH_BODY_LIMIT} bita); kirim dalam batch lebih kecil.`,
              messageEn: `The sync push is too large (at most ${PUSH_BODY_LIMIT} bytes); send smaller batches.`,
              details: { limitBytes: PUSH_BODY_LIMIT },
            });
          }
          return undefined;
        },
        guard.authenticate,
      ],
    },
    async (request): Promise<PushResponse> => {
      const officer = requireOfficer(request);
      // The hand-written check first (5,000 entries a batch); the schema decides, and words the error, otherwise.
      const body = quickPushRequest(request.body) ?? parseInput(PushRequestSchema, request.body);
      const at = now().toISOString();
      try {
        const results = await processPush(db, officer, body, at);
        // The batch's pages go into the database file on another thread, not in the next batch's COMMIT.
        requestCheckpoint(db);
        const counts = { applied: 0, duplicate: 0, rejected: 0 };
        for (const r of results) counts[r.status] += 1;
        logger.info('sync push', { reqId: request.id, officerId: officer.id, entries: results.length, ...counts });
        if (counts.applied > 0) live.changed(await readHorizon(db));
        return { results, serverTime: at };
      } catch (e) {
        if (isUniqueViolation(e)) {
          logger.info('sync push raced with a concurrent delivery', { reqId: request.id, officerId: officer.id });
          throw new LoketError(
            'CONFLICT',
            'Perubahan yang sama sedang diproses bersamaan; kirim ulang sebentar lagi.',
            'The same changes are being processed concurrently; retry shortly.',
            { retryable: true },
          );
        }
        throw e;
      }
    },
  );

  app.get(`${API_PREFIX}/sync/pull`, { onRequest: guard.authenticate }, async (request, reply) => {
    const officer = requireOfficer(request);
    const q = parseInput(PullQuerySchema, request.query, 'query');
    const json = await pullJson(db, officer, q.after, q.limit);
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.get(`${API_PREFIX}/sync/snapshot`, { onRequest: guard.authenticate }, async (request, reply) => {
    const officer = requireOfficer(request);
    const q = parseInput(SnapshotQuerySchema, request.query, 'query');
    const json = await snapshotJson(db, officer, q.entity, q.after, q.limit);
    if (json === null) throw notFound(`Entitas "${q.entity}" tidak disinkronkan.`, `The entity "${q.entity}" is not synced.`);
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.get(`${API_PREFIX}/sync/live`, { onRequest: guard.authenticate }, async (request, reply) => {
    const officer = requireOfficer(request);
    parseInput(LiveQuerySchema, request.query, 'query');
    live.open(request, reply, officer.id, await readHorizon(db));
    logger.debug('sync live stream opened', { reqId: request.id, officerId: officer.id, streams: live.size });
  });

  registerFileRoutes(app, ctx);
}

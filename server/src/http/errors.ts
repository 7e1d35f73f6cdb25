/**
 * One error shape for every non-2xx answer (ServerErrorSchema): routes throw
 * LoketError from common, Fastify's own errors (bad JSON, body too large, wrong
 * content type) are translated here, and anything else becomes a logged 500
 * without internals in the body.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoketError, isLoketError, type AppError, type ErrorCode } from '../../../common/ipc/result';
import type { ServerError } from '../../../common/server-api/auth';
import type { Logger } from '../../../node-shared/logger';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  RATE_LIMITED: 429,
  SERVER: 503,
  INTERNAL: 500,
};

export const statusForCode = (code: ErrorCode): number => STATUS[code] ?? 500;

export const errorBody = (e: AppError): ServerError => ({ error: e });

export function sendError(reply: FastifyReply, status: number, e: AppError): FastifyReply {
  if (e.code === 'RATE_LIMITED' && typeof e.details?.retryAfterSeconds === 'number') {
    reply.header('retry-after', String(e.details.retryAfterSeconds));
  }
  return reply.code(status).type('application/json; charset=utf-8').send(errorBody(e));
}

export const unauthenticated = () =>
  new LoketError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu (token tidak ada, kedaluwarsa, atau sudah dicabut).', 'Please sign in first (the token is missing, expired or revoked).');
export const forbidden = (id = 'Anda tidak berwenang melakukan ini.', en = 'You are not allowed to do this.') => new LoketError('FORBIDDEN', id, en);
export const notFound = (id = 'Data tidak ditemukan.', en = 'Not found.') => new LoketError('NOT_FOUND', id, en);

/** Translates Fastify's built-in 4xx errors into bilingual messages. */
function fromFastify(e: FastifyError, bodyLimit: number): { status: number; error: AppError } | null {
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 500) return null;
  const v = (message: string, messageEn: string, details?: AppError['details']): AppError => ({ code: 'VALIDATION', message, messageEn, ...(details ? { details } : {}) });
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status, error: v(`Data yang dikirim terlalu besar (maksimal ${bodyLimit} bita).`, `The request body is too large (at most ${bodyLimit} bytes).`, { limitBytes: bodyLimit }) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status, error: v('Jenis konten tidak didukung; kirim JSON (application/json).', 'Unsupported content type; send JSON (application/json).') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      // Also __proto__ / constructor.prototype keys (onProtoPoisoning: 'error').
      return { status, error: v('Data yang dikirim bukan JSON yang valid.', 'The request body is not valid JSON.') };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status, error: v('Data JSON kosong.', 'The JSON body is empty.') };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status, error: v('Panjang data tidak sesuai dengan Content-Length.', 'The body length does not match Content-Length.') };
    case 'FST_ERR_BAD_URL':
      return { status, error: v('Alamat permintaan tidak valid.', 'The request URL is invalid.') };
    default:
      if (status === 404) return { status, error: notFound().toAppError() };
      return { status, error: v('Permintaan tidak valid.', 'Invalid request.') };
  }
}

export function installErrorHandling(app: FastifyInstance, logger: Logger, bodyLimit: number): void {
  app.setErrorHandler((e: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isLoketError(e)) return sendError(reply, statusForCode(e.code), e.toAppError());
    const known = fromFastify(e, bodyLimit);
    if (known) {
      logger.info('request rejected', { reqId: request.id, route: request.routeOptions.url ?? null, code: e.code ?? null, status: known.status });
      return sendError(reply, known.status, known.error);
    }
    logger.error('unhandled error', { reqId: request.id, route: request.routeOptions.url ?? null, error: e, stack: e.stack ?? null });
    return sendError(reply, 500, { code: 'INTERNAL', message: 'Terjadi galat pada server.', messageEn: 'An internal server error occurred.' });
  });

  app.setNotFoundHandler((_request, reply) =>
    sendError(reply, 404, notFound('Alamat tidak ditemukan di server ini.', 'No such address on this server.').toAppError()),
  );
}

/**
 * Document files (scans), content-addressed by SHA-256 and uploaded in resumable chunks:
 *
 *   GET /api/v1/files/:sha256/status  → FileStatus (how many bytes the server holds)
 *   PUT /api/v1/files/:sha256         Content-Range: bytes <start>-<end>/<total>, octet-stream body
 *   GET /api/v1/files/:sha256         the bytes, once complete, to officers of the uploader's agency
 *
 * A chunk must start where the server's copy ends (409 with `details.received` otherwise,
 * so the counter resumes from there); a chunk already held is answered as success. When
 * the last byte arrives the server hashes the whole file: a mismatch discards the upload
 * (400) and nothing is kept. Chunks live in the database so SQLite and PostgreSQL servers
 * behave the same and a file is part of the backup.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { z } from 'zod';
import { LoketError } from '../../../common/ipc/result';
import { API_PREFIX } from '../../../common/server-api/auth';
import { MAX_FILE_BYTES, MAX_FILE_CHUNK_BYTES, SHA256_HEX, type FileStatus } from '../../../common/sync/protocol';
import { canAccessAgency, requireOfficer } from '../auth/guard';
import { isPostgres } from '../db/connect';
import type { ServerContext } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { parseInput } from '../http/validate';

const ParamsSchema = z.object({ sha256: z.string().regex(SHA256_HEX) }).strict();

interface FileRow {
  sha256: string;
  size: number | string;
  received: number | string;
  complete: boolean | number;
  agency_id: string | null;
  created_by: string;
}

const statusOf = (sha256: string, row: FileRow | undefined): FileStatus =>
  row ? { sha256, size: Number(row.size), received: Number(row.received), complete: Boolean(row.complete) } : { sha256, size: null, received: 0, complete: false };

const invalid = (id: string, en: string, details?: LoketError['details']) => new LoketError('VALIDATION', id, en, details);

function parseRange(header: unknown): { start: number; end: number; total: number } {
  if (typeof header !== 'string' || header.length > 100) {
    throw invalid('Header Content-Range wajib diisi: "bytes awal-akhir/total".', 'A Content-Range header is required: "bytes start-end/total".');
  }
  const m = /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/.exec(header.trim());
  if (!m) throw invalid('Format Content-Range tidak valid.', 'Invalid Content-Range format.');
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (total < 1 || total > MAX_FILE_BYTES) {
    throw invalid(`Ukuran berkas harus 1 sampai ${MAX_FILE_BYTES} bita.`, `A file must be 1 to ${MAX_FILE_BYTES} bytes.`, { maxBytes: MAX_FILE_BYTES });
  }
  if (start > end || end >= total) throw invalid('Rentang Content-Range tidak valid.', 'The Content-Range is out of bounds.');
  return { start, end, total };
}

async function readChunksHash(trx: Knex.Transaction, sha256: string): Promise<{ hash: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  let offset = 0;
  // One chunk at a time: a 50 MiB file never sits in memory whole.
  for (;;) {
    const row = (await trx('file_chunks').where({ sha256 }).andWhere('offset', '>=', offset).orderBy('offset').first('offset', 'data')) as
      | { offset: number | string; data: Buffer }
      | undefined;
    if (!row) break;
    if (Number(row.offset) !== bytes) break;
    h.update(row.data);
    bytes += row.data.length;
    offset = bytes;
  }
  return { hash: h.digest('hex'), bytes };
}

export function registerFileRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db, guard, now, logger } = ctx;
  const base = `${API_PREFIX}/files/:sha256`;

  void app.register(async (scoped) => {
    scoped.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_FILE_CHUNK_BYTES }, (_req, body, done) => done(null, body));

    scoped.get(`${base}/status`, { onRequest: guard.authenticate }, async (request) => {
      requireOfficer(request);
      const { sha256 } = parseInput(ParamsSchema, request.params, 'params');
      return statusOf(sha256, (await db('files').where({ sha256 }).first()) as FileRow | undefined);
    });

    scoped.put(base, { onRequest: guard.authenticate, bodyLimit: MAX_FILE_CHUNK_BYTES }, async (request, reply) => {
      const officer = requireOfficer(request);
      if (officer.role === 'frontdesk') throw forbidden('Resepsionis tidak dapat mengunggah berkas.', 'The front desk cannot upload documents.');
      const { sha256 } = parseInput(ParamsSchema, request.params, 'params');
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        return reply.code(415).send({
          error: { code: 'VALIDATION', message: 'Kirim potongan berkas sebagai application/octet-stream.', messageEn: 'Send the file chunk as application/octet-stream.' },
        });
      }
      const { start, end, total } = parseRange(request.headers['content-range']);
      if (end - start + 1 !== body.length) {
        throw invalid('Panjang data tidak sesuai dengan Content-Range.', 'The body length does not match the Content-Range.');
      }
      const at = now().toISOString();
      const outcome = await db.transaction(async (trx) => {
        const q = trx('files').where({ sha256 });
        let row = (await (isPostgres(trx) ? q.forUpdate() : q).first()) as FileRow | undefined;
        if (row && Boolean(row.complete)) return { status: statusOf(sha256, row), mismatch: false };
        if (row && Number(row.size) !== total) {
          throw new LoketError('CONFLICT', 'Ukuran berkas berbeda dari unggahan sebelumnya.', 'The file size differs from the earlier upload.', { size: Number(row.size) });
        }
        const received = row ? Number(row.received) : 0;
        if (end < received) return { status: statusOf(sha256, row), mismatch: false }; // already held
        if (start !== received) {
          throw new LoketError('CONFLICT', `Lanjutkan unggahan dari bita ${received}.`, `Resume the upload at byte ${received}.`, { received });
        }
        if (!row) {
          await trx('files').insert({ sha256, size: total, received: 0, complete: false, agency_id: officer.agencyId, created_by: officer.id, created_at: at, updated_at: at });
          row = (await trx('files').where({ sha256 }).first()) as FileRow;
        }
        await trx('file_chunks').insert({ sha256, offset: start, data: body });
        const complete = end + 1 === total;
        if (complete) {
          const { hash, bytes } = await readChunksHash(trx, sha256);
          if (hash !== sha256 || bytes !== total) {
            await trx('file_chunks').where({ sha256 }).delete();
            await trx('files').where({ sha256 }).delete();
            return { status: statusOf(sha256, undefined), mismatch: true };
          }
        }
        await trx('files').where({ sha256 }).update({ received: end + 1, complete, updated_at: at });
        return { status: { sha256, size: total, received: end + 1, complete }, mismatch: false };
      });
      if (outcome.mismatch) {
        logger.warn('file upload discarded: hash mismatch', { reqId: request.id, officerId: officer.id });
        throw invalid(
          'Isi berkas tidak cocok dengan kode SHA-256-nya; unggahan dibuang. Unggah ulang dari awal.',
          'The file content does not match its SHA-256; the upload was discarded. Upload it again from the start.',
          { issue: 'HASH_MISMATCH' },
        );
      }
      return outcome.status;
    });

    scoped.get(base, { onRequest: guard.authenticate }, async (request, reply) => {
      const officer = requireOfficer(request);
      const { sha256 } = parseInput(ParamsSchema, request.params, 'params');
      const row = (await db('files').where({ sha256 }).first()) as FileRow | undefined;
      const readable = row && (row.agency_id === null ? officer.role === 'supervisor' || officer.role === 'admin' || row.created_by === officer.id : canAccessAgency(officer, row.agency_id, 'read'));
      if (!row || !row.complete || !readable) throw notFound('Berkas tidak ditemukan.', 'File not found.');
      const chunks = (await db('file_chunks').where({ sha256 }).orderBy('offset').select('data')) as { data: Buffer }[];
      return reply.type('application/octet-stream').send(Buffer.concat(chunks.map((c) => c.data)));
    });
  });
}

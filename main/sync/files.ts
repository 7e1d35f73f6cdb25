/**
 * Document files (scans) go to the server content-addressed by SHA-256, in 1 MiB chunks,
 * resuming from whatever the server already holds (GET …/status). A file is queued in the
 * same transaction as the change that references it (`enqueueFile`), and the engine
 * uploads queued files before pushing intents; a change naming a file whose upload failed
 * waits (with every later change of the same record) while the others are pushed, so the
 * server never receives a reference to a file it cannot have and one file cannot block the rest.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Knex } from 'knex';
import { FileStatusSchema, MAX_FILE_BYTES, MAX_FILE_CHUNK_BYTES, SHA256_HEX, type FileStatus } from '../../common/sync/protocol';
import { LoketError } from '../../common/ipc/result';
import { SyncFailure, type SyncTransport } from './transport';

/**
 * Files that are not plain files on disk, e.g. document scans encrypted at rest: a path
 * "<scheme>:<rest>" whose scheme is registered here is read through its opener (which decrypts),
 * so the plaintext never has to be written out for the upload. Anything else is opened as a file.
 */
export interface UploadSource {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}
const uploadSources = new Map<string, (rest: string) => Promise<UploadSource>>();

/** Registers an opener for paths "<scheme>:…" (scheme: letters and digits); returns the unregister function. */
export function registerUploadSource(scheme: string, open: (rest: string) => Promise<UploadSource>): () => void {
  uploadSources.set(scheme, open);
  return () => {
    if (uploadSources.get(scheme) === open) uploadSources.delete(scheme);
  };
}

/** An in-memory UploadSource over a buffer. */
export const bufferSource = (data: Buffer): UploadSource => ({
  read: async (buffer, offset, length, position) => ({ bytesRead: data.copy(buffer, offset, position, Math.min(data.length, position + length)) }),
  close: async () => undefined,
});

async function openUploadSource(filePath: string): Promise<UploadSource> {
  const m = /^([A-Za-z0-9]{2,64}):(.+)$/.exec(filePath);
  const open = m?.[1] ? uploadSources.get(m[1]) : undefined;
  if (open && m?.[2]) return open(m[2]);
  return fs.promises.open(filePath, 'r');
}

export async function sha256File(filePath: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(filePath)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

/** Queues a file for upload inside the caller's transaction. */
export async function enqueueFile(trx: Knex.Transaction, file: { path: string; sha256: string; size: number }, createdAt: string): Promise<void> {
  if (!SHA256_HEX.test(file.sha256)) throw new LoketError('VALIDATION', 'Kode SHA-256 berkas tidak valid.', 'Invalid file SHA-256.');
  if (file.size < 1 || file.size > MAX_FILE_BYTES) {
    throw new LoketError('VALIDATION', `Ukuran berkas harus 1 sampai ${MAX_FILE_BYTES} bita.`, `A file must be 1 to ${MAX_FILE_BYTES} bytes.`);
  }
  await trx('file_uploads').insert({ sha256: file.sha256, path: file.path, size: file.size, state: 'pending', attempts: 0, created_at: createdAt }).onConflict('sha256').ignore();
}

export class FileUploader {
  constructor(
    private readonly transport: SyncTransport,
    private readonly chunkBytes = MAX_FILE_CHUNK_BYTES,
  ) {}

  status(token: string, sha256: string): Promise<FileStatus> {
    return this.transport.request(FileStatusSchema, 'GET', `/api/v1/files/${sha256}/status`, token);
  }

  /** Uploads what the server is missing; resolves when the server holds the verified file. */
  async upload(token: string, file: { path: string; sha256: string; size: number }, onChunk?: (received: number) => void): Promise<FileStatus> {
    let st = await this.status(token, file.sha256);
    if (st.complete) return st;
    if (st.size !== null && st.size !== file.size) {
      throw new SyncFailure('refused', 'Ukuran berkas berbeda dari unggahan sebelumnya.', 'The file size differs from the earlier upload.');
    }
    const fh = await openUploadSource(file.path);
    try {
      let offset = st.received;
      while (offset < file.size) {
        const len = Math.min(this.chunkBytes, file.size - offset);
        const buf = Buffer.alloc(len);
        const { bytesRead } = await fh.read(buf, 0, len, offset);
        if (bytesRead !== len) throw new SyncFailure('refused', 'Berkas lokal berubah atau terpotong.', 'The local file changed or is truncated.');
        try {
          st = await this.transport.request(FileStatusSchema, 'PUT', `/api/v1/files/${file.sha256}`, token, buf, {
            'content-type': 'application/octet-stream',
            'content-range': `bytes ${offset}-${offset + len - 1}/${file.size}`,
          });
        } catch (e) {
          // Out of step with the server (e.g. an earlier chunk landed but its answer was lost): ask and resume.
          if (e instanceof SyncFailure && e.status === 409) {
            st = await this.status(token, file.sha256);
            offset = st.received;
            continue;
          }
          throw e;
        }
        offset = st.received;
        onChunk?.(offset);
        if (st.complete) break;
      }
      return st;
    } finally {
      await fh.close();
    }
  }
}

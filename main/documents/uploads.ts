/**
 * Chunked upload of scans from the renderer. Why chunks and not a bigger IPC cap: the dispatcher
 * refuses any input over 256 KiB before parsing it (common/ipc/limits.ts), for every channel; a
 * per-channel exception would let one channel take 10+ MB JSON strings that are parsed, copied and
 * validated in one go (and the dev harness's WebSocket caps frames at 1 MiB). Chunks of 160 KiB
 * keep that single rule, and this registry bounds the rest: the declared size is checked against
 * the limit before the first byte, chunks must arrive in order and add up exactly to it, at most
 * 8 uploads are open at a time, and an upload idle for 10 minutes is dropped.
 */
import { randomUUID } from 'node:crypto';
import { LoketError } from '../../common/ipc/result';
import { DOCUMENT_CHUNK_BYTES, type BeginUploadInput } from '../../common/documents/document';

interface Upload {
  meta: BeginUploadInput;
  officerId: string;
  chunks: Buffer[];
  received: number;
  nextIndex: number;
  touchedAt: number;
}

export const MAX_OPEN_UPLOADS = 8;
const IDLE_MS = 10 * 60_000;

const gone = () =>
  new LoketError('NOT_FOUND', 'Unggahan tidak ditemukan atau kedaluwarsa. Pilih berkas lagi.', 'The upload was not found or expired. Choose the file again.', { issue: 'UPLOAD_GONE' });

export class UploadSessions {
  private readonly open = new Map<string, Upload>();

  constructor(private readonly now: () => number = Date.now) {}

  private prune(): void {
    const t = this.now();
    for (const [id, u] of this.open) if (t - u.touchedAt > IDLE_MS) this.open.delete(id);
  }

  begin(meta: BeginUploadInput, officerId: string): { uploadId: string; chunkBytes: number } {
    this.prune();
    if (this.open.size >= MAX_OPEN_UPLOADS) {
      throw new LoketError('RATE_LIMITED', 'Terlalu banyak unggahan berjalan. Tunggu hingga selesai.', 'Too many uploads in progress. Wait for them to finish.');
    }
    const uploadId = randomUUID();
    this.open.set(uploadId, { meta, officerId, chunks: [], received: 0, nextIndex: 0, touchedAt: this.now() });
    return { uploadId, chunkBytes: DOCUMENT_CHUNK_BYTES };
  }

  chunk(uploadId: string, index: number, base64: string, officerId: string): { received: number } {
    const u = this.open.get(uploadId);
    if (!u || u.officerId !== officerId) throw gone();
    if (index !== u.nextIndex) {
      throw new LoketError('CONFLICT', `Potongan berkas tidak berurutan (diharapkan ${u.nextIndex}).`, `File chunk out of order (expected ${u.nextIndex}).`, { expected: u.nextIndex });
    }
    const data = Buffer.from(base64, 'base64');
    if (data.length === 0 || data.length > DOCUMENT_CHUNK_BYTES || u.received + data.length > u.meta.size) {
      this.open.delete(uploadId);
      throw new LoketError('VALIDATION', 'Ukuran potongan berkas tidak sesuai; unggahan dibatalkan.', 'A file chunk has the wrong size; the upload was cancelled.');
    }
    u.chunks.push(data);
    u.received += data.length;
    u.nextIndex++;
    u.touchedAt = this.now();
    return { received: u.received };
  }

  /** Removes the upload and returns its bytes, once complete. */
  take(uploadId: string, officerId: string): { meta: BeginUploadInput; bytes: Buffer } {
    const u = this.open.get(uploadId);
    if (!u || u.officerId !== officerId) throw gone();
    this.open.delete(uploadId);
    if (u.received !== u.meta.size) {
      throw new LoketError('VALIDATION', `Berkas belum lengkap terkirim (${u.received} dari ${u.meta.size} bita).`, `The file did not arrive complete (${u.received} of ${u.meta.size} bytes).`);
    }
    return { meta: u.meta, bytes: Buffer.concat(u.chunks, u.received) };
  }

  cancel(uploadId: string): void {
    this.open.delete(uploadId);
  }
}

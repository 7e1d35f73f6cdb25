/**
 * Scans between the renderer and main: chunked upload (each call stays under the dispatcher's
 * 256 KiB input cap), chunked read-back into a Blob for the preview (images only: blob: URLs are
 * allowed by the CSP, frames and objects are not, so PDFs show their metadata and SHA-256).
 */
import { api, call } from '../../api/client';
import type { DocumentView } from '../../../../common/documents/document';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export async function uploadFile(file: File, draftId: string, requirementCode: string | null, onProgress: (fraction: number) => void): Promise<DocumentView> {
  const { uploadId, chunkBytes } = await call(
    api().documents.beginUpload({ draftId, requirementCode, fileName: file.name, declaredType: file.type, size: file.size }),
  );
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    for (let i = 0, off = 0; off < bytes.length; i++, off += chunkBytes) {
      await call(api().documents.uploadChunk({ uploadId, index: i, data: toBase64(bytes.subarray(off, off + chunkBytes)) }));
      onProgress(Math.min(1, (off + chunkBytes) / bytes.length));
    }
    return await call(api().documents.finishUpload({ uploadId }));
  } catch (e) {
    void call(api().documents.cancelUpload({ uploadId })).catch(() => undefined);
    throw e;
  }
}

/** The decrypted scan as a Blob (for an object URL); main checks access. */
export async function readDocument(id: string): Promise<Blob> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let mime = 'application/octet-stream';
  for (;;) {
    const r = await call(api().documents.read({ id, offset }));
    mime = r.mime;
    const b = fromBase64(r.data);
    parts.push(b);
    offset += b.length;
    if (offset >= r.total || b.length === 0) break;
  }
  return new Blob(parts as BlobPart[], { type: mime });
}

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(n / 1024)).toLocaleString('id-ID')} KB`;

export const newDraftId = (): string => `draft-${crypto.randomUUID()}`;

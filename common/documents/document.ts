/** Document scans (berkas) as the counter shows them, and the chunked upload over IPC. */
import { z } from 'zod';

export const DOCUMENT_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const DocumentMimeSchema = z.enum(DOCUMENT_MIME_TYPES);

/** Default size limit of one scan; configurable per installation. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/**
 * Bytes per upload chunk. Base64 makes it 4/3 larger: 160 KiB → 218,454 characters, which keeps
 * every call under the dispatcher's 256 KiB input cap (common/ipc/limits.ts) with room for the JSON.
 */
export const DOCUMENT_CHUNK_BYTES = 160 * 1024;
export const MAX_CHUNK_BASE64 = Math.ceil(DOCUMENT_CHUNK_BYTES / 3) * 4;
/** Chunks of a stored scan read back for preview. */
export const DOCUMENT_READ_CHUNK_BYTES = 512 * 1024;

const draftId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const DraftIdSchema = draftId;

export const DocumentViewSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  mime: DocumentMimeSchema,
  size: z.number().int(),
  fileName: z.string(),
  /** Display rotation in degrees; the stored bytes (and their SHA-256) never change. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  requirementCode: z.string().nullable(),
  draftId: z.string().nullable(),
  applicationId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** UU 27/2022 PDP: scans are destroyed after this date. */
  retentionUntil: z.string(),
  /** The same content (same SHA-256) is already attached elsewhere: a warning, not an error. */
  duplicateOf: z.object({ applicationId: z.string().nullable(), registrationNumber: z.string().nullable(), requirementCode: z.string().nullable() }).nullable(),
});
export type DocumentView = z.infer<typeof DocumentViewSchema>;

const fileName = z.string().trim().min(1).max(200);

export const BeginUploadInputSchema = z
  .object({
    draftId,
    requirementCode: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/).nullable(),
    fileName,
    /** The type the renderer was told (File.type); checked against the content. */
    declaredType: z.string().max(100),
    size: z.number().int().min(0).max(2 ** 31),
  })
  .strict();
export type BeginUploadInput = z.infer<typeof BeginUploadInputSchema>;

export const UploadChunkInputSchema = z
  .object({ uploadId: z.string().uuid(), index: z.number().int().min(0).max(100_000), data: z.string().max(MAX_CHUNK_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/) })
  .strict();


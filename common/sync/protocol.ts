/**
 * Sync protocol v1 between a counter installation and the central server.
 *
 * Push: the counter sends intents (not row overwrites) from its outbox, each with a
 * client-generated id; the server re-validates each against its current state and
 * answers per entry. Applying an id twice answers 'duplicate' and changes nothing.
 *
 * Pull: the server keeps one change log ordered by a strictly increasing sequence
 * assigned in commit order; the counter asks for changes after its cursor, page by
 * page, and stores the cursor in the same transaction as the rows it applied. The
 * last page carries per-entity counts and checksums so both sides can detect
 * divergence and repair it.
 */
import { z } from 'zod';

export const SYNC_PROTOCOL_VERSION = 1;
export const MAX_PUSH_ENTRIES = 5000;
export const MAX_PULL_LIMIT = 5000;

const entryId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

/**
 * A JSON object, checked without copying it: the intent handler that owns the kind parses the
 * payload with its own strict schema, so parsing it twice would only cost time (5,000 per batch).
 */
const jsonObject = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'must be a JSON object' });

export const OutboxEntrySchema = z
  .object({
    id: entryId,
    /** The intent, e.g. 'application.create', 'application.setStatus', 'ticket.call'. */
    kind: z.string().min(3).max(64).regex(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/),
    payload: jsonObject,
    createdAt: z.string().max(40),
  })
  .strict();
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export const PushRequestSchema = z
  .object({
    protocol: z.literal(SYNC_PROTOCOL_VERSION),
    installationId: z.string().min(1).max(64),
    entries: z.array(OutboxEntrySchema).min(1).max(MAX_PUSH_ENTRIES),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const PushResultSchema = z.object({
  id: z.string(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  /** For rejected entries: a stable code and bilingual reason shown to the officer. */
  code: z.string().optional(),
  message: z.string().optional(),
  messageEn: z.string().optional(),
  /**
   * For rejected entries: the server's current snapshot of the entity the intent targeted
   * (null when it does not exist or the caller may not read it), so the counter can undo
   * its optimistic local change at once instead of waiting for a pull.
   */
  entity: z.string().optional(),
  entityId: z.string().optional(),
  current: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type PushResult = z.infer<typeof PushResultSchema>;

export const PushResponseSchema = z.object({ results: z.array(PushResultSchema), serverTime: z.string() });
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const ChangeSchema = z.object({
  seq: z.number().int().positive(),
  entity: z.string(),
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  /** Row snapshot after the change (null for delete). */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof ChangeSchema>;

export const EntityDigestSchema = z.object({ count: z.number().int().nonnegative(), checksum: z.string() });
export type EntityDigest = z.infer<typeof EntityDigestSchema>;

export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  /** Highest sequence included; pass it back as `after` for the next page. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /** Only on the last page: what the counter's copy must add up to, per entity. */
  digest: z.record(z.string(), EntityDigestSchema).optional(),
  /** The caller's read scope ('all' or 'agency:<id>'); a counter whose scope changed starts over. */
  scope: z.string(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** Query of GET /api/v1/sync/pull. */
export const PullQuerySchema = z
  .object({
    after: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
  })
  .strict();

/**
 * Repair: GET /api/v1/sync/snapshot?entity=…&after=<id>&limit=… pages through the current rows
 * of one entity in the caller's scope, ordered by id. `horizon` is the change sequence the
 * snapshot is at least as new as; the counter resumes pulling from the first page's horizon.
 */
export const SnapshotQuerySchema = z
  .object({
    entity: z.string().min(1).max(32).regex(/^[a-z][a-zA-Z]*$/),
    after: z.string().max(64).default(''),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
  })
  .strict();

export const SnapshotResponseSchema = z.object({
  entity: z.string(),
  rows: z.array(z.record(z.string(), z.unknown())),
  next: z.string().nullable(),
  horizon: z.number().int().nonnegative(),
});
export type SnapshotResponse = z.infer<typeof SnapshotResponseSchema>;

/** Document files (scans): content-addressed by SHA-256, uploaded in chunks, verified on the server. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_FILE_CHUNK_BYTES = 1024 * 1024;

export const FileStatusSchema = z.object({
  sha256: z.string(),
  /** Declared total size; null when nothing was received yet. */
  size: z.number().int().nonnegative().nullable(),
  /** Bytes received so far, contiguous from 0: the next chunk starts here. */
  received: z.number().int().nonnegative(),
  complete: z.boolean(),
});
export type FileStatus = z.infer<typeof FileStatusSchema>;

/**
 * Types shared by the push processor and the entity modules. An intent handler decides,
 * purely in memory, what one pushed entry does to the current state (or why it is
 * rejected); the processor loads that state in bulk beforehand and writes the outcome.
 */
import type { z } from 'zod';
import type { AuthOfficer } from '../auth/officers';

/** Every synced entity record has a text id and a server version. */
export interface EntityRecord {
  id: string;
  version: number;
}

export interface EntityDef<R extends EntityRecord> {
  name: string;
  table: string;
  columns: readonly string[];
  /** Values in `columns` order. */
  toRow(record: R): unknown[];
  fromRow(row: Record<string, unknown>): R;
  /** Agency id, or '*' for mall-wide rows. */
  scopeOf(record: R): string;
  scopeColumn: string;
  versionOf(record: R): number;
  /**
   * false: no count/checksum digest is kept for this entity (its copies may legitimately
   * differ, e.g. the queue's tickets); it is left out of the pull's digest and never repaired.
   */
  digest?: false;
  /**
   * true: a row must not be linkable to who sent it or when (SKM answers). The push records no
   * officer, installation or time of day for intents targeting it, and its changes carry the
   * day only (server/src/sync/push.ts).
   */
  anonymous?: true;
}

export interface IntentContext {
  officer: AuthOfficer;
  /** Server time of this push, ISO-8601. */
  now: string;
  services: ReadonlyMap<string, { agencyId: string }>;
  /** Current state of an entity row as of this entry (earlier entries of the batch included). */
  get(entity: string, id: string): EntityRecord | null;
}

export type Decision = { ok: true; put: EntityRecord } | { ok: false; code: string; message: string; messageEn: string };

export interface IntentHandler<S extends z.ZodType> {
  kind: string;
  schema: S;
  /** Optional hand-written check run first; it returns the payload itself or null (then `schema` decides). */
  quick?: (payload: unknown) => z.output<S> | null;
  target(payload: z.output<S>): { entity: string; id: string };
  apply(ctx: IntentContext, payload: z.output<S>): Decision;
}

/**
 * The outbox: every local change is written together with its intent in ONE SQLite
 * transaction (the caller's), so a crash can lose neither half. Entries leave the outbox
 * only when the server answered 'applied' or 'duplicate'; a rejected entry stays, marked
 * 'rejected' with the server's bilingual reason, until the officer dismisses it.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { OutboxEntrySchema } from '../../common/sync/protocol';
import { LoketError } from '../../common/ipc/result';

export interface OutboxRow {
  id: string;
  seq: number;
  kind: string;
  payload_json: string;
  created_at: string;
  state: 'pending' | 'rejected';
  attempts: number;
  last_error: string | null;
}

export interface RejectionReason {
  code: string;
  message: string;
  messageEn: string;
}

/** Queues an intent inside the caller's transaction; returns the entry id. */
export async function enqueue(trx: Knex.Transaction, kind: string, payload: Record<string, unknown>, createdAt: string): Promise<string> {
  const id = randomUUID();
  const checked = OutboxEntrySchema.safeParse({ id, kind, payload, createdAt });
  if (!checked.success) {
    throw new LoketError('INTERNAL', 'Perubahan tidak dapat diantrekan untuk sinkronisasi.', `The change cannot be queued for sync (${kind}).`);
  }
  const row = (await trx('outbox').max({ m: 'seq' }).first()) as { m: number | null } | undefined;
  const seq = Number(row?.m ?? 0) + 1;
  await trx('outbox').insert({ id, seq, kind, payload_json: JSON.stringify(payload), created_at: createdAt, state: 'pending', attempts: 0, last_error: null });
  return id;
}

export function parseReason(text: string | null): RejectionReason | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<RejectionReason>;
    if (typeof v.code === 'string' && typeof v.message === 'string' && typeof v.messageEn === 'string') return { code: v.code, message: v.message, messageEn: v.messageEn };
  } catch {
    // fall through: a plain transport error text
  }
  return { code: 'ERROR', message: text, messageEn: text };
}

export async function countOutbox(db: Knex | Knex.Transaction): Promise<{ pending: number; rejected: number }> {
  const rows = (await db('outbox').select('state').count({ n: '*' }).groupBy('state')) as { state: string; n: number }[];
  const out = { pending: 0, rejected: 0 };
  for (const r of rows) if (r.state === 'pending' || r.state === 'rejected') out[r.state] = Number(r.n);
  return out;
}

/** Pending entries in push order, with their parsed payloads (small: what is not yet on the server). */
export async function pendingEntries(db: Knex | Knex.Transaction): Promise<{ id: string; seq: number; kind: string; payload: Record<string, unknown> }[]> {
  const rows = (await db('outbox').where({ state: 'pending' }).orderBy('seq').select('id', 'seq', 'kind', 'payload_json')) as OutboxRow[];
  return rows.map((r) => ({ id: r.id, seq: Number(r.seq), kind: r.kind, payload: JSON.parse(r.payload_json) as Record<string, unknown> }));
}

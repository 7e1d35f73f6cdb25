/**
 * Replays queue intents written offline by a counter (its outbox): each is re-validated
 * against the server's current state with the shared state machine, applied in its own
 * transaction together with its idempotency record, and answered per entry. A rejection
 * never blocks the entries after it. The sync engine's push can call `applyQueueIntent`
 * for the `ticket.*` / `counter.*` kinds; the idempotency table is shared, so an entry
 * delivered by both paths is applied once.
 */
import type { Knex } from 'knex';
import { offlinePrefix, parseInstant } from '../../../common/domain/queue/numbering';
import { LoketError, isLoketError } from '../../../common/ipc/result';
import { isQueueIntentKind, QueueIntentSchemas } from '../../../common/server-api/queue';
import type { OutboxEntry, PushResult } from '../../../common/sync/protocol';
import type { AuthOfficer } from '../auth/officers';
import { queueTransaction } from './change-log';
import { loadServiceConfig } from './config';
import { QueueStore, type Act } from './queue-store';

/** Offline actions older than this are refused (a counter's clock or outbox gone wrong). */
const MAX_AGE_DAYS = 45;
const MAX_FUTURE_MS = 5 * 60_000;

interface IntentRow {
  id: string;
  kind: string;
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  message_en: string | null;
}

function normalizeAt(at: string, now: Date): string {
  const ms = parseInstant(at);
  if (ms === null) throw new LoketError('VALIDATION', 'Waktu tindakan tidak valid.', 'The action time is not valid.');
  if (ms > now.getTime() + MAX_FUTURE_MS || ms < now.getTime() - MAX_AGE_DAYS * 86_400_000) {
    throw new LoketError('VALIDATION', 'Waktu tindakan di luar rentang yang diterima; periksa jam komputer loket.', "The action time is out of the accepted range; check the counter computer's clock.", { reason: 'CLOCK' });
  }
  return new Date(ms).toISOString();
}

async function apply(trx: Knex.Transaction, entry: OutboxEntry, officer: AuthOfficer, now: Date): Promise<void> {
  if (!isQueueIntentKind(entry.kind)) throw new LoketError('VALIDATION', `Jenis perubahan tidak dikenal: ${entry.kind}.`, `Unknown change kind: ${entry.kind}.`);
  const store = new QueueStore(trx);
  const bad = () => new LoketError('VALIDATION', 'Data perubahan antrian tidak valid.', 'The queue change data is not valid.');
  const act = (at: string): Act => ({ officer, now: normalizeAt(at, now), source: 'offline' });
  switch (entry.kind) {
    case 'ticket.issue': {
      const p = QueueIntentSchemas['ticket.issue'].safeParse(entry.payload);
      if (!p.success) throw bad();
      const a = act(p.data.at);
      await issueOffline(trx, store, p.data, a);
      return;
    }
    case 'ticket.walkIn': {
      const p = QueueIntentSchemas['ticket.walkIn'].safeParse(entry.payload);
      if (!p.success) throw bad();
      const d = p.data;
      await store.walkIn(d.counterId, { id: d.ticketId, serviceId: d.serviceId, note: d.note, prefix: d.prefix, number: d.number, station: d.station }, undefined, act(d.at));
      return;
    }
    case 'ticket.call': {
      const p = QueueIntentSchemas['ticket.call'].safeParse(entry.payload);
      if (!p.success) throw bad();
      await store.callTicket(p.data.counterId, p.data.ticketId, undefined, act(p.data.at));
      return;
    }
    case 'ticket.event': {
      const p = QueueIntentSchemas['ticket.event'].safeParse(entry.payload);
      if (!p.success) throw bad();
      await store.applyEvent(p.data.ticketId, p.data.counterId, p.data.event, undefined, act(p.data.at));
      return;
    }
    case 'ticket.note': {
      const p = QueueIntentSchemas['ticket.note'].safeParse(entry.payload);
      if (!p.success) throw bad();
      await store.note(p.data.ticketId, p.data.text, act(p.data.at));
      return;
    }
    case 'counter.pause': {
      const p = QueueIntentSchemas['counter.pause'].safeParse(entry.payload);
      if (!p.success) throw bad();
      await store.pause(p.data.counterId, p.data.reason, p.data.note, undefined, act(p.data.at));
      return;
    }
    case 'counter.resume': {
      const p = QueueIntentSchemas['counter.resume'].safeParse(entry.payload);
      if (!p.success) throw bad();
      await store.resume(p.data.counterId, undefined, act(p.data.at));
      return;
    }
  }
}

async function issueOffline(
  trx: Knex.Transaction,
  store: QueueStore,
  d: { ticketId: string; serviceId: string; category: import('../../../common/domain/queue/priority').TicketCategory; prefix: string; number: number; station: string; at: string },
  a: Act,
): Promise<void> {
  const cfg = await loadServiceConfig(trx, d.serviceId);
  if (!cfg) throw new LoketError('NOT_FOUND', 'Layanan tidak ditemukan.', 'Service not found.');
  if (d.prefix !== offlinePrefix(cfg.prefix, d.station) && !d.prefix.endsWith(d.station)) {
    throw new LoketError('VALIDATION', 'Awalan nomor antrian offline tidak sesuai.', 'The offline ticket prefix does not match.');
  }
  await store.issueOffline({ id: d.ticketId, serviceId: d.serviceId, category: d.category, prefix: d.prefix, number: d.number, station: d.station }, a);
}

/**
 * Applies one entry inside the caller's transaction (each entry in its own savepoint, so a
 * rejected entry leaves no trace but its rejection record). Returns the per-entry answer.
 */
export async function applyQueueIntent(trx: Knex.Transaction, entry: OutboxEntry, officer: AuthOfficer, installationId: string | null, now: Date): Promise<PushResult> {
  const seen = await trx<IntentRow>('queue_intents').where({ id: entry.id }).first();
  if (seen) {
    return seen.status === 'applied'
      ? { id: entry.id, status: 'duplicate' }
      : { id: entry.id, status: 'rejected', code: seen.code ?? 'REJECTED', message: seen.message ?? 'Ditolak server.', messageEn: seen.message_en ?? 'Rejected by the server.' };
  }
  try {
    // A savepoint: its tickets reach the change log with the batch, or not at all if it is rolled back.
    await queueTransaction(trx, async (sp) => {
      await apply(sp, entry, officer, now);
      await sp('queue_intents').insert({ id: entry.id, kind: entry.kind, status: 'applied', code: null, message: null, message_en: null, installation_id: installationId, applied_at: now.toISOString() });
    });
    return { id: entry.id, status: 'applied' };
  } catch (e) {
    if (!isLoketError(e)) throw e;
    const reason = typeof e.details?.reason === 'string' ? e.details.reason : e.code;
    await trx('queue_intents').insert({ id: entry.id, kind: entry.kind, status: 'rejected', code: reason, message: e.messageId, message_en: e.message, installation_id: installationId, applied_at: now.toISOString() });
    return { id: entry.id, status: 'rejected', code: reason, message: e.messageId, messageEn: e.message };
  }
}

/**
 * A whole batch in ONE transaction, in outbox order: other counters never see a ticket
 * issued offline before the calls and events that followed it on the counter are applied.
 * Two deliveries of the same batch at once: the loser fails on the idempotency key and the
 * client retries, getting 'duplicate' answers.
 */
export async function applyQueueIntents(db: Knex, entries: readonly OutboxEntry[], officer: AuthOfficer, installationId: string | null, now: Date): Promise<PushResult[]> {
  return queueTransaction(db, async (trx) => {
    const out: PushResult[] = [];
    for (const entry of entries) out.push(await applyQueueIntent(trx, entry, officer, installationId, now));
    return out;
  });
}

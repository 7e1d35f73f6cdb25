/**
 * The queue on a counter installation: front desk, counter, display board and printer settings.
 *
 * Online, the central server is the authority: every action is one HTTP call whose answer
 * (the ticket, or the whole counter state) is written to the local mirror in one SQLite
 * transaction. Offline (server unreachable, or signed in offline) a counter can still:
 *  - serve walk-ins (numbered in this station's offline series),
 *  - serve tickets this installation's own front desk issued while offline (prefix =
 *    queue prefix + station letter, e.g. 'AZ-001', so they never clash with server numbers),
 *  - go on with the ticket it already held (called/serving) when the network dropped,
 *  - pause/resume and write notes.
 * Nothing else can be called offline: a server ticket might be claimed by another counter.
 * Each offline change is written together with its outbox intent in ONE transaction and
 * replayed on reconnect (reconcile), in order; the server re-validates each with the shared
 * state machine. A refused intent stays in the outbox as 'rejected' with the server's
 * bilingual reason (shown as not synced), never silently dropped, and does not block later
 * intents; the server's version of that ticket then replaces the local one on the next refresh.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { announcementText, formatTicketNumber, offlinePrefix, serviceDayOf } from '../../common/domain/queue/numbering';
import { INITIAL_PRIORITY_STATE, PriorityRuleSchema, TICKET_CATEGORY_LABELS, isPriority, pickNext, type PriorityRule, type TicketCategory } from '../../common/domain/queue/priority';
import { applyTicketEvent, type Ticket, type TicketEvent } from '../../common/domain/queue/ticket-state';
import type { Board, CounterState, PauseReason, PrintOutcome, ServiceQueue, TicketView } from '../../common/ipc/channels/queue';
import { PrinterSettingsInputSchema } from '../../common/ipc/channels/queue';
import type { Session } from '../../common/ipc/models';
import { LoketError, isLoketError } from '../../common/ipc/result';
import {
  BoardResponseSchema,
  IssuedTicketResponseSchema,
  OverviewResponseSchema,
  QUEUE_INTENT_KINDS,
  QueueConfigSchema,
  ServerCounterClaimSchema,
  ServerCounterStateSchema,
  ServerTicketSchema,
  TicketEventResponseSchema,
  WAITING_LIST_LIMIT,
  type QueueConfig,
  type ServerCounterClaim,
  type ServerCounterState,
  type ServerTicket,
} from '../../common/server-api/queue';
import { PushResultSchema } from '../../common/sync/protocol';
import type { Logger } from '../../node-shared/logger';
import { compile, connRun, sqliteTransaction } from '../../node-shared/sqlite-raw';
import type { AuthService } from '../auth/auth-service';
import type { Db } from '../db/open';
import type { EventBus } from '../ipc/event-bus';
import type { ServerClient } from '../server-link/server-client';
import {
  enqueueIntent,
  fromServer,
  insertLocalEvent,
  loadNames,
  patchFromDomain,
  toDomain,
  toView,
  upsertServerTickets,
  upsertServerTicketsOn,
  type LocalTicketRow,
  type NameMaps,
} from './local-store';
import { DEFAULT_PRINTER_SETTINGS, noPrinter, type PrinterSettings, type QueuePrinter, type TicketPrintJob } from './printer-port';

export interface QueueServiceDeps {
  db: Db;
  server: ServerClient;
  auth: AuthService;
  events: EventBus;
  now: () => Date;
  log: Logger;
  printer?: QueuePrinter;
  serverUrl: () => Promise<string | null>;
}

const OFFLINE = Symbol('offline');
type Offline = typeof OFFLINE;
const API = '/api/v1/queue';
const CONFIG_KEY = 'queue.config';
const STATION_KEY = 'queue.stationCode';
const PRINTER_KEY = 'printer.settings';
const CONFIG_MAX_AGE_MS = 60_000;
const RECONCILE_BATCH = 500;
/** After the server failed to answer, go straight to offline mode for this long. */
const OFFLINE_RETRY_MS = 15_000;
/**
 * After the outbox was found without queue intents, it is not read again before each online
 * action for this long — unless this service queued one meanwhile (which resets the check).
 */
const OUTBOX_RECHECK_MS = 2_000;

const DEFAULT_CONFIG: QueueConfig = {
  utcOffsetMinutes: 420,
  allowCallOutOfOrder: false,
  minRecallsBeforeNoShow: 2,
  priorityRule: [{ kind: 'ratio', priority: 2, normal: 1 }],
  services: [],
};

const IntentsResponseSchema = z.object({ results: z.array(PushResultSchema), serverTime: z.string() });

const noCounter = () => new LoketError('VALIDATION', 'Buka loket terlebih dahulu.', 'Open a counter first.');
const noCurrent = () => new LoketError('CONFLICT', 'Tidak ada antrian yang sedang dipanggil atau dilayani di loket ini.', 'No ticket is being called or served at this counter.');
const offlineOnly = (what: string, whatEn: string) =>
  new LoketError(
    'OFFLINE',
    `Server tidak dapat dihubungi; ${what} hanya dapat dilakukan saat tersambung. Saat offline loket dapat melayani walk-in dan antrian yang dicetak di komputer ini.`,
    `The server cannot be reached; ${whatEn} only works while connected. Offline, the counter can serve walk-ins and tickets printed on this computer.`,
  );

interface CounterCtx {
  session: Session;
  counterId: string;
  counterName: string;
  counterNumber: number;
  agencyId: string;
  /** The services chosen when the counter was opened; null = all of the agency's. */
  serviceIds: string[] | null;
}

/** The counter's streaks, pause and services from a server answer, into `queue_counter_local` (built on `db`). */
function counterLocalUpsert(db: Knex | Knex.Transaction, counterId: string, s: Pick<ServerCounterClaim, 'priorityState' | 'paused' | 'serviceIds'>): Knex.QueryBuilder {
  return db('queue_counter_local')
    .insert({
      counter_id: counterId,
      priority_streak: s.priorityState.priorityStreak,
      normal_streak: s.priorityState.normalStreak,
      paused_reason: s.paused?.reason ?? null,
      paused_since: s.paused?.since ?? null,
      paused_note: s.paused?.note ?? null,
      service_ids_json: JSON.stringify(s.serviceIds),
    })
    .onConflict('counter_id')
    .merge();
}

export class QueueService {
  private readonly printer: QueuePrinter;
  private configCache: { at: number; config: QueueConfig } | null = null;
  private reconciling: Promise<void> = Promise.resolve();
  private offlineUntil = 0;
  /** When the outbox was last found without queue intents (0: read it before the next online action). */
  private outboxEmptyAt = 0;
  /** The lists of the last full counter state, shown after a lean call until the screen refreshes. */
  private lastLists: { counterId: string; serviceIds: string[]; waiting: TicketView[]; noShows: TicketView[] } | null = null;

  constructor(private readonly d: QueueServiceDeps) {
    this.printer = d.printer ?? noPrinter;
    // Replay offline work as soon as the server is back or someone signs in with a token.
    d.events.subscribe((name, payload) => {
      const backOnline = name === 'status.changed' && (payload as { connection?: string } | null)?.connection === 'online';
      if (backOnline || (name === 'session.changed' && (payload as { mode?: string } | null)?.mode === 'server')) {
        this.offlineUntil = 0;
        void this.reconcileNow().catch((e: unknown) => d.log.warn('queue reconcile failed', { error: e }));
      }
    });
  }

  private namesCache: { at: number; names: Promise<NameMaps> } | null = null;

  /** Catalog names for views, cached briefly (the catalog changes at sign-in, not per call). */
  private names(): Promise<NameMaps> {
    const t = Date.now();
    if (!this.namesCache || t - this.namesCache.at > 15_000) this.namesCache = { at: t, names: loadNames(this.d.db) };
    return this.namesCache.names;
  }

  private iso(): string {
    return this.d.now().toISOString();
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /**
   * Runs `fn` against the server after replaying pending offline work; OFFLINE when unreachable.
   * After a failure the server is not tried again for OFFLINE_RETRY_MS (or until the status
   * probe reports it online): a dead network must not cost every click a connect timeout.
   */
  private async online<T>(fn: (token: string) => Promise<T>): Promise<T | Offline> {
    const token = this.d.auth.token;
    if (!token || Date.now() < this.offlineUntil) return OFFLINE;
    try {
      await this.reconcile(token);
      return await fn(token);
    } catch (e) {
      if (isLoketError(e) && e.code === 'OFFLINE') {
        this.offlineUntil = Date.now() + OFFLINE_RETRY_MS;
        return OFFLINE;
      }
      throw e;
    }
  }

  async reconcileNow(): Promise<void> {
    const token = this.d.auth.token;
    if (!token) return;
    try {
      await this.reconcile(token);
    } catch (e) {
      if (!(isLoketError(e) && e.code === 'OFFLINE')) throw e;
    }
  }

  /** Pushes pending queue intents in outbox order (one at a time: serialised). */
  private reconcile(token: string): Promise<void> {
    const run = this.reconciling.then(() => this.pushPending(token));
    this.reconciling = run.catch(() => undefined);
    return run;
  }

  private async pushPending(token: string): Promise<void> {
    if (Date.now() - this.outboxEmptyAt < OUTBOX_RECHECK_MS) return;
    for (;;) {
      // Also entries the generic sync push refused only because its endpoint does not know
      // queue kinds (UNKNOWN_KIND): they were never applied, the queue endpoint applies them.
      const rows = (await this.d.db('outbox')
        .whereIn('kind', QUEUE_INTENT_KINDS)
        .where((w) => w.where({ state: 'pending' }).orWhere((r) => r.where({ state: 'rejected' }).andWhere('last_error', 'like', '%"code":"UNKNOWN_KIND"%')))
        .orderBy('seq')
        .limit(RECONCILE_BATCH)
        .select('id', 'kind', 'payload_json', 'created_at')) as { id: string; kind: string; payload_json: string; created_at: string }[];
      if (rows.length === 0) {
        this.outboxEmptyAt = Date.now();
        return;
      }
      const entries = rows.map((r) => ({ id: r.id, kind: r.kind, payload: JSON.parse(r.payload_json) as Record<string, unknown>, createdAt: r.created_at }));
      const res = await this.d.server.request(IntentsResponseSchema, 'POST', `${API}/intents`, { installationId: await this.installationId(), entries }, token);
      const byId = new Map(res.results.map((r) => [r.id, r]));
      await this.d.db.transaction(async (trx) => {
        const touched = new Set<string>();
        for (const e of entries) {
          const r = byId.get(e.id);
          if (!r) continue;
          const ticketId = typeof e.payload.ticketId === 'string' ? e.payload.ticketId : null;
          if (ticketId) touched.add(ticketId);
          if (r.status === 'rejected') {
            await trx('outbox')
              .where({ id: e.id })
              .update({ state: 'rejected', attempts: trx.raw('attempts + 1'), last_error: JSON.stringify({ code: r.code ?? 'REJECTED', message: r.message ?? '', messageEn: r.messageEn ?? '' }) });
            this.d.log.warn('queue change refused by the server', { kind: e.kind, code: r.code ?? null });
          } else {
            await trx('outbox').where({ id: e.id }).delete();
          }
        }
        // A ticket is clean once none of its intents is pending; the server's copy wins from now on.
        for (const id of touched) {
          const pending = (await trx('outbox').where({ state: 'pending' }).whereIn('kind', QUEUE_INTENT_KINDS).where('payload_json', 'like', `%"ticketId":"${id}"%`).first('id')) as unknown;
          if (!pending) await trx('queue_tickets').where({ id }).update({ dirty: 0 });
        }
      });
      if (res.results.length === 0) return;
      this.d.events.emit('queue.changed', { reason: 'reconciled', serviceIds: [] });
    }
  }

  /** Queues an offline intent; the next online action reads the outbox again. */
  private enqueue(...args: Parameters<typeof enqueueIntent>): Promise<string> {
    this.outboxEmptyAt = 0;
    return enqueueIntent(...args);
  }

  private async installationId(): Promise<string> {
    const row = (await this.d.db('settings').where({ key: 'installationId' }).first('value')) as { value: string } | undefined;
    return row?.value ?? 'unknown';
  }

  /** This installation's station letter for offline numbers (settings 'queue.stationCode'). */
  async stationCode(): Promise<string> {
    if (this.station) return this.station;
    this.station = await this.readStationCode();
    return this.station;
  }

  private station: string | null = null;

  private async readStationCode(): Promise<string> {
    const row = (await this.d.db('settings').where({ key: STATION_KEY }).first('value')) as { value: string } | undefined;
    if (row && /^[A-Z]$/.test(row.value)) return row.value;
    // Default derived from the installation id: Q–Z, which demo and usual queue prefixes avoid.
    const id = await this.installationId();
    let h = 0;
    for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    const code = 'QRSTUVWXYZ'.charAt(h % 10);
    await this.d.db('settings').insert({ key: STATION_KEY, value: code }).onConflict('key').ignore();
    return code;
  }

  async config(token?: string | null): Promise<QueueConfig> {
    const t = Date.now();
    if (this.configCache && t - this.configCache.at < CONFIG_MAX_AGE_MS) return this.configCache.config;
    if (token) {
      try {
        const config = await this.d.server.request(QueueConfigSchema, 'GET', `${API}/config`, undefined, token);
        await this.d.db('settings').insert({ key: CONFIG_KEY, value: JSON.stringify(config) }).onConflict('key').merge();
        this.configCache = { at: t, config };
        return config;
      } catch (e) {
        if (!(isLoketError(e) && e.code === 'OFFLINE')) throw e;
      }
    }
    const row = (await this.d.db('settings').where({ key: CONFIG_KEY }).first('value')) as { value: string } | undefined;
    let config = DEFAULT_CONFIG;
    if (row) {
      try {
        const parsed = QueueConfigSchema.safeParse(JSON.parse(row.value));
        if (parsed.success) config = parsed.data;
      } catch {
        config = DEFAULT_CONFIG;
      }
    }
    return config;
  }

  private rule(config: QueueConfig): PriorityRule {
    const parsed = PriorityRuleSchema.safeParse(config.priorityRule);
    return parsed.success ? parsed.data : DEFAULT_CONFIG.priorityRule;
  }

  private async session(): Promise<Session> {
    const s = await this.d.auth.current();
    if (!s) throw new LoketError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
    return s;
  }

  private async counterCtx(): Promise<CounterCtx> {
    const session = await this.session();
    if (!session.counterId) throw noCounter();
    // The catalog cache knows the counter (one query less per action); the table otherwise.
    const known = (await this.names()).counters.get(session.counterId);
    const serviceIds = session.counterServiceIds;
    if (known) return { session, counterId: session.counterId, counterName: known.name, counterNumber: known.number, agencyId: known.agencyId, serviceIds };
    const c = (await this.d.db('counters').where({ id: session.counterId }).first('id', 'name', 'number', 'agency_id')) as
      | { id: string; name: string; number: number; agency_id: string }
      | undefined;
    if (!c) throw noCounter();
    return { session, counterId: c.id, counterName: c.name, counterNumber: Number(c.number), agencyId: c.agency_id, serviceIds };
  }

  private changed(reason: string, serviceIds: readonly string[]): void {
    this.d.events.emit('queue.changed', { reason, serviceIds: [...new Set(serviceIds)] });
  }

  private announce(ticketNumber: string, ctx: CounterCtx): void {
    let announcement = `Nomor antrian ${ticketNumber}, silakan menuju ${ctx.counterName}`;
    try {
      announcement = announcementText(ticketNumber, ctx.counterNumber);
    } catch {
      // keep the plain text
    }
    this.d.events.emit('queue.called', { ticketNumber, counterName: ctx.counterName, counterNumber: ctx.counterNumber, announcement });
  }

  private async row(id: string): Promise<LocalTicketRow | undefined> {
    return (await this.d.db('queue_tickets').where({ id }).first()) as LocalTicketRow | undefined;
  }

  // ---- front desk ---------------------------------------------------------------------------

  async overview(): Promise<{ services: ServiceQueue[]; at: string }> {
    const names = await this.names();
    const res = await this.online((token) => this.d.server.request(OverviewResponseSchema, 'GET', `${API}/overview`, undefined, token));
    const at = this.iso();
    const nameOf = (serviceId: string, agencyId: string) => ({
      serviceName: names.services.get(serviceId)?.name ?? serviceId,
      agencyName: names.agencies.get(agencyId) ?? agencyId,
    });
    if (res !== OFFLINE) {
      return { at: res.at, services: res.services.map((s) => ({ ...s, ...nameOf(s.serviceId, s.agencyId) })) };
    }
    // Offline: what this installation knows for sure, its own station's waiting tickets.
    const config = await this.config();
    const station = await this.stationCode();
    const day = serviceDayOf(at, config.utcOffsetMinutes);
    const rows = (await this.d.db('queue_tickets')
      .where({ station, status: 'waiting', service_day: day })
      .groupBy('service_id')
      .select('service_id', this.d.db.raw('count(*) as waiting'), this.d.db.raw("sum(case when category <> 'normal' then 1 else 0 end) as pw"), this.d.db.raw('min(arrived_at) as oldest'))) as {
      service_id: string;
      waiting: number;
      pw: number;
      oldest: string | null;
    }[];
    const agg = new Map(rows.map((r) => [r.service_id, r]));
    const services = [...names.services.entries()].map(([serviceId, s]) => {
      const cfg = config.services.find((c) => c.serviceId === serviceId);
      const a = agg.get(serviceId);
      return {
        serviceId,
        agencyId: s.agencyId,
        prefix: cfg ? offlinePrefix(cfg.prefix, station) : station,
        waiting: Number(a?.waiting ?? 0),
        priorityWaiting: Number(a?.pw ?? 0),
        oldestArrivedAt: a?.oldest ?? null,
        ...nameOf(serviceId, s.agencyId),
      };
    });
    return { at, services };
  }

  async issue(serviceId: string, category: TicketCategory): Promise<{ ticket: TicketView; ahead: number; print: PrintOutcome }> {
    await this.session();
    const names = await this.names();
    if (!names.services.has(serviceId)) throw new LoketError('NOT_FOUND', 'Layanan tidak ditemukan.', 'Service not found.');
    const id = randomUUID();
    const res = await this.online((token) =>
      this.d.server.request(IssuedTicketResponseSchema, 'POST', `${API}/tickets`, { id, serviceId, category, channel: 'frontdesk' }, token),
    );
    let row: LocalTicketRow;
    let ahead: number;
    if (res !== OFFLINE) {
      await this.d.db.transaction((trx) => upsertServerTickets(trx, [res.ticket], this.iso(), true));
      row = { ...fromServer(res.ticket, this.iso()), issued_here: 1 };
      ahead = res.ahead;
    } else {
      ({ row, ahead } = await this.issueOffline(id, serviceId, category));
    }
    this.changed('issued', [serviceId]);
    const print = await this.print(row, ahead, names);
    return { ticket: toView(row, names), ahead, print };
  }

  private async nextLocalNumber(trx: Db, prefix: string, day: string): Promise<number> {
    await trx('queue_local_sequences').insert({ prefix, service_day: day, last_number: 0 }).onConflict(['prefix', 'service_day']).ignore();
    await trx('queue_local_sequences').where({ prefix, service_day: day }).increment('last_number', 1);
    const r = (await trx('queue_local_sequences').where({ prefix, service_day: day }).first('last_number')) as { last_number: number };
    return Number(r.last_number);
  }

  private async stationPrefix(serviceId: string, config: QueueConfig): Promise<{ prefix: string; station: string; agencyId: string }> {
    const station = await this.stationCode();
    const cfg = config.services.find((c) => c.serviceId === serviceId);
    const svc = (await this.d.db('services').where({ id: serviceId }).first('agency_id')) as { agency_id: string } | undefined;
    if (!svc) throw new LoketError('NOT_FOUND', 'Layanan tidak ditemukan.', 'Service not found.');
    const agency = (await this.d.db('agencies').where({ id: svc.agency_id }).first('code')) as { code: string } | undefined;
    const queuePrefix = cfg?.prefix ?? ((agency?.code ?? 'A').replace(/[^A-Z]/gi, '').charAt(0).toUpperCase() || 'A');
    return { prefix: offlinePrefix(queuePrefix, station), station, agencyId: svc.agency_id };
  }

  private async issueOffline(id: string, serviceId: string, category: TicketCategory): Promise<{ row: LocalTicketRow; ahead: number }> {
    const config = await this.config();
    const now = this.iso();
    const day = serviceDayOf(now, config.utcOffsetMinutes);
    const { prefix, station, agencyId } = await this.stationPrefix(serviceId, config);
    const officerId = (await this.session()).officer.id;
    // One connection: nothing inside the transaction may use this.d.db (or it waits forever).
    const row = await this.d.db.transaction(async (trx) => {
      const number = await this.nextLocalNumber(trx, prefix, day);
      const r: LocalTicketRow = {
        id, prefix, number, display_number: formatTicketNumber(prefix, number), service_day: day, agency_id: agencyId, service_id: serviceId,
        category, channel: 'frontdesk', status: 'waiting', arrived_at: now, called_at: null, serving_started_at: null, finished_at: null,
        counter_id: null, officer_id: null, target_counter_id: null, recalls: 0, origin_ticket_id: null, station, booking_id: null, note: null,
        version: 0, dirty: 1, issued_here: 1, updated_at: now,
      };
      await trx('queue_tickets').insert(r);
      await insertLocalEvent(trx, { ticketId: id, event: 'issue', from: null, to: 'waiting', at: now, officerId, counterId: '' });
      await this.enqueue(trx, 'ticket.issue', { ticketId: id, serviceId, category, prefix, number, station, at: now }, now);
      return r;
    });
    const q = this.d.db('queue_tickets').where({ station, service_id: serviceId, service_day: day, status: 'waiting' }).where('arrived_at', '<', now);
    if (isPriority(category)) q.whereNot({ category: 'normal' });
    const a = (await q.count({ n: '*' }).first()) as { n: number } | undefined;
    return { row, ahead: Number(a?.n ?? 0) };
  }

  async checkInBooking(code: string): Promise<{ ticket: TicketView; ahead: number; print: PrintOutcome }> {
    await this.session();
    const names = await this.names();
    const res = await this.online((token) => this.d.server.request(IssuedTicketResponseSchema, 'POST', `${API}/bookings/check-in`, { code }, token));
    if (res === OFFLINE) throw offlineOnly('check-in booking', 'booking check-in');
    await this.d.db.transaction((trx) => upsertServerTickets(trx, [res.ticket], this.iso(), true));
    const row = { ...fromServer(res.ticket, this.iso()), issued_here: 1 };
    this.changed('checked_in', [row.service_id]);
    return { ticket: toView(row, names), ahead: res.ahead, print: await this.print(row, res.ahead, names) };
  }

  async reprint(ticketId: string): Promise<{ print: PrintOutcome }> {
    const row = await this.row(ticketId);
    if (!row) throw new LoketError('NOT_FOUND', 'Antrian tidak ditemukan di komputer ini.', 'Ticket not found on this computer.');
    const names = await this.names();
    const a = (await this.d.db('queue_tickets').where({ service_id: row.service_id, service_day: row.service_day, status: 'waiting' }).where('arrived_at', '<', row.arrived_at).count({ n: '*' }).first()) as
      | { n: number }
      | undefined;
    return { print: await this.print(row, Number(a?.n ?? 0), names) };
  }

  async cancel(ticketId: string, reason: string): Promise<TicketView> {
    const session = await this.session();
    const names = await this.names();
    const event: TicketEvent = { type: 'cancel', note: reason.slice(0, 500) };
    const local = await this.row(ticketId);
    const res = await this.online((token) =>
      this.d.server.request(TicketEventResponseSchema, 'POST', `${API}/tickets/${encodeURIComponent(ticketId)}/events`, { counterId: null, event }, token),
    );
    if (res !== OFFLINE) {
      await this.d.db.transaction((trx) => upsertServerTickets(trx, [res.ticket], this.iso()));
      this.changed('cancelled', [res.ticket.serviceId]);
      return toView({ ...fromServer(res.ticket, this.iso()), issued_here: local?.issued_here ?? 0 }, names);
    }
    if (!local || !local.station || local.station !== (await this.stationCode())) throw offlineOnly('pembatalan antrian server', 'cancelling a server ticket');
    const { row } = await this.localStep(local, event, null, session.officer.id);
    this.changed('cancelled', [row.service_id]);
    return toView(row, names);
  }

  async recentIssued(): Promise<TicketView[]> {
    const names = await this.names();
    const rows = (await this.d.db('queue_tickets').where({ issued_here: 1 }).orderBy('updated_at', 'desc').limit(30)) as LocalTicketRow[];
    return rows.map((r) => toView(r, names));
  }

  private async print(row: LocalTicketRow, ahead: number, names: NameMaps): Promise<PrintOutcome> {
    try {
      const job = await this.printJob(row, ahead, names);
      return await this.printer.printTicket(job, await this.printerSettings());
    } catch (e) {
      this.d.log.warn('ticket print failed', { error: e });
      return { ok: false, code: 'PRINT_FAILED', message: 'Tiket gagal dicetak; antrian tetap tercatat dan dapat dicetak ulang.', messageEn: 'The ticket could not be printed; it is issued and can be reprinted.' };
    }
  }

  private async printJob(row: Pick<LocalTicketRow, 'service_id' | 'agency_id' | 'display_number' | 'arrived_at' | 'category'>, ahead: number, names: NameMaps): Promise<TicketPrintJob> {
    const mall = (await this.d.db('settings').where({ key: 'mallName' }).first('value')) as { value: string } | undefined;
    const config = await this.config();
    const base = (await this.d.serverUrl()) ?? 'http://127.0.0.1';
    return {
      mallName: mall?.value ?? 'Mal Pelayanan Publik',
      agencyName: names.agencies.get(row.agency_id) ?? '',
      serviceName: names.services.get(row.service_id)?.name ?? '',
      ticketNumber: row.display_number,
      ahead,
      issuedAt: row.arrived_at,
      utcOffsetMinutes: config.utcOffsetMinutes,
      statusUrl: new URL('/api/v1/public/queue-status', base).toString(),
      priorityLabel: row.category === 'normal' ? null : TICKET_CATEGORY_LABELS[row.category].id,
    };
  }

  // ---- counter ------------------------------------------------------------------------------

  /** Writes a server counter state to the mirror in one transaction and returns the screen's view. */
  private async applyServerState(ctx: CounterCtx, s: ServerCounterState): Promise<CounterState> {
    const now = this.iso();
    await this.d.db.transaction(async (trx) => {
      // The waiting list is shown from the answer; the mirror keeps what this counter acts on.
      const all: ServerTicket[] = [...(s.current ? [s.current] : []), ...s.noShows, ...s.changed];
      await upsertServerTickets(trx, all, now);
      await counterLocalUpsert(trx, ctx.counterId, s);
    });
    const names = await this.names();
    const config = await this.config(this.d.auth.token);
    const view = (t: ServerTicket) => toView(fromServer(t, now), names);
    const waiting = s.waiting.map(view);
    const noShows = s.noShows.map(view);
    this.lastLists = { counterId: ctx.counterId, serviceIds: s.serviceIds, waiting, noShows };
    return {
      counterId: ctx.counterId,
      counterName: ctx.counterName,
      serviceIds: s.serviceIds,
      current: s.current ? view(s.current) : null,
      paused: s.paused,
      waiting,
      noShows,
      allowCallOutOfOrder: config.allowCallOutOfOrder,
      minRecallsBeforeNoShow: config.minRecallsBeforeNoShow,
    };
  }

  /**
   * A lean claim: the tickets it changed and the counter's streaks go to the mirror in one
   * transaction (the committed change call-next is measured to); the lists shown are the last
   * ones minus the tickets this call took, until the screen refetches on 'queue.changed'.
   */
  private async applyClaim(ctx: CounterCtx, c: ServerCounterClaim): Promise<CounterState> {
    const now = this.iso();
    const db = this.d.db;
    const streaks = compile(counterLocalUpsert(db, ctx.counterId, c));
    // The hot path of call-next: one raw transaction (sqlite-raw.ts), its two statements sent together.
    await sqliteTransaction(db, (conn) =>
      Promise.all([upsertServerTicketsOn(conn, db, [...(c.current ? [c.current] : []), ...c.changed], now), connRun(conn, streaks.sql, streaks.bindings)]),
    );
    const names = await this.names();
    const config = await this.config(this.d.auth.token);
    const taken = new Set([...(c.current ? [c.current.id] : []), ...c.changed.map((t) => t.id)]);
    const last = this.lastLists?.counterId === ctx.counterId ? this.lastLists : null;
    return {
      counterId: ctx.counterId,
      counterName: ctx.counterName,
      serviceIds: c.serviceIds,
      current: c.current ? toView(fromServer(c.current, now), names) : null,
      paused: c.paused,
      waiting: (last?.waiting ?? []).filter((t) => !taken.has(t.id)),
      noShows: last?.noShows ?? [],
      allowCallOutOfOrder: config.allowCallOutOfOrder,
      minRecallsBeforeNoShow: config.minRecallsBeforeNoShow,
    };
  }

  /** The counter's priority streaks as last mirrored. */
  private async localStreaks(ctx: CounterCtx): Promise<ServerCounterClaim['priorityState']> {
    const local = (await this.d.db('queue_counter_local').where({ counter_id: ctx.counterId }).first('priority_streak', 'normal_streak')) as { priority_streak: number; normal_streak: number } | undefined;
    return { priorityStreak: Number(local?.priority_streak ?? 0), normalStreak: Number(local?.normal_streak ?? 0) };
  }

  /** The counter state from the mirror (offline). */
  private async localState(ctx: CounterCtx): Promise<CounterState> {
    const config = await this.config();
    const names = await this.names();
    const station = await this.stationCode();
    const day = serviceDayOf(this.iso(), config.utcOffsetMinutes);
    const serviceIds = this.offlineServiceIds(ctx, names);
    const db = this.d.db;
    const [current, waiting, parked, noShows, local] = await Promise.all([
      db('queue_tickets').where({ counter_id: ctx.counterId }).whereIn('status', ['called', 'serving']).orderBy('updated_at', 'desc').first() as Promise<LocalTicketRow | undefined>,
      db('queue_tickets').where({ station, status: 'waiting', service_day: day }).whereIn('service_id', serviceIds).orderBy([{ column: 'arrived_at' }, { column: 'id' }]).limit(WAITING_LIST_LIMIT) as Promise<LocalTicketRow[]>,
      db('queue_tickets').where({ status: 'parked', service_day: day }).where((w) => w.where('target_counter_id', ctx.counterId).orWhere('counter_id', ctx.counterId)) as Promise<LocalTicketRow[]>,
      db('queue_tickets').where({ station, status: 'no_show', service_day: day }).whereIn('service_id', serviceIds).orderBy('updated_at', 'desc').limit(50) as Promise<LocalTicketRow[]>,
      db('queue_counter_local').where({ counter_id: ctx.counterId }).first() as Promise<{ paused_reason: PauseReason | null; paused_since: string | null; paused_note: string | null } | undefined>,
    ]);
    const views = { waiting: [...parked, ...waiting].map((r) => toView(r, names)), noShows: noShows.map((r) => toView(r, names)) };
    this.lastLists = { counterId: ctx.counterId, serviceIds, ...views };
    return {
      counterId: ctx.counterId,
      counterName: ctx.counterName,
      serviceIds,
      current: current ? toView(current, names) : null,
      paused: local?.paused_reason && local.paused_since ? { reason: local.paused_reason, since: local.paused_since, note: local.paused_note } : null,
      waiting: views.waiting,
      noShows: views.noShows,
      allowCallOutOfOrder: config.allowCallOutOfOrder,
      minRecallsBeforeNoShow: config.minRecallsBeforeNoShow,
    };
  }

  /** A counter request; the officer's chosen services go along (query for GET, body for POST). */
  private counterRequest(ctx: CounterCtx, method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<ServerCounterState | Offline> {
    const base = `${API}/counters/${encodeURIComponent(ctx.counterId)}${path}`;
    const url = method === 'GET' && ctx.serviceIds ? `${base}?services=${encodeURIComponent(ctx.serviceIds.join(','))}` : base;
    const payload = method === 'POST' ? { ...(body ?? {}), ...this.servicesField(ctx) } : body;
    return this.online((token) => this.d.server.request(ServerCounterStateSchema, method, url, payload, token));
  }

  private servicesField(ctx: CounterCtx): { serviceIds?: string[] } {
    return ctx.serviceIds ? { serviceIds: ctx.serviceIds } : {};
  }

  /** The services this counter draws from offline: the chosen ones, else all of its agency's. */
  private offlineServiceIds(ctx: CounterCtx, names: NameMaps): string[] {
    return ctx.serviceIds ?? [...names.services.entries()].filter(([, s]) => s.agencyId === ctx.agencyId).map(([id]) => id);
  }

  async counterState(): Promise<CounterState> {
    const ctx = await this.counterCtx();
    const res = await this.counterRequest(ctx, 'GET', '/state');
    return res === OFFLINE ? this.localState(ctx) : this.applyServerState(ctx, res);
  }

  /**
   * One state-machine step done offline: the row, its history entry and the outbox intent in
   * ONE transaction. A transfer also creates the linked new ticket locally.
   */
  private async localStep(
    row: LocalTicketRow,
    event: TicketEvent,
    counterId: string | null,
    officerId: string,
    into?: { trx: Knex.Transaction; config: QueueConfig },
  ): Promise<{ row: LocalTicketRow; newRow: LocalTicketRow | null }> {
    const config = into?.config ?? (await this.config());
    const now = this.iso();
    const result = applyTicketEvent(toDomain(row), event, { now, officerId, counterId: counterId ?? '', settings: { minRecallsBeforeNoShow: config.minRecallsBeforeNoShow } });
    if (!result.ok) throw new LoketError(result.error.code, result.error.message, result.error.messageEn, result.error.details);
    const write = async (trx: Knex.Transaction) => {
      const note = 'note' in event && event.note !== undefined && event.type !== 'transfer' ? { note: event.note } : {};
      const next: LocalTicketRow = { ...row, ...patchFromDomain(result.ticket), ...note, dirty: 1, updated_at: now };
      // Independent: sent together (the outbox entry below reads the outbox, so it follows).
      await Promise.all([
        trx('queue_tickets').where({ id: row.id }).update({ ...patchFromDomain(result.ticket), ...note, dirty: 1, updated_at: now }),
        insertLocalEvent(trx, { ...result.history, ...(result.history.note ? { note: result.history.note } : {}) }),
      ]);
      if (event.type === 'call') await this.enqueue(trx, 'ticket.call', { ticketId: row.id, counterId: counterId ?? '', at: now }, now);
      else await this.enqueue(trx, 'ticket.event', { ticketId: row.id, counterId, event, at: now }, now);
      let newRow: LocalTicketRow | null = null;
      if (result.newTicket) {
        const nt: Ticket = result.newTicket;
        const svc = (await trx('services').where({ id: nt.serviceId }).first('agency_id')) as { agency_id: string } | undefined;
        newRow = {
          ...row, id: nt.id, service_id: nt.serviceId, agency_id: svc?.agency_id ?? row.agency_id, channel: 'transfer', status: 'waiting',
          called_at: null, serving_started_at: null, finished_at: null, counter_id: null, officer_id: null, target_counter_id: nt.targetCounterId,
          recalls: 0, origin_ticket_id: row.id, note: event.type === 'transfer' ? (event.note ?? null) : null, version: 0, dirty: 1, issued_here: 0, updated_at: now,
        };
        await trx('queue_tickets').insert(newRow);
        await insertLocalEvent(trx, { ticketId: nt.id, event: 'transfer_in', from: null, to: 'waiting', at: now, officerId, counterId: counterId ?? '' });
      }
      return { row: next, newRow };
    };
    return into ? write(into.trx) : this.d.db.transaction(write);
  }

  /** The counter's held ticket (called or serving), from the mirror. */
  private async held(ctx: CounterCtx, db: Knex = this.d.db): Promise<LocalTicketRow | undefined> {
    return (await db('queue_tickets').where({ counter_id: ctx.counterId }).whereIn('status', ['called', 'serving']).orderBy('updated_at', 'desc').first()) as LocalTicketRow | undefined;
  }

  /** Before an offline call: finish the visitor being served; a called one blocks (same rule as the server). */
  private async clearLocal(ctx: CounterCtx, into?: { trx: Knex.Transaction; config: QueueConfig }): Promise<void> {
    const h = await this.held(ctx, into?.trx);
    if (h) await this.finishHeld(ctx, h, into);
  }

  private async finishHeld(ctx: CounterCtx, h: LocalTicketRow, into?: { trx: Knex.Transaction; config: QueueConfig }): Promise<void> {
    if (h.status === 'called') {
      throw new LoketError('CONFLICT', `Antrian ${h.display_number} masih dipanggil di loket ini. Mulai layani atau tandai tidak hadir terlebih dahulu.`, `Ticket ${h.display_number} is still called at this counter. Start serving it or mark it absent first.`, { reason: 'COUNTER_BUSY' });
    }
    await this.localStep(h, { type: 'finish' }, ctx.counterId, ctx.session.officer.id, into);
  }

  async callNext(): Promise<CounterState> {
    const ctx = await this.counterCtx();
    // Lean: the answer carries the claimed ticket only; the screen refetches the lists after.
    const res = await this.online((token) =>
      this.d.server.request(ServerCounterClaimSchema, 'POST', `${API}/counters/${encodeURIComponent(ctx.counterId)}/call-next`, { view: 'lean', ...this.servicesField(ctx) }, token),
    );
    if (res !== OFFLINE) {
      const state = await this.applyClaim(ctx, res);
      if (state.current?.status === 'called') this.announce(state.current.number, ctx);
      this.changed('called', state.current ? [state.current.serviceId] : []);
      return state;
    }
    // Offline: only this station's own tickets, under the same priority rule; finishing the
    // visitor being served, the call and the counter's streak are ONE transaction.
    const config = await this.config();
    const station = await this.stationCode();
    const now = this.iso();
    const day = serviceDayOf(now, config.utcOffsetMinutes);
    const names = await this.names();
    const rule = this.rule(config);
    const serviceIds = this.offlineServiceIds(ctx, names);
    // One connection: nothing inside the transaction may use this.d.db (or it waits forever).
    const called = await this.d.db.transaction(async (trx) => {
      const into = { trx, config };
      // Only the oldest priority and the oldest normal ticket matter to the rule: two indexed reads.
      const oldest = (priority: boolean) => {
        const q = trx('queue_tickets')
          .where({ station, status: 'waiting', service_day: day })
          .whereIn('service_id', serviceIds)
          .where((w) => w.whereNull('target_counter_id').orWhere('target_counter_id', ctx.counterId));
        if (priority) q.whereNot({ category: 'normal' });
        else q.where({ category: 'normal' });
        return q.orderBy([{ column: 'arrived_at' }, { column: 'id' }]).first() as Promise<LocalTicketRow | undefined>;
      };
      // Independent reads sent together (the one connection runs them in turn; one wait, not four).
      const [held, oldestPriority, oldestNormal, local] = await Promise.all([
        this.held(ctx, trx),
        oldest(true),
        oldest(false),
        trx('queue_counter_local').where({ counter_id: ctx.counterId }).first() as Promise<{ priority_streak: number; normal_streak: number } | undefined>,
      ]);
      if (held) await this.finishHeld(ctx, held, into);
      const waiting = [oldestPriority, oldestNormal].filter((r): r is LocalTicketRow => !!r);
      const state = local ? { priorityStreak: Number(local.priority_streak), normalStreak: Number(local.normal_streak) } : { ...INITIAL_PRIORITY_STATE };
      const pick = pickNext(waiting.map((r) => ({ id: r.id, category: r.category, arrivedAt: r.arrived_at, row: r })), state, rule, now);
      if (!pick) return null;
      const [{ row }] = await Promise.all([
        this.localStep(pick.ticket.row, { type: 'call' }, ctx.counterId, ctx.session.officer.id, into),
        trx('queue_counter_local')
          .insert({ counter_id: ctx.counterId, priority_streak: pick.nextState.priorityStreak, normal_streak: pick.nextState.normalStreak ?? 0, paused_reason: null, paused_since: null, paused_note: null })
          .onConflict('counter_id')
          .merge(['priority_streak', 'normal_streak', 'paused_reason', 'paused_since', 'paused_note']),
      ]);
      return row;
    });
    if (called) {
      this.announce(called.display_number, ctx);
      this.changed('called', [called.service_id]);
    }
    // Like online: the ticket just called at once, the lists refreshed by the screen after ('queue.changed').
    const last = this.lastLists?.counterId === ctx.counterId ? this.lastLists : null;
    if (!called || !last) return this.localState(ctx);
    return {
      counterId: ctx.counterId,
      counterName: ctx.counterName,
      serviceIds,
      current: toView(called, names),
      paused: null,
      waiting: last.waiting.filter((t) => t.id !== called.id),
      noShows: last.noShows,
      allowCallOutOfOrder: config.allowCallOutOfOrder,
      minRecallsBeforeNoShow: config.minRecallsBeforeNoShow,
    };
  }

  async callTicket(ticketId: string): Promise<CounterState> {
    const ctx = await this.counterCtx();
    const res = await this.counterRequest(ctx, 'POST', '/call', { ticketId });
    if (res !== OFFLINE) {
      const state = await this.applyServerState(ctx, res);
      if (state.current) this.announce(state.current.number, ctx);
      this.changed('called', state.current ? [state.current.serviceId] : []);
      return state;
    }
    const row = await this.row(ticketId);
    const station = await this.stationCode();
    const ownParked = row?.status === 'parked' && (row.counter_id === ctx.counterId || row.target_counter_id === ctx.counterId);
    if (!row || !(row.station === station || ownParked)) throw offlineOnly('memanggil antrian ini', 'calling this ticket');
    const config = await this.config();
    if (!ownParked && !config.allowCallOutOfOrder) {
      throw new LoketError('FORBIDDEN', 'Pemanggilan antrian di luar urutan tidak diizinkan oleh pengaturan MPP. Gunakan Panggil Berikutnya.', "Calling a ticket out of order is not allowed by the mall's settings. Use Call next.");
    }
    await this.clearLocal(ctx);
    const { row: called } = await this.localStep(row, { type: 'call' }, ctx.counterId, ctx.session.officer.id);
    this.announce(called.display_number, ctx);
    this.changed('called', [called.service_id]);
    return this.localState(ctx);
  }

  /** An event on the counter's current ticket (recall, start, no-show, finish, park, transfer). */
  private async onCurrent(event: (current: LocalTicketRow) => TicketEvent, reason: string): Promise<CounterState> {
    const ctx = await this.counterCtx();
    // The mirror knows which ticket this counter holds; refresh it first when online.
    let current = await this.held(ctx);
    if (!current) {
      const fresh = await this.counterRequest(ctx, 'GET', '/state');
      if (fresh !== OFFLINE) await this.applyServerState(ctx, fresh);
      current = await this.held(ctx);
    }
    if (!current) throw noCurrent();
    return this.ticketEvent(ctx, current, event(current), reason);
  }

  private async ticketEvent(ctx: CounterCtx, row: LocalTicketRow, event: TicketEvent, reason: string): Promise<CounterState> {
    // Start and recall change only the ticket the counter holds: a lean answer (no lists) will do
    // when the counter's lists are known.
    const lean = (event.type === 'start' || event.type === 'recall') && this.lastLists?.counterId === ctx.counterId;
    const res = await this.online((token) =>
      this.d.server.request(TicketEventResponseSchema, 'POST', `${API}/tickets/${encodeURIComponent(row.id)}/events`, { counterId: ctx.counterId, event, ...this.servicesField(ctx), ...(lean ? { view: 'lean' } : {}) }, token),
    );
    const serviceIds = [row.service_id, ...(event.type === 'transfer' ? [event.targetServiceId] : [])];
    if (res !== OFFLINE && lean && !res.state) {
      const held = res.ticket.counterId === ctx.counterId && (res.ticket.status === 'called' || res.ticket.status === 'serving') ? res.ticket : null;
      const state = await this.applyClaim(ctx, { counterId: ctx.counterId, serviceIds: this.lastLists?.serviceIds ?? [], current: held, paused: null, changed: held ? [] : [res.ticket], priorityState: await this.localStreaks(ctx) });
      if (event.type === 'recall') this.announce(row.display_number, ctx);
      this.changed(reason, serviceIds);
      return state;
    }
    if (res !== OFFLINE) {
      if (!res.state) throw new LoketError('SERVER', 'Jawaban server tidak lengkap.', 'The server answer is incomplete.');
      const state = await this.applyServerState(ctx, { ...res.state, changed: [...res.state.changed, res.ticket, ...(res.newTicket ? [res.newTicket] : [])] });
      if (event.type === 'recall') this.announce(row.display_number, ctx);
      this.changed(reason, serviceIds);
      return state;
    }
    // Offline: tickets this counter holds, and this station's own tickets.
    const station = await this.stationCode();
    const mine = row.counter_id === ctx.counterId || row.station === station;
    if (!mine) throw offlineOnly('tindakan pada antrian ini', 'acting on this ticket');
    await this.localStep(row, event, ctx.counterId, ctx.session.officer.id);
    if (event.type === 'recall') this.announce(row.display_number, ctx);
    this.changed(reason, serviceIds);
    return this.localState(ctx);
  }

  recall(): Promise<CounterState> {
    return this.onCurrent(() => ({ type: 'recall' }), 'recalled');
  }
  start(): Promise<CounterState> {
    return this.onCurrent(() => ({ type: 'start' }), 'started');
  }
  noShow(): Promise<CounterState> {
    return this.onCurrent(() => ({ type: 'no_show' }), 'no_show');
  }
  finish(note?: string): Promise<CounterState> {
    return this.onCurrent(() => ({ type: 'finish' }), 'finished').then(async (s) => (note ? this.noteOn(s, note) : s));
  }
  park(): Promise<CounterState> {
    return this.onCurrent(() => ({ type: 'park' }), 'parked');
  }

  transfer(input: { serviceId?: string; counterId?: string; note?: string }): Promise<CounterState> {
    // To a counter: same service (the counter must serve it); to a service: any counter of it.
    return this.onCurrent(
      (current) => ({
        type: 'transfer',
        newTicketId: randomUUID(),
        targetServiceId: input.serviceId ?? current.service_id,
        targetCounterId: input.counterId ?? null,
        ...(input.note ? { note: input.note.slice(0, 500) } : {}),
      }),
      'transferred',
    );
  }

  async reactivate(ticketId: string): Promise<CounterState> {
    const ctx = await this.counterCtx();
    let row = await this.row(ticketId);
    if (!row) {
      const fresh = await this.counterRequest(ctx, 'GET', '/state');
      if (fresh !== OFFLINE) await this.applyServerState(ctx, fresh);
      row = await this.row(ticketId);
    }
    if (!row) throw new LoketError('NOT_FOUND', 'Antrian tidak ditemukan.', 'Ticket not found.');
    return this.ticketEvent(ctx, row, { type: 'reactivate' }, 'reactivated');
  }

  async walkIn(serviceId: string, note?: string): Promise<CounterState> {
    const ctx = await this.counterCtx();
    const id = randomUUID();
    const res = await this.counterRequest(ctx, 'POST', '/walk-in', { id, serviceId, ...(note ? { note } : {}) });
    if (res !== OFFLINE) {
      const state = await this.applyServerState(ctx, res);
      this.changed('walk_in', [serviceId]);
      return state;
    }
    const svc = (await this.d.db('services').where({ id: serviceId }).first('agency_id')) as { agency_id: string } | undefined;
    if (!svc || svc.agency_id !== ctx.agencyId) throw new LoketError('VALIDATION', 'Layanan tidak ditemukan di instansi loket ini.', "The service is not one of this counter's agency.");
    await this.clearLocal(ctx);
    const config = await this.config();
    const now = this.iso();
    const day = serviceDayOf(now, config.utcOffsetMinutes);
    const { prefix, station } = await this.stationPrefix(serviceId, config);
    await this.d.db.transaction(async (trx) => {
      const number = await this.nextLocalNumber(trx, prefix, day);
      const r: LocalTicketRow = {
        id, prefix, number, display_number: formatTicketNumber(prefix, number), service_day: day, agency_id: svc.agency_id, service_id: serviceId,
        category: 'normal', channel: 'walkin', status: 'serving', arrived_at: now, called_at: now, serving_started_at: now, finished_at: null,
        counter_id: ctx.counterId, officer_id: ctx.session.officer.id, target_counter_id: null, recalls: 0, origin_ticket_id: null, station,
        booking_id: null, note: note ?? null, version: 0, dirty: 1, issued_here: 0, updated_at: now,
      };
      await trx('queue_tickets').insert(r);
      await insertLocalEvent(trx, { ticketId: id, event: 'walkin', from: null, to: 'serving', at: now, officerId: ctx.session.officer.id, counterId: ctx.counterId });
      await this.enqueue(trx, 'ticket.walkIn', { ticketId: id, serviceId, counterId: ctx.counterId, station, number, prefix, note: note ?? null, at: now }, now);
    });
    this.changed('walk_in', [serviceId]);
    return this.localState(ctx);
  }

  async pause(reason: PauseReason, note?: string): Promise<CounterState> {
    const ctx = await this.counterCtx();
    const res = await this.counterRequest(ctx, 'POST', '/pause', { reason, ...(note ? { note } : {}) });
    if (res !== OFFLINE) return this.applyServerState(ctx, res);
    const now = this.iso();
    await this.d.db.transaction(async (trx) => {
      await trx('queue_counter_local').insert({ counter_id: ctx.counterId, paused_reason: reason, paused_since: now, paused_note: note ?? null }).onConflict('counter_id').merge(['paused_reason', 'paused_since', 'paused_note']);
      await this.enqueue(trx, 'counter.pause', { counterId: ctx.counterId, reason, note: note ?? null, at: now }, now);
    });
    return this.localState(ctx);
  }

  async resume(): Promise<CounterState> {
    const ctx = await this.counterCtx();
    const res = await this.counterRequest(ctx, 'POST', '/resume', {});
    if (res !== OFFLINE) return this.applyServerState(ctx, res);
    const now = this.iso();
    await this.d.db.transaction(async (trx) => {
      await trx('queue_counter_local').where({ counter_id: ctx.counterId }).update({ paused_reason: null, paused_since: null, paused_note: null });
      await this.enqueue(trx, 'counter.resume', { counterId: ctx.counterId, at: now }, now);
    });
    return this.localState(ctx);
  }

  /** A note on the current ticket (or, right after Finish, on the ticket just finished). */
  async note(text: string): Promise<CounterState> {
    const ctx = await this.counterCtx();
    const current = await this.held(ctx);
    const target =
      current ??
      ((await this.d.db('queue_tickets').where({ counter_id: ctx.counterId, status: 'done' }).orderBy('updated_at', 'desc').first()) as LocalTicketRow | undefined);
    if (!target) throw noCurrent();
    await this.writeNote(target, text);
    return this.counterState();
  }

  private async noteOn(state: CounterState, text: string): Promise<CounterState> {
    const ctx = await this.counterCtx();
    const last = (await this.d.db('queue_tickets').where({ counter_id: ctx.counterId, status: 'done' }).orderBy('updated_at', 'desc').first()) as LocalTicketRow | undefined;
    if (!last) return state;
    await this.writeNote(last, text);
    return state;
  }

  private async writeNote(row: LocalTicketRow, text: string): Promise<void> {
    const res = await this.online((token) => this.d.server.request(ServerTicketSchema, 'POST', `${API}/tickets/${encodeURIComponent(row.id)}/note`, { text }, token));
    if (res !== OFFLINE) {
      await this.d.db.transaction((trx) => upsertServerTickets(trx, [res], this.iso()));
      return;
    }
    const now = this.iso();
    await this.d.db.transaction(async (trx) => {
      await trx('queue_tickets').where({ id: row.id }).update({ note: text || null, dirty: 1, updated_at: now });
      await this.enqueue(trx, 'ticket.note', { ticketId: row.id, text, at: now }, now);
    });
  }

  // ---- display board ------------------------------------------------------------------------

  async board(): Promise<Board> {
    const res = await this.online((token) => this.d.server.request(BoardResponseSchema, 'GET', `${API}/board`, undefined, token));
    if (res !== OFFLINE) {
      return {
        mallName: res.mallName,
        serving: res.serving.map(({ counterName, counterNumber, ticketNumber, status }) => ({ counterName, counterNumber, ticketNumber, status })),
        lastCalls: res.lastCalls,
        waiting: res.waiting.map(({ agencyName, serviceName, waiting }) => ({ agencyName, serviceName, waiting })),
      };
    }
    const names = await this.names();
    const config = await this.config();
    const day = serviceDayOf(this.iso(), config.utcOffsetMinutes);
    const mall = (await this.d.db('settings').where({ key: 'mallName' }).first('value')) as { value: string } | undefined;
    const serving = (await this.d.db('queue_tickets').where({ service_day: day }).whereIn('status', ['called', 'serving']).whereNotNull('counter_id')) as LocalTicketRow[];
    const calls = (await this.d.db('queue_ticket_events as e')
      .join('queue_tickets as t', 't.id', 'e.ticket_id')
      .whereIn('e.event', ['call', 'recall'])
      .where('t.service_day', day)
      .orderBy('e.id', 'desc')
      .limit(10)
      .select('t.display_number', 'e.counter_id', 'e.at')) as { display_number: string; counter_id: string | null; at: string }[];
    const counter = (id: string | null) => (id ? names.counters.get(id) : undefined);
    return {
      mallName: mall?.value ?? 'Mal Pelayanan Publik',
      serving: serving.map((t) => ({ counterName: counter(t.counter_id)?.name ?? '', counterNumber: counter(t.counter_id)?.number ?? 0, ticketNumber: t.display_number, status: t.status })),
      lastCalls: calls.map((c) => ({ ticketNumber: c.display_number, counterName: counter(c.counter_id)?.name ?? '', counterNumber: counter(c.counter_id)?.number ?? 0, at: c.at })),
      waiting: (await this.overview()).services.map((s) => ({ agencyName: s.agencyName, serviceName: s.serviceName, waiting: s.waiting })),
    };
  }

  // ---- printer settings ---------------------------------------------------------------------

  async printerSettings(): Promise<PrinterSettings> {
    const row = (await this.d.db('settings').where({ key: PRINTER_KEY }).first('value')) as { value: string } | undefined;
    if (!row) return DEFAULT_PRINTER_SETTINGS;
    try {
      const parsed = PrinterSettingsInputSchema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : DEFAULT_PRINTER_SETTINGS;
    } catch {
      return DEFAULT_PRINTER_SETTINGS;
    }
  }

  async savePrinterSettings(settings: PrinterSettings): Promise<PrinterSettings> {
    await this.d.db('settings').insert({ key: PRINTER_KEY, value: JSON.stringify(settings) }).onConflict('key').merge();
    return this.printerSettings();
  }

  async preview(): Promise<{ svg: string }> {
    const names = await this.names();
    const first = [...names.services.entries()][0];
    const job = await this.printJob(
      { service_id: first?.[0] ?? '', agency_id: first?.[1].agencyId ?? '', display_number: 'A-001', arrived_at: this.iso(), category: 'normal' },
      3,
      names,
    );
    return this.printer.preview(job, await this.printerSettings());
  }

  async testPrint(): Promise<PrintOutcome> {
    try {
      const mall = (await this.d.db('settings').where({ key: 'mallName' }).first('value')) as { value: string } | undefined;
      const config = await this.config();
      return await this.printer.testPrint(await this.printerSettings(), { mallName: mall?.value ?? 'Mal Pelayanan Publik', utcOffsetMinutes: config.utcOffsetMinutes });
    } catch (e) {
      this.d.log.warn('test print failed', { error: e });
      return { ok: false, code: 'PRINT_FAILED', message: 'Cetak uji gagal.', messageEn: 'The test print failed.' };
    }
  }
}

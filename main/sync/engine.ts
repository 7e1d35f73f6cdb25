/**
 * The counter's sync engine: push the outbox, then pull the change log.
 *
 * - Triggers: a local write (debounced `kick`), a timer, reconnect/resume (the shell calls
 *   `kick`), "Sync now" (`syncNow`). One run at a time; a trigger during a run runs again after.
 * - Failures retry with exponential backoff and jitter (1 s doubling, capped at 60 s); the
 *   state (idle/syncing/offline/error), pending count, last sync and last error are
 *   published after every step, so the queue never stalls silently.
 * - Push: batches of pending entries of the entities' kinds, in outbox order (the queue
 *   pushes its own kinds through its endpoint); 'applied'/'duplicate' leave the outbox,
 *   'rejected' stay with their bilingual reason and the server's current row replaces the
 *   optimistic local one. A 413 halves the batch; a single entry the server refuses outright
 *   is marked rejected, so it cannot block the ones after it.
 * - Pull: each page is applied and the cursor stored in ONE transaction, and only if the
 *   stored cursor is still the one the page was asked for (a page arriving twice or late
 *   changes nothing). The last page's digest is compared with ours; on mismatch the entity
 *   is re-read from a snapshot, the difference logged, and pulling resumes.
 * - Without a server session token (offline sign-in) nothing is sent: changes stay queued
 *   and go out after the next sign-in against the server.
 */
import type { Knex } from 'knex';
import { digestChecksum } from '../../common/sync/digest';
import { z } from 'zod';
import {
  ChangeSchema,
  PullResponseSchema,
  PushResponseSchema,
  SnapshotResponseSchema,
  MAX_PUSH_ENTRIES,
  SYNC_PROTOCOL_VERSION,
  type PullResponse,
  type PushResult,
} from '../../common/sync/protocol';
import type { Logger } from '../../node-shared/logger';
import { requestCheckpoint } from '../../node-shared/sqlite-wal';
import { selectIn } from './bulk';
import { confirmDeletes, confirmRows, loadDigest, rebuildDigest, replayPending, type ClientEntity, type ConfirmedRecord } from './entities';
import { FileUploader } from './files';
import { countOutbox, parseReason, pendingEntries, type OutboxRow, type RejectionReason } from './outbox';
import { LiveChannel } from './live';
import { SyncFailure, type SyncTransport } from './transport';

export type EngineState = 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncSnapshot {
  state: EngineState;
  /** Whether a run has finished since start (before that the status bar trusts the health probe). */
  ran: boolean;
  lastSyncAt: string | null;
  lastError: RejectionReason | null;
  pending: number;
  rejected: number;
}

export interface SyncReport {
  ok: boolean;
  pushed: number;
  rejected: number;
  pulled: number;
  repaired: string[];
  error: RejectionReason | null;
}

export interface SyncEngineOptions {
  db: Knex;
  transport: SyncTransport;
  /** The server session token, null after an offline sign-in or when signed out. */
  token: () => string | null;
  installationId: string;
  log: Logger;
  entities: readonly ClientEntity[];
  now?: () => Date;
  onChange?: (s: SyncSnapshot) => void;
  pushBatch?: number;
  pullLimit?: number;
  /** Periodic sync; 0 disables the timer (tests drive it with syncNow/kick). */
  intervalMs?: number;
  debounceMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  /**
   * How often the digest kept in step with the rows is re-derived from the rows themselves
   * (so a change that bypassed the engine is caught too); default hourly and at the first
   * run. A manual "Sync now" always re-derives it.
   */
  verifyEveryMs?: number;
  /** Listen on the server's live channel and sync at once when it says so (default: when the timer runs). */
  live?: boolean;
  /** Where the live channel connects (the transport's server). */
  baseUrl?: () => Promise<string | null>;
  /** Test hook: called just before a push request is sent. */
  beforePush?: (entries: number) => void;
}

/** The pull page as the engine reads it: change data is validated once, by its entity's own schema. */
const PullPageSchema = PullResponseSchema.extend({ changes: z.array(ChangeSchema.extend({ data: z.unknown() })) });

/**
 * Changes per pull page. 1,000 keeps a 100k initial pull at about 175 MB of process memory (the
 * page being written plus the next one in flight; 2,000 peaked at 210 MB) at the same rate on a
 * LAN, where the counter's insert bounds it. Over a 40 ms link 2,000 pulls about a third faster
 * (one round trip per page); growing pages while waiting for them was tried and dropped: a
 * server slower than the counter (PostgreSQL on the same 2 cores) looks the same and took the
 * memory back over 200 MB.
 */
const DEFAULT_PULL_LIMIT = 1000;

/** A catch-up (more pages to come) commits after this many rows or this long, whichever first. */
const PULL_GROUP_ROWS = 20_000;
const PULL_GROUP_MS = 1000;

const CURSOR = 'cursor';
const SCOPE = 'scope';
const LAST_SYNC = 'lastSyncAt';
/**
 * A run with nothing to do stores its time at most this often: the status bar and the
 * dashboard read the engine's memory; the stored value only seeds them after a restart.
 */
const LAST_SYNC_STORE_MS = 60_000;

const NO_TOKEN: RejectionReason = {
  code: 'OFFLINE_SIGNIN',
  message: 'Belum ada sesi server (masuk offline atau belum masuk): perubahan disimpan di komputer ini dan dikirim setelah Anda masuk saat server terhubung.',
  messageEn: 'No server session (signed in offline or not signed in): changes are kept on this computer and sent after you sign in while the server is reachable.',
};
const AUTH_EXPIRED: RejectionReason = {
  code: 'UNAUTHENTICATED',
  message: 'Sesi server berakhir: masuk kembali agar perubahan dapat dikirim.',
  messageEn: 'The server session ended: sign in again so changes can be sent.',
};

const FILE_WAIT: RejectionReason = {
  code: 'FILE_UPLOAD_PENDING',
  message: 'Menunggu unggahan berkas dokumen yang dirujuk perubahan ini; dicoba lagi otomatis.',
  messageEn: 'Waiting for the upload of a document file this change refers to; retried automatically.',
};

interface PushBatch {
  /** The outbox seq the batch was read after (a smaller retry starts there again). */
  after: number;
  /** Rows read, held ones included; 0 = nothing left. */
  fetched: number;
  /** The seq of the last row read. */
  last: number;
  ids: string[];
  body: string;
}

const reasonOf = (e: unknown): RejectionReason =>
  e instanceof SyncFailure
    ? { code: e.code ?? e.kind.toUpperCase(), message: e.messageId, messageEn: e.message }
    : { code: 'INTERNAL', message: 'Sinkronisasi gagal karena galat internal.', messageEn: `Sync failed with an internal error${e instanceof Error ? `: ${e.message}` : ''}.` };

export async function getState(db: Knex | Knex.Transaction, key: string): Promise<string | null> {
  const row = (await db('sync_state').where({ key }).first('value')) as { value: string } | undefined;
  return row?.value ?? null;
}

export async function setState(db: Knex | Knex.Transaction, key: string, value: string): Promise<void> {
  await db('sync_state').insert({ key, value }).onConflict('key').merge();
}

export class SyncEngine {
  private readonly entities: Map<string, ClientEntity>;
  private readonly pushKinds: string[];
  private readonly now: () => Date;
  private readonly files: FileUploader;
  /** Lazily made from the database file name; null = an in-memory database. */
  private state: EngineState = 'idle';
  private ran = false;
  private lastSyncAt: string | null = null;
  /** When lastSyncAt was last written to sync_state (ms; 0: not by this process). */
  private lastSyncStored = 0;
  private lastError: RejectionReason | null = null;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SyncReport> | null = null;
  private again = false;
  private stopped = true;
  /** A token the server refused: not retried until the officer signs in again. */
  private refusedToken: string | null = null;
  private readonly live: LiveChannel | null;
  private verifiedAt = 0;
  private verifyNext = false;

  constructor(private readonly o: SyncEngineOptions) {
    this.entities = new Map(o.entities.map((e) => [e.name, e]));
    this.pushKinds = o.entities.flatMap((e) => [...e.kinds]);
    this.now = o.now ?? (() => new Date());
    this.files = new FileUploader(o.transport);
    const baseUrl = o.baseUrl;
    this.live =
      (o.live ?? (o.intervalMs ?? 0) > 0) && baseUrl
        ? new LiveChannel({ baseUrl, token: () => (this.o.token() === this.refusedToken ? null : this.o.token()), onChange: () => this.kick(), log: o.log })
        : null;
  }

  /** Whether the live channel is connected (diagnostics, tests). */
  get liveConnected(): boolean {
    return this.live?.connected ?? false;
  }

  async start(): Promise<void> {
    this.lastSyncAt = await getState(this.o.db, LAST_SYNC);
    this.stopped = false;
    this.schedule(0);
    this.live?.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.live?.stop();
    await this.running?.catch(() => undefined);
  }

  /** New local write, reconnect or resume: sync soon (debounced). Also cuts a backoff wait short. */
  kick(): void {
    if (this.stopped) return;
    this.schedule(this.o.debounceMs ?? 250);
  }

  /** The session changed (e.g. a sign-in against the server): sync soon and reconnect the live channel. */
  sessionChanged(): void {
    this.live?.refresh();
    this.kick();
  }

  /** Runs a full sync now (after any run in progress) and reports how it went; `verify` re-derives the digest from the rows. */
  async syncNow(opts: { verify?: boolean } = {}): Promise<SyncReport> {
    if (this.running) await this.running.catch(() => undefined);
    if (opts.verify) this.verifyNext = true;
    return this.run();
  }

  /** Push only, with the current token, outside the scheduler (benchmarks, diagnostics). */
  async pushOnly(): Promise<{ applied: number; rejected: number }> {
    const token = this.o.token();
    if (!token) throw new SyncFailure('auth', NO_TOKEN.message, NO_TOKEN.messageEn);
    return this.pushAll(token);
  }

  /** Pull only, with the current token, outside the scheduler (benchmarks, diagnostics). */
  async pullOnly(): Promise<{ pulled: number; repaired: string[] }> {
    const token = this.o.token();
    if (!token) throw new SyncFailure('auth', NO_TOKEN.message, NO_TOKEN.messageEn);
    return this.pullAll(token, true);
  }

  async snapshot(): Promise<SyncSnapshot> {
    const c = await countOutbox(this.o.db);
    return { state: this.state, ran: this.ran, lastSyncAt: this.lastSyncAt, lastError: this.lastError, pending: c.pending, rejected: c.rejected };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
    this.timer.unref?.();
  }

  private async publish(): Promise<void> {
    if (!this.o.onChange) return;
    try {
      this.o.onChange(await this.snapshot());
    } catch (e) {
      this.o.log.warn('sync status publish failed', { error: e });
    }
  }

  private setState(state: EngineState, error: RejectionReason | null): void {
    this.state = state;
    this.lastError = error;
  }

  private run(): Promise<SyncReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const p = this.runOnce().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.schedule(0);
      }
    });
    this.running = p;
    return p;
  }

  private nextDelay(): number {
    const base = this.o.backoffBaseMs ?? 1000;
    const cap = this.o.backoffMaxMs ?? 60_000;
    const exp = Math.min(cap, base * 2 ** Math.min(this.failures - 1, 16));
    // Full jitter in [exp/2, exp]: counters of a mall that lost the network together do not return together.
    return Math.round(exp / 2 + (this.o.random ?? Math.random)() * (exp / 2));
  }

  private async runOnce(): Promise<SyncReport> {
    const report: SyncReport = { ok: false, pushed: 0, rejected: 0, pulled: 0, repaired: [], error: null };
    const token = this.o.token();
    if (!token || token === this.refusedToken) {
      // Without a server session nothing can sync, but the connection itself is the health probe's to report.
      this.setState(token ? 'error' : 'idle', token ? AUTH_EXPIRED : NO_TOKEN);
      report.error = this.lastError;
      this.ran = true;
      await this.publish();
      if (this.o.intervalMs) this.schedule(this.o.intervalMs);
      return report;
    }
    this.setState('syncing', this.lastError);
    await this.publish();
    try {
      const files = await this.uploadFiles(token);
      const pushed = await this.pushAll(token, await this.entriesWaitingFor(files.waiting));
      report.pushed = pushed.applied;
      report.rejected = pushed.rejected;
      const pulled = await this.pullAll(token, true);
      report.pulled = pulled.pulled;
      report.repaired = pulled.repaired;
      const at = this.now();
      this.lastSyncAt = at.toISOString();
      // A no-op poll (every few seconds) skips the write transaction; a run that moved data always stores it.
      const moved = report.pushed + report.rejected + report.pulled + report.repaired.length > 0;
      if (moved || at.getTime() - this.lastSyncStored >= LAST_SYNC_STORE_MS || at.getTime() < this.lastSyncStored) {
        await setState(this.o.db, LAST_SYNC, this.lastSyncAt);
        this.lastSyncStored = at.getTime();
      }
      if (files.waiting.size > 0) {
        // Everything else went through; the files (and the changes that need them) retry with backoff.
        this.failures += 1;
        const why = files.reason;
        this.setState('error', {
          code: 'FILE_UPLOAD_FAILED',
          message: `${files.waiting.size} berkas dokumen belum terunggah; dicoba lagi otomatis${why ? ` (${why.message})` : ''}.`,
          messageEn: `${files.waiting.size} document file(s) not uploaded yet; retried automatically${why ? ` (${why.messageEn})` : ''}.`,
        });
        report.error = this.lastError;
        this.schedule(this.nextDelay());
      } else {
        this.failures = 0;
        this.setState('idle', null);
        report.ok = true;
        if (this.o.intervalMs) this.schedule(this.o.intervalMs);
      }
    } catch (e) {
      this.failures += 1;
      const reason = reasonOf(e);
      if (e instanceof SyncFailure && e.kind === 'auth') {
        this.refusedToken = token;
        this.setState('error', AUTH_EXPIRED);
      } else {
        this.setState(e instanceof SyncFailure && e.kind === 'offline' ? 'offline' : 'error', reason);
      }
      if (!(e instanceof SyncFailure)) this.o.log.error('sync failed', { error: e });
      else this.o.log.info('sync failed, will retry', { kind: e.kind, status: e.status, attempt: this.failures });
      report.error = this.lastError;
      this.schedule(this.nextDelay());
    }
    this.ran = true;
    await this.publish();
    return report;
  }

  // ---------------------------------------------------------------- files

  /**
   * Uploads the queued files. A file that fails (server error, unreadable local file) is
   * counted and kept for the next run but does not stop the run: the changes that do not
   * need it are still pushed. Returns the files still waiting and the last failure.
   */
  private async uploadFiles(token: string): Promise<{ waiting: Set<string>; reason: RejectionReason | null }> {
    const rows = (await this.o.db('file_uploads').where({ state: 'pending' }).orderBy('created_at').select('sha256', 'path', 'size')) as { sha256: string; path: string; size: number }[];
    const waiting = new Set<string>();
    let reason: RejectionReason | null = null;
    for (const f of rows) {
      try {
        await this.files.upload(token, { sha256: f.sha256, path: f.path, size: Number(f.size) });
        await this.o.db('file_uploads').where({ sha256: f.sha256 }).delete();
      } catch (e) {
        const refused = e instanceof SyncFailure && e.kind === 'refused';
        await this.o.db('file_uploads')
          .where({ sha256: f.sha256 })
          .update({ state: refused ? 'rejected' : 'pending', last_error: JSON.stringify(reasonOf(e)) })
          .increment('attempts', 1);
        // No server or no session: nothing else can be sent either.
        if (e instanceof SyncFailure && (e.kind === 'offline' || e.kind === 'auth')) throw e;
        if (refused) continue;
        waiting.add(f.sha256);
        reason = reasonOf(e);
        this.o.log.warn('sync file upload failed, will retry', { sha256: f.sha256, kind: e instanceof SyncFailure ? e.kind : 'internal' });
      }
    }
    return { waiting, reason };
  }

  /**
   * The pending entries that must wait for a file still being uploaded: those whose payload
   * names it, and every later entry for the same record (intents apply in order).
   */
  private async entriesWaitingFor(files: ReadonlySet<string>): Promise<Set<string>> {
    const held = new Set<string>();
    if (files.size === 0) return held;
    const blocked = new Set<string>();
    for (const e of await pendingEntries(this.o.db)) {
      if (!this.pushKinds.includes(e.kind)) continue;
      let target: string | null = null;
      for (const entity of this.entities.values()) {
        const id = entity.kinds.includes(e.kind) ? entity.targetOf(e.kind, e.payload) : null;
        if (id !== null) target = `${entity.name}\u0000${id}`;
      }
      const text = JSON.stringify(e.payload);
      if ([...files].some((sha) => text.includes(sha)) || (target !== null && blocked.has(target))) {
        held.add(e.id);
        if (target !== null) blocked.add(target);
      }
    }
    if (held.size) {
      await selectIn([...held], async (chunk) => {
        await this.o.db('outbox').whereIn('id', chunk).update({ last_error: JSON.stringify(FILE_WAIT) });
        return [];
      });
    }
    return held;
  }

  // ---------------------------------------------------------------- push

  /** One push request: the next pending entries after `after` (outbox seq), minus the held ones. */
  private async loadBatch(after: number, limit: number, held: ReadonlySet<string>): Promise<PushBatch> {
    const fetched = (await this.o.db('outbox')
      .where({ state: 'pending' })
      .whereIn('kind', this.pushKinds)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit)
      .select('id', 'seq', 'kind', 'payload_json', 'created_at')) as OutboxRow[];
    const rows = held.size ? fetched.filter((r) => !held.has(r.id)) : fetched;
    const parts: string[] = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as OutboxRow;
      parts[i] = `{"id":${JSON.stringify(r.id)},"kind":${JSON.stringify(r.kind)},"payload":${r.payload_json},"createdAt":${JSON.stringify(r.created_at)}}`;
    }
    const body = `{"protocol":${SYNC_PROTOCOL_VERSION},"installationId":${JSON.stringify(this.o.installationId)},"entries":[${parts.join(',')}]}`;
    const last = fetched[fetched.length - 1];
    return { after, fetched: fetched.length, last: last ? Number(last.seq) : after, ids: rows.map((r) => r.id), body };
  }

  /**
   * Pushes the pending entries in outbox order, one batch per request. The server sees batch
   * k+1 only after it answered batch k (so intents apply in order); meanwhile the counter
   * reads the next batch while the server works and records batch k's answer while batch k+1
   * is in flight.
   */
  private async pushAll(token: string, held: ReadonlySet<string> = new Set()): Promise<{ applied: number; rejected: number }> {
    let batch = this.o.pushBatch ?? MAX_PUSH_ENTRIES;
    const out = { applied: 0, rejected: 0 };
    // Recording answers: chained so they stay in order, awaited before any return or throw.
    let recording: Promise<void> = Promise.resolve();
    const record = (results: readonly PushResult[]) => {
      recording = recording.then(async () => {
        const r = await this.applyPushResults(results);
        out.applied += r.applied;
        out.rejected += r.rejected;
        await this.publish();
      });
      recording.catch(() => undefined);
    };
    let cur = await this.loadBatch(-1, batch, held);
    for (;;) {
      if (cur.fetched === 0) break;
      if (cur.ids.length === 0) {
        cur = await this.loadBatch(cur.last, batch, held);
        continue;
      }
      this.o.beforePush?.(cur.ids.length);
      const sending = this.o.transport.request(PushResponseSchema, 'POST', '/api/v1/sync/push', token, cur.body);
      sending.catch(() => undefined);
      const next = this.loadBatch(cur.last, batch, held);
      next.catch(() => undefined);
      let results: PushResult[];
      try {
        results = (await sending).results;
      } catch (e) {
        await next.catch(() => undefined);
        await recording;
        if (e instanceof SyncFailure && (e.kind === 'tooLarge' || e.kind === 'refused') && cur.ids.length > 1) {
          batch = Math.ceil(cur.ids.length / 2);
          this.o.log.warn('sync push refused, retrying with a smaller batch', { status: e.status, batch });
          cur = await this.loadBatch(cur.after, batch, held);
          continue;
        }
        const first = cur.ids[0];
        if (e instanceof SyncFailure && (e.kind === 'tooLarge' || e.kind === 'refused') && first) {
          // One entry the server will never take as a request: reject it, so it cannot block the rest.
          await this.o.db('outbox').where({ id: first }).update({ state: 'rejected', last_error: JSON.stringify(reasonOf(e)) });
          out.rejected += 1;
          this.o.log.warn('sync entry refused by the server as a request', { entryId: first, status: e.status });
          cur = await this.loadBatch(cur.after, batch, held);
          continue;
        }
        await this.noteAttempt(cur.ids, reasonOf(e));
        throw e;
      }
      if (results.length === 0) {
        await next.catch(() => undefined);
        await recording;
        throw new SyncFailure('retry', 'Server tidak menjawab perubahan yang dikirim.', 'The server did not answer for the changes sent.');
      }
      record(results);
      cur = await next;
    }
    await recording;
    return out;
  }

  private async noteAttempt(ids: string[], reason: RejectionReason): Promise<void> {
    await selectIn(ids, async (chunk) => {
      await this.o.db('outbox').whereIn('id', chunk).update({ last_error: JSON.stringify(reason) }).increment('attempts', 1);
      return [];
    });
  }

  private async applyPushResults(results: readonly PushResult[]): Promise<{ applied: number; rejected: number }> {
    const done: string[] = [];
    const rejected = results.filter((r) => r.status === 'rejected');
    for (const r of results) if (r.status !== 'rejected') done.push(r.id);
    await this.o.db.transaction(async (trx) => {
      await selectIn(done, async (chunk) => {
        await trx('outbox').whereIn('id', chunk).delete();
        return [];
      });
      for (const r of rejected) {
        const reason: RejectionReason = { code: r.code ?? 'REJECTED', message: r.message ?? 'Ditolak server.', messageEn: r.messageEn ?? 'Rejected by the server.' };
        const n = await trx('outbox').where({ id: r.id, state: 'pending' }).update({ state: 'rejected', last_error: JSON.stringify(reason) });
        if (n === 0) continue;
        this.o.log.info('sync entry rejected by the server', { entryId: r.id, code: reason.code });
        const entity = r.entity ? this.entities.get(r.entity) : undefined;
        if (!entity || !r.entityId || r.current === undefined) continue;
        // Undo the optimistic local change: the server's row (or none), then what is still pending.
        const current = r.current === null ? null : entity.parse(r.current);
        if (current) await confirmRows(trx, entity, [current]);
        else {
          await entity.removeLocalOnly(trx, r.entityId);
          await replayPending(trx, entity, [r.entityId]);
        }
      }
    });
    return { applied: done.length, rejected: rejected.length };
  }

  // ---------------------------------------------------------------- pull

  /** Applies one pull page if the stored cursor is still `after`; returns whether it did. */
  async applyPullPage(after: number, page: PullResponse): Promise<boolean> {
    return this.o.db.transaction((trx) => this.applyPullPageIn(trx, after, page));
  }

  /** The page's rows and its cursor, inside the caller's transaction (never one without the other). */
  private async applyPullPageIn(trx: Knex.Transaction, after: number, page: PullResponse): Promise<boolean> {
    {
      const stored = Number((await getState(trx, CURSOR)) ?? 0);
      if (stored !== after) return false;
      const scope = await getState(trx, SCOPE);
      if (scope !== null && scope !== page.scope) return false;
      const upserts = new Map<ClientEntity, ConfirmedRecord[]>();
      const deletes = new Map<ClientEntity, string[]>();
      let skipped = 0;
      for (const c of page.changes) {
        const entity = this.entities.get(c.entity);
        if (!entity) {
          skipped += 1;
          continue;
        }
        if (c.op === 'delete') {
          const list = deletes.get(entity) ?? [];
          list.push(c.id);
          deletes.set(entity, list);
          continue;
        }
        const rec = entity.parse(c.data);
        if (!rec || rec.id !== c.id) {
          skipped += 1;
          continue;
        }
        const list = upserts.get(entity) ?? [];
        list.push(rec);
        upserts.set(entity, list);
      }
      if (skipped) this.o.log.warn('sync pull skipped changes it cannot apply', { skipped });
      for (const [entity, recs] of upserts) await confirmRows(trx, entity, recs);
      for (const [entity, ids] of deletes) await confirmDeletes(trx, entity, ids);
      await setState(trx, CURSOR, String(page.cursor));
      if (scope === null) await setState(trx, SCOPE, page.scope);
      return true;
    }
  }

  private async pullAll(token: string, allowRepair: boolean): Promise<{ pulled: number; repaired: string[] }> {
    const limit = this.o.pullLimit ?? DEFAULT_PULL_LIMIT;
    let pulled = 0;
    const repaired: string[] = [];
    // Pinned: pages are fetched while a group transaction holds the database (see below).
    const transport = await this.o.transport.pinned();
    const fetchPage = (after: number) =>
      transport.request(PullPageSchema, 'GET', `/api/v1/sync/pull?after=${after}&limit=${limit}`, token).then((p) => ({ after, page: p as PullResponse }));
    // The next page is fetched while the current one is applied (server and counter work in parallel).
    let prefetch: Promise<{ after: number; page: PullResponse }> | null = null;
    // A catch-up of many pages commits every PULL_GROUP_ROWS rows instead of every page: each
    // commit rewrites the touched pages of every index, so one per 1,000 rows halves the rate.
    // Each page still goes in with its cursor; a crash undoes at most the open group, cursor included.
    let group: { trx: Knex.Transaction; rows: number; since: number } | null = null;
    let applying = false;
    const commitGroup = async () => {
      const g = group;
      group = null;
      await g?.trx.commit();
      // The WAL a group wrote is copied into the database on a connection of its own, not
      // inside the next group's COMMIT (node-shared/sqlite-wal.ts).
      if (g) requestCheckpoint(this.o.db);
    };
    try {
      for (;;) {
        // Cursor and scope in one read (only this run writes them), inside the open group if any.
        const db = group?.trx ?? this.o.db;
        const stored = new Map(((await db('sync_state').whereIn('key', [CURSOR, SCOPE]).select('key', 'value')) as { key: string; value: string }[]).map((r) => [r.key, r.value]));
        const after = Number(stored.get(CURSOR) ?? 0);
        const scope = stored.get(SCOPE) ?? null;
        const got = prefetch ? await prefetch : null;
        prefetch = null;
        const page = got && got.after === after ? got.page : (await fetchPage(after)).page;
        if (scope !== null && scope !== page.scope) {
          await commitGroup();
          this.o.log.info('sync scope changed: starting over', {});
          await this.resetAll(page.scope);
          continue;
        }
        if (page.cursor < after) {
          await commitGroup();
          // The server's log is behind us (restored from a backup): re-read and let the digest repair.
          this.o.log.warn('sync cursor ahead of the server: pulling from the start', { after, serverCursor: page.cursor });
          await setState(this.o.db, CURSOR, '0');
          continue;
        }
        if (page.hasMore) {
          prefetch = fetchPage(page.cursor);
          // Never an unhandled rejection: a failed prefetch is awaited (and thrown) on the next turn.
          prefetch.catch(() => undefined);
        }
        // Nothing new (the common case): no write transaction at all.
        const idle = page.changes.length === 0 && page.cursor === after && scope === page.scope;
        if (!idle) {
          // A single page (the everyday case) is its own transaction; a catch-up opens a group.
          if (!group && page.hasMore) {
            group = { trx: await this.o.db.transaction(), rows: 0, since: Date.now() };
          }
          applying = true;
          const applied = group ? await this.applyPullPageIn(group.trx, after, page) : await this.applyPullPage(after, page);
          applying = false;
          if (applied) pulled += page.changes.length;
          if (group) {
            group.rows += page.changes.length;
            // Also bounded in time: the officer's own writes wait for the open group.
            if (!page.hasMore || group.rows >= PULL_GROUP_ROWS || Date.now() - group.since >= PULL_GROUP_MS) await commitGroup();
          }
        }
        if (page.hasMore) continue;
        await commitGroup();
        if (!page.digest) return { pulled, repaired };
        const now = this.now().getTime();
        if (this.verifyNext || now - this.verifiedAt >= (this.o.verifyEveryMs ?? 3600_000)) {
          await this.o.db.transaction(async (trx) => {
            for (const entity of this.entities.values()) await rebuildDigest(trx, entity);
          });
          this.verifiedAt = now;
          this.verifyNext = false;
        }
        const mismatched: string[] = [];
        for (const [name, d] of Object.entries(page.digest)) {
          if (!this.entities.has(name) || this.entities.get(name)?.digest === false) continue;
          const local = await loadDigest(this.o.db, name);
          if (local.count !== d.count || digestChecksum(local) !== d.checksum) {
            mismatched.push(name);
            this.o.log.warn('sync digest mismatch', { entity: name, localCount: local.count, serverCount: d.count });
          }
        }
        if (mismatched.length === 0) return { pulled, repaired };
        if (!allowRepair) {
          throw new SyncFailure('retry', 'Data di komputer ini berbeda dengan server dan belum dapat diperbaiki.', 'The data on this computer differs from the server and could not be repaired yet.');
        }
        for (const name of mismatched) {
          await this.repair(token, name);
          repaired.push(name);
        }
        allowRepair = false;
      }
    } catch (e) {
      // A request failed between pages: the group holds whole pages with their cursor, keep them.
      // A page failed while being written: undo the group (the next run pulls it again).
      const g = group as { trx: Knex.Transaction } | null;
      group = null;
      if (g && !applying) await g.trx.commit().catch(() => g.trx.rollback().catch(() => undefined));
      else await g?.trx.rollback().catch(() => undefined);
      throw e;
    }
  }

  /** Replaces an entity's confirmed rows with the server's snapshot, then resumes pulling from its horizon. */
  private async repair(token: string, name: string): Promise<void> {
    const entity = this.entities.get(name);
    if (!entity) return;
    const limit = this.o.pullLimit ?? DEFAULT_PULL_LIMIT;
    const seen = new Set<string>();
    let horizon: number | null = null;
    let after = '';
    let written = 0;
    for (;;) {
      const page = await this.o.transport.request(SnapshotResponseSchema, 'GET', `/api/v1/sync/snapshot?entity=${encodeURIComponent(name)}&after=${encodeURIComponent(after)}&limit=${limit}`, token);
      horizon ??= page.horizon;
      const recs: ConfirmedRecord[] = [];
      for (const d of page.rows) {
        const r = entity.parse(d);
        if (r) recs.push(r);
      }
      written += await this.o.db.transaction((trx) => confirmRows(trx, entity, recs, { force: true }));
      for (const r of recs) seen.add(r.id);
      if (page.next === null) break;
      after = page.next;
    }
    const from = horizon ?? 0;
    const removed = await this.o.db.transaction(async (trx) => {
      const extra = (await entity.confirmed(trx)).filter((r) => !seen.has(r.id)).map((r) => r.id);
      await entity.remove(trx, extra);
      await replayPending(trx, entity, extra);
      await rebuildDigest(trx, entity);
      const cursor = Number((await getState(trx, CURSOR)) ?? 0);
      if (from < cursor) await setState(trx, CURSOR, String(from));
      return extra.length;
    });
    this.o.log.warn('sync repaired an entity from the server snapshot', { entity: name, rewritten: written, removed, resumeFrom: from });
  }

  private async resetAll(scope: string): Promise<void> {
    await this.o.db.transaction(async (trx) => {
      for (const entity of this.entities.values()) {
        const ids = (await entity.confirmed(trx)).map((r) => r.id);
        await entity.remove(trx, ids);
        await replayPending(trx, entity, ids);
        await rebuildDigest(trx, entity);
      }
      await setState(trx, CURSOR, '0');
      await setState(trx, SCOPE, scope);
    });
  }

  // ---------------------------------------------------------------- officer view

  /** What is not yet on the server: pending entries and rejected ones with their reasons. */
  async outbox(): Promise<{ id: string; kind: string; entityId: string | null; createdAt: string; state: 'pending' | 'rejected'; attempts: number; reason: RejectionReason | null }[]> {
    const rows = (await this.o.db('outbox').orderBy('seq').limit(1000).select()) as OutboxRow[];
    return rows.map((r) => {
      let entityId: string | null = null;
      try {
        const p = JSON.parse(r.payload_json) as Record<string, unknown>;
        entityId = typeof p.id === 'string' ? p.id : null;
      } catch {
        entityId = null;
      }
      return { id: r.id, kind: r.kind, entityId, createdAt: r.created_at, state: r.state, attempts: Number(r.attempts), reason: parseReason(r.last_error) };
    });
  }

  /** Removes rejected entries the officer has read (all of them when no ids are given). */
  async dismissRejected(ids?: readonly string[]): Promise<number> {
    const q = this.o.db('outbox').where({ state: 'rejected' });
    if (ids) q.whereIn('id', [...ids]);
    const n = await q.delete();
    await this.publish();
    return n;
  }
}

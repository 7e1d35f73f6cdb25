/**
 * Composition root: builds the database, services, handlers and dispatch for one
 * installation. Runs under plain Node (tests, dev harness) and inside Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase, type Db } from '../db/open';
import { SettingsStore } from '../settings/settings-store';
import { ServerClient } from '../server-link/server-client';
import { CatalogService } from '../catalog/catalog-service';
import { CredentialCache } from '../auth/credential-cache';
import { SignInThrottle } from '../auth/throttle';
import { AuthService } from '../auth/auth-service';
import { StatusService } from '../status/status-service';
import { EventBus } from '../ipc/event-bus';
import { createDispatch, type Dispatch } from '../ipc/dispatch';
import { createHandlers } from './handlers';
import { QueueService } from '../queue/queue-service';
import type { QueuePrinter } from '../queue/printer-port';
import { createQueuePrinter } from '../queue/printing-adapter';
import { createLogger, type Logger } from '../../node-shared/logger';
import { ApplicationsService, applicationClientEntity } from '../applications/applications';
import { SyncEngine } from '../sync/engine';
import { SyncAwareStatus } from '../sync/sync-status';
import { SyncTransport } from '../sync/transport';
import { DocumentStore } from '../documents/document-store';
import { DocumentsService } from '../documents/documents-service';
import { harnessKeyProvider, type KeyProvider } from '../documents/key-provider';
import { ApplicationWorkflow, type ReceiptJob } from '../applications/workflow';
import { createPrinter } from '../printing';
import { timeZoneForOffset } from '../queue/printing-adapter';
import type { PrintOutcome } from '../../common/ipc/channels/queue';
import { SupervisorDashboard } from '../supervisor/dashboard';
import { SurveyService, skmClientEntity } from '../survey/survey';
import { createTicketClientEntity } from '../queue/sync-entity';
import { counterPauseClientEntity, counterSessionClientEntity } from '../supervisor/sync-entities';

export interface LoketOptions {
  /** Folder for this installation's data (Electron: app.getPath('userData')). */
  dataDir: string;
  runtime: 'electron' | 'harness';
  version: string;
  /** Used when the officer has not set a server address in the settings. */
  defaultServerUrl?: string | null;
  openExternal?: (url: string) => Promise<void>;
  /** Ticket printer for the queue; default: main/printing with the printer settings saved on this computer. */
  queuePrinter?: QueuePrinter;
  openBoardWindow?: (displayIndex?: number) => Promise<{ opened: boolean; displays: number }>;
  openSurveyWindow?: (displayIndex?: number) => Promise<{ opened: boolean; displays: number }>;
  /** Where a supervisor export goes (Electron: a save dialog; null = cancelled). Default: <dataDir>/exports/<name>. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
  now?: () => Date;
  logger?: Logger;
  /** Health probe and idle-lock check interval; 0 disables timers (tests). */
  tickMs?: number;
  /** Key of the document scans at rest: Electron's safeStorage in the shell; default a harness key file (Node only). */
  documentKeys?: KeyProvider;
  /** Scan size limit (default 10 MiB), retention (days) of registered applications' scans (default 730), crash test hooks. */
  documents?: { maxBytes?: number; retentionDays?: number; faults?: { afterTempWrite?: () => void; afterRename?: () => void } };
  /** Sync engine tuning (tests, bench); the periodic sync is off when tickMs is 0. */
  sync?: { intervalMs?: number; debounceMs?: number; pushBatch?: number; pullLimit?: number; backoffBaseMs?: number; live?: boolean; beforePush?: (n: number) => void };
}

export interface Loket {
  db: Db;
  dispatch: Dispatch;
  events: EventBus;
  auth: AuthService;
  status: StatusService;
  queue: QueueService;
  log: Logger;
  sync: SyncEngine;
  applications: ApplicationsService;
  workflow: ApplicationWorkflow;
  documents: DocumentStore;
  close(): Promise<void>;
}

async function installationId(db: Db): Promise<string> {
  const row = await db('settings').where({ key: 'installationId' }).first<{ value: string } | undefined>('value');
  if (row) return row.value;
  const id = randomUUID();
  await db('settings').insert({ key: 'installationId', value: id });
  return id;
}

export async function createLoket(opts: LoketOptions): Promise<Loket> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const now = opts.now ?? (() => new Date());
  const log =
    opts.logger ??
    createLogger((line) => fs.appendFile(path.join(opts.dataDir, 'loket.log'), line + '\n', () => undefined), 'info', {
      app: 'loket-main',
    });
  const db = await openDatabase(path.join(opts.dataDir, 'loket.sqlite'));
  const events = new EventBus();
  const settings = new SettingsStore(db, opts.defaultServerUrl ?? null);
  const server = new ServerClient({ baseUrl: async () => (await settings.get()).serverUrl });
  const catalog = new CatalogService(db, server);
  const auth = new AuthService({
    server,
    cache: new CredentialCache(db, now),
    throttle: new SignInThrottle(db, now),
    settings,
    catalog,
    events,
    log,
    now,
    installationId: await installationId(db),
  });
  const status = new SyncAwareStatus(db, server, settings, events, { officerName: () => auth.officerName, counterName: () => auth.counterName }, now);
  const tick = opts.tickMs ?? 15_000;
  const syncEngine = new SyncEngine({
    db,
    transport: new SyncTransport({ baseUrl: async () => (await settings.get()).serverUrl }),
    baseUrl: async () => (await settings.get()).serverUrl,
    token: () => auth.token,
    installationId: await installationId(db),
    log,
    entities: [
      applicationClientEntity,
      skmClientEntity,
      // Queue tickets of other installations (in the officer's scope) into the queue mirror.
      createTicketClientEntity({ now, onPulled: (serviceIds) => events.emit('queue.changed', { reason: 'synced', serviceIds }) }),
      // Counter sessions and pauses (supervisors' scope) into the dashboard's tables.
      counterSessionClientEntity,
      counterPauseClientEntity,
    ],
    now,
    onChange: () => void status.publish().catch(() => undefined),
    intervalMs: opts.sync?.intervalMs ?? (tick > 0 ? 30_000 : 0),
    ...(opts.sync?.debounceMs !== undefined ? { debounceMs: opts.sync.debounceMs } : {}),
    ...(opts.sync?.pushBatch !== undefined ? { pushBatch: opts.sync.pushBatch } : {}),
    ...(opts.sync?.pullLimit !== undefined ? { pullLimit: opts.sync.pullLimit } : {}),
    ...(opts.sync?.backoffBaseMs !== undefined ? { backoffBaseMs: opts.sync.backoffBaseMs } : {}),
    ...(opts.sync?.live !== undefined ? { live: opts.sync.live } : {}),
    ...(opts.sync?.beforePush ? { beforePush: opts.sync.beforePush } : {}),
  });
  status.attach(() => syncEngine.snapshot(), async () => (await settings.get()).locale);
  const documentStore = new DocumentStore({
    db,
    uploadScheme: `ld${(await installationId(db)).replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 64),
    dataDir: opts.dataDir,
    keys: opts.documentKeys ?? harnessKeyProvider(opts.dataDir),
    now,
    ...(opts.documents?.maxBytes !== undefined ? { maxBytes: opts.documents.maxBytes } : {}),
    ...(opts.documents?.retentionDays !== undefined ? { retentionDays: opts.documents.retentionDays } : {}),
    ...(opts.documents?.faults ? { faults: opts.documents.faults } : {}),
  });
  // Leftovers of an interrupted save, and scans past their retention date.
  await documentStore.sweep().catch((e: unknown) => log.warn('document sweep failed', { error: e }));
  let workflow: ApplicationWorkflow | null = null;
  const applications = new ApplicationsService({
    db,
    now,
    officer: async () => (await auth.current())?.officer ?? null,
    onWrite: () => syncEngine.kick(),
    afterLocalWrite: (trx, id) => workflow?.recomputeDue(trx, id) ?? Promise.resolve(),
  });
  const queue = new QueueService({
    db,
    server,
    auth,
    events,
    now,
    log,
    serverUrl: async () => (await settings.get()).serverUrl,
    printer: opts.queuePrinter ?? createQueuePrinter({ virtualDir: path.join(opts.dataDir, 'printer'), now }),
  });
  const dashboard = new SupervisorDashboard({ db, now, lastSyncAt: async () => (await syncEngine.snapshot()).lastSyncAt });
  const survey = new SurveyService({
    db,
    now,
    utcOffsetMinutes: async () => (await dashboard.context()).utcOffsetMinutes,
    onWrite: () => syncEngine.kick(),
  });
  const documentsService = new DocumentsService(documentStore, () => auth.current());
  const printReceipt = async (job: ReceiptJob): Promise<PrintOutcome> => {
    let printer: ReturnType<typeof createPrinter> | null = null;
    try {
      printer = createPrinter(await queue.printerSettings(), { virtualDir: path.join(opts.dataDir, 'printer'), now });
      return await printer.printReceipt({ ...job, timeZone: timeZoneForOffset(job.utcOffsetMinutes) });
    } catch (e) {
      log.warn('receipt print failed', { error: e });
      return {
        ok: false,
        code: 'PRINT_FAILED',
        message: 'Tanda terima gagal dicetak; permohonan tetap tercatat dan dapat dicetak ulang.',
        messageEn: 'The receipt could not be printed; the application is recorded and can be reprinted.',
      };
    } finally {
      await printer?.close().catch(() => undefined);
    }
  };
  workflow = new ApplicationWorkflow({
    db,
    now,
    session: () => auth.current(),
    catalog,
    documents: documentStore,
    applications,
    utcOffsetMinutes: async () => (await queue.config()).utcOffsetMinutes,
    serverUrl: async () => (await settings.get()).serverUrl,
    printReceipt,
    onWrite: () => syncEngine.kick(),
  });
  const handlers = createHandlers({
    queue,
    auth,
    catalog,
    settings,
    status,
    now,
    openExternal: opts.openExternal ?? (async () => undefined),
    openBoardWindow: opts.openBoardWindow ?? (async () => ({ opened: false, displays: 1 })),
    openSurveyWindow: opts.openSurveyWindow ?? (async () => ({ opened: false, displays: 1 })),
    app: { name: 'Loket', version: opts.version, runtime: opts.runtime },
    sync: { engine: syncEngine, applications },
    apps: { workflow, documents: documentsService },
    supervisor: {
      dashboard,
      survey,
      officer: async () => {
        const o = (await auth.current())?.officer;
        return o ? { id: o.id, name: o.name } : null;
      },
      locale: async () => (await settings.get()).locale,
      chooseSavePath: opts.chooseSavePath ?? (async (name) => path.join(opts.dataDir, 'exports', name)),
    },
  });
  const dispatch = createDispatch(handlers, auth, log);

  const timers: NodeJS.Timeout[] = [];
  if (tick > 0) {
    const swallow = (e: unknown) => log.warn('background tick failed', { error: e });
    timers.push(setInterval(() => void auth.checkIdle().catch(swallow), Math.min(tick, 15_000)));
    timers.push(setInterval(() => void status.probe().catch(swallow), tick));
  }
  // One probe at start even without timers, so the sign-in screen shows the real connection.
  void status.probe().catch((e: unknown) => log.warn('initial probe failed', { error: e }));
  // Sync: pushes what a previous run left in the outbox as soon as a server session exists.
  await syncEngine.start();

  return {
    db,
    dispatch,
    events,
    auth,
    status,
    queue,
    log,
    sync: syncEngine,
    applications,
    workflow,
    documents: documentStore,
    async close() {
      documentsService.close();
      for (const t of timers) clearInterval(t);
      await syncEngine.stop();
      await db.destroy();
    },
  };
}

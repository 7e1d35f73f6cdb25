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
import { SupervisorDashboard } from '../supervisor/dashboard';
import { SurveyService, skmClientEntity } from '../survey/survey';

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
  /** Where a supervisor export goes (Electron: a save dialog; null = cancelled). Default: <dataDir>/exports/<name>. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
  now?: () => Date;
  logger?: Logger;
  /** Health probe and idle-lock check interval; 0 disables timers (tests). */
  tickMs?: number;
  /** Sync engine tuning (tests, bench); the periodic sync is off when tickMs is 0. */
  sync?: { intervalMs?: number; debounceMs?: number; pushBatch?: number; pullLimit?: number; backoffBaseMs?: number; beforePush?: (n: number) => void };
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
    token: () => auth.token,
    installationId: await installationId(db),
    log,
    entities: [applicationClientEntity, skmClientEntity],
    now,
    onChange: () => void status.publish().catch(() => undefined),
    intervalMs: opts.sync?.intervalMs ?? (tick > 0 ? 30_000 : 0),
    ...(opts.sync?.debounceMs !== undefined ? { debounceMs: opts.sync.debounceMs } : {}),
    ...(opts.sync?.pushBatch !== undefined ? { pushBatch: opts.sync.pushBatch } : {}),
    ...(opts.sync?.pullLimit !== undefined ? { pullLimit: opts.sync.pullLimit } : {}),
    ...(opts.sync?.backoffBaseMs !== undefined ? { backoffBaseMs: opts.sync.backoffBaseMs } : {}),
    ...(opts.sync?.beforePush ? { beforePush: opts.sync.beforePush } : {}),
  });
  status.attach(() => syncEngine.snapshot(), async () => (await settings.get()).locale);
  const applications = new ApplicationsService({ db, now, officer: async () => (await auth.current())?.officer ?? null, onWrite: () => syncEngine.kick() });
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
  const handlers = createHandlers({
    queue,
    auth,
    catalog,
    settings,
    status,
    now,
    openExternal: opts.openExternal ?? (async () => undefined),
    openBoardWindow: opts.openBoardWindow ?? (async () => ({ opened: false, displays: 1 })),
    app: { name: 'Loket', version: opts.version, runtime: opts.runtime },
    sync: { engine: syncEngine, applications },
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
    async close() {
      for (const t of timers) clearInterval(t);
      await syncEngine.stop();
      await db.destroy();
    },
  };
}

/**
 * One handlers map typed against the contract (after Actual Budget): a missing or
 * misspelt channel is a compile error, and the dispatcher is the only caller.
 */
import type { Handlers } from '../ipc/dispatch';
import type { AuthService } from '../auth/auth-service';
import type { CatalogService } from '../catalog/catalog-service';
import type { SettingsStore } from '../settings/settings-store';
import type { StatusService } from '../status/status-service';
import { isAllowedExternalUrl } from '../security/external-url';
import { createQueueHandlers } from '../queue/queue-handlers';
import type { QueueService } from '../queue/queue-service';
import { createSyncHandlers, type SyncHandlerDeps } from '../sync/handlers';
import { createSupervisorHandlers, type SupervisorHandlerDeps } from '../supervisor/handlers';
import { createCatalogHandlers } from '../catalog/catalog-handlers';
import { createApplicationHandlers, type ApplicationHandlerDeps } from '../applications/application-handlers';

export interface HandlerDeps {
  auth: AuthService;
  catalog: CatalogService;
  settings: SettingsStore;
  status: StatusService;
  queue: QueueService;
  openExternal: (url: string) => Promise<void>;
  /** Opens the display board window (on a second monitor when there is one); the harness has none. */
  openBoardWindow: (displayIndex?: number) => Promise<{ opened: boolean; displays: number }>;
  /** Opens the SKM survey kiosk window facing the visitor (second monitor when there is one); the harness has none. */
  openSurveyWindow: (displayIndex?: number) => Promise<{ opened: boolean; displays: number }>;
  now: () => Date;
  app: { name: string; version: string; runtime: 'electron' | 'harness' };
  /** Sync engine and application store (main/sync, main/applications). */
  sync: SyncHandlerDeps;
  /** Dashboard, exports and the SKM survey (main/supervisor, main/survey). */
  supervisor: SupervisorHandlerDeps;
  /** Applications feature: workflow and document scans (main/applications/workflow.ts, main/documents). */
  apps: ApplicationHandlerDeps;
}

export function createHandlers(d: HandlerDeps): Handlers {
  return {
    ...createQueueHandlers({ queue: d.queue }),
    ...createSyncHandlers(() => d.sync),
    ...createSupervisorHandlers(d.supervisor),
    ...createCatalogHandlers({ catalog: d.catalog, token: () => d.auth.token }),
    ...createApplicationHandlers(() => d.apps),
    'app.ping': async () => ({ pong: true as const, at: d.now().toISOString() }),
    'app.info': async () => d.app,
    'auth.signIn': async ({ username, password }) => {
      const session = await d.auth.signIn(username, password);
      await d.status.probe(true);
      // A server session lets queued changes (e.g. from an offline sign-in) go out now.
      if (session.mode === 'server') d.sync.engine.sessionChanged();
      return session;
    },
    'auth.signOut': async () => {
      await d.auth.signOut();
      // The live channel must not outlive the session that opened it.
      d.sync.engine.sessionChanged();
      await d.status.publish();
      return { signedOut: true as const };
    },
    'auth.session': () => d.auth.current(),
    'auth.lock': () => d.auth.lock(),
    'auth.unlock': ({ password }) => d.auth.unlock(password),
    'counter.open': async ({ counterId, serviceIds }) => {
      const session = await d.auth.openCounter(counterId, serviceIds);
      await d.status.publish();
      return session;
    },
    'catalog.get': () => d.catalog.get(),
    'status.get': () => d.status.get(),
    'sync.now': async () => {
      const status = await d.status.probe(true);
      const token = d.auth.token;
      if (status.connection === 'online' && token) {
        // The catalog is server-authoritative and replaced whole; the engine pushes and pulls the rest.
        await d.catalog.refresh(token).catch(() => undefined);
      }
      await d.sync.engine.syncNow({ verify: true });
      return d.status.publish();
    },
    'settings.get': () => d.settings.get(),
    'settings.update': async (patch) => {
      const next = await d.settings.update(patch);
      if (patch.serverUrl !== undefined) await d.status.probe(true);
      return next;
    },
    'window.openBoard': ({ displayIndex }) => d.openBoardWindow(displayIndex),
    'window.openSurvey': ({ displayIndex }) => d.openSurveyWindow(displayIndex),
    'shell.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) return { opened: false };
      await d.openExternal(url);
      return { opened: true };
    },
  };
}

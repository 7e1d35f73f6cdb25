/** IPC handlers for sync and the minimal application store (spread into main/app/handlers.ts). */
import type { Handlers } from '../ipc/dispatch';
import type { ApplicationsService } from '../applications/applications';
import type { SyncEngine } from './engine';

export interface SyncHandlerDeps {
  engine: SyncEngine;
  applications: ApplicationsService;
}

type SyncChannels = 'sync.pending' | 'sync.dismissRejected' | 'applications.create' | 'applications.setStatus' | 'applications.list';

/** `deps` is read lazily, so the handler map can be built before the services exist (contract tests). */
export function createSyncHandlers(deps: () => SyncHandlerDeps): Pick<Handlers, SyncChannels> {
  return {
    'sync.pending': async () => ({ entries: await deps().engine.outbox() }),
    'sync.dismissRejected': async ({ ids }) => ({ dismissed: await deps().engine.dismissRejected(ids) }),
    'applications.create': (input) => deps().applications.create(input),
    'applications.setStatus': ({ id, to, reason }) => deps().applications.setStatus({ id, to, reason: reason ?? null }),
    'applications.list': async (filter) => ({ items: await deps().applications.list(filter) }),
  };
}

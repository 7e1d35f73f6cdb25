/** Handlers of common/ipc/channels/applications.ts (spread into main/app/handlers.ts). */
import type { applicationChannels } from '../../common/ipc/channels/applications';
import type { Handlers } from '../ipc/dispatch';
import type { DocumentsService } from '../documents/documents-service';
import type { ApplicationWorkflow } from './workflow';

export type ApplicationHandlers = Pick<Handlers, keyof typeof applicationChannels>;

export interface ApplicationHandlerDeps {
  workflow: ApplicationWorkflow;
  documents: DocumentsService;
}

/** `deps` is read lazily, so the handler map can be built before the services exist (contract tests). */
export function createApplicationHandlers(deps: () => ApplicationHandlerDeps): ApplicationHandlers {
  return {
    'documents.beginUpload': (input) => deps().documents.begin(input),
    'documents.uploadChunk': ({ uploadId, index, data }) => deps().documents.chunk(uploadId, index, data),
    'documents.finishUpload': ({ uploadId }) => deps().documents.finish(uploadId),
    'documents.cancelUpload': async ({ uploadId }) => {
      await deps().documents.cancel(uploadId);
      return { cancelled: true as const };
    },
    'documents.list': async (filter) => ({ items: await deps().documents.list(filter) }),
    'documents.read': ({ id, offset }) => deps().documents.read(id, offset),
    'documents.rotate': ({ id, rotation }) => deps().documents.rotate(id, rotation),
    'documents.remove': async ({ id }) => {
      await deps().documents.remove(id);
      return { removed: true as const };
    },
    'applications.register': (input) => deps().workflow.register(input),
    'applications.search': (input) => deps().workflow.search(input),
    'applications.open': ({ id }) => deps().workflow.detail(id, 'view'),
    'applications.transition': ({ id, to, reason, expectedStatus }) => deps().workflow.transition({ id, to, reason: reason ?? null, expectedStatus }),
    'applications.update': (input) => deps().workflow.update(input),
    'applications.printReceipt': ({ id }) => deps().workflow.printReceipt(id),
    'applications.accessLog': async ({ id }) => ({ entries: await deps().workflow.accessLog(id) }),
    'applications.ticket': ({ ticketId }) => deps().workflow.ticket(ticketId),
  };
}

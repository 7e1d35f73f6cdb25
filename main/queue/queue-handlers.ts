/**
 * Handlers of the queue channels (common/ipc/channels/queue.ts), all backed by QueueService.
 */
import type { queueChannels } from '../../common/ipc/channels/queue';
import type { Handlers } from '../ipc/dispatch';
import type { QueueService } from './queue-service';

type QueueChannel = keyof typeof queueChannels;
export type QueueHandlers = Pick<Handlers, QueueChannel>;

export interface QueueHandlerDeps {
  queue: QueueService;
}

export function createQueueHandlers({ queue }: QueueHandlerDeps): QueueHandlers {
  return {
    'queue.overview': () => queue.overview(),
    'queue.issue': ({ serviceId, category }) => queue.issue(serviceId, category),
    'queue.checkInBooking': ({ code }) => queue.checkInBooking(code),
    'queue.reprint': ({ ticketId }) => queue.reprint(ticketId),
    'queue.cancel': ({ ticketId, reason }) => queue.cancel(ticketId, reason),
    'queue.recentIssued': () => queue.recentIssued(),
    'counter.state': () => queue.counterState(),
    'counter.callNext': () => queue.callNext(),
    'counter.callTicket': ({ ticketId }) => queue.callTicket(ticketId),
    'counter.recall': () => queue.recall(),
    'counter.start': () => queue.start(),
    'counter.noShow': () => queue.noShow(),
    'counter.finish': ({ note }) => queue.finish(note),
    'counter.transfer': (input) => queue.transfer(input),
    'counter.park': () => queue.park(),
    'counter.reactivate': ({ ticketId }) => queue.reactivate(ticketId),
    'counter.walkIn': ({ serviceId, note }) => queue.walkIn(serviceId, note),
    'counter.pause': ({ reason, note }) => queue.pause(reason, note),
    'counter.resume': () => queue.resume(),
    'counter.note': ({ text }) => queue.note(text),
    'board.get': () => queue.board(),
    'printer.getSettings': () => queue.printerSettings(),
    'printer.saveSettings': (settings) => queue.savePrinterSettings(settings),
    'printer.preview': () => queue.preview(),
    'printer.testPrint': () => queue.testPrint(),
  };
}

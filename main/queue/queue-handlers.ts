/**
 * Handlers of the queue channels (common/ipc/channels/queue.ts).
 * Placeholder until the queue services land: each answers a clear "not yet available".
 */
import type { queueChannels } from '../../common/ipc/channels/queue';
import { LoketError } from '../../common/ipc/result';
import type { Handlers } from '../ipc/dispatch';

type QueueChannel = keyof typeof queueChannels;
export type QueueHandlers = Pick<Handlers, QueueChannel>;

const notYet = async (): Promise<never> => {
  throw new LoketError('NOT_FOUND', 'Fitur antrian belum tersedia di versi ini.', 'The queue feature is not available in this version yet.');
};

export function createQueueHandlers(): QueueHandlers {
  const names = [
    'queue.overview', 'queue.issue', 'queue.checkInBooking', 'queue.reprint', 'queue.cancel', 'queue.recentIssued',
    'counter.state', 'counter.callNext', 'counter.callTicket', 'counter.recall', 'counter.start', 'counter.noShow',
    'counter.finish', 'counter.transfer', 'counter.park', 'counter.reactivate', 'counter.walkIn', 'counter.pause',
    'counter.resume', 'counter.note', 'board.get', 'printer.getSettings', 'printer.saveSettings', 'printer.preview',
    'printer.testPrint',
  ] as const satisfies readonly QueueChannel[];
  return Object.fromEntries(names.map((n) => [n, notYet])) as unknown as QueueHandlers;
}

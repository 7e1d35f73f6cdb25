/**
 * Several Loket installations (front desk, counters, …) against one reference server:
 * each station is its own dev harness with its own data folder and session, as on
 * separate computers in the mall. Used by tests/e2e/queue.test.ts.
 */
import path from 'node:path';
import { startServer } from '../../server/src/main';
import { startHarness, type Harness } from '../../harness/harness';
import { silentLogger } from '../../node-shared/logger';
import { DIST_DIR } from './stack';
import { tempDir } from './temp';

export interface QueueStack<S extends string> {
  serverUrl: string;
  stations: Record<S, Harness>;
  close(): Promise<void>;
}

export async function startQueueStack<S extends string>(names: readonly S[], opts: { tickMs?: number } = {}): Promise<QueueStack<S>> {
  const t = tempDir('loket-queue-stack-');
  const server = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'server.sqlite'), demo: true, quiet: true });
  const stations = {} as Record<S, Harness>;
  try {
    for (const name of names) {
      stations[name] = await startHarness({
        dataDir: path.join(t.dir, name),
        distDir: DIST_DIR,
        serverUrl: server.url,
        logger: silentLogger,
        tickMs: opts.tickMs ?? 0,
      });
    }
  } catch (e) {
    for (const h of Object.values<Harness>(stations)) await h.close();
    await server.close();
    t.cleanup();
    throw e;
  }
  return {
    serverUrl: server.url,
    stations,
    async close() {
      for (const h of Object.values<Harness>(stations)) await h.close();
      await server.close();
      t.cleanup();
    },
  };
}

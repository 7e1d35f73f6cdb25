/**
 * A whole demo installation for tests and benchmarks: the reference server on a
 * temporary SQLite file with the demo mall, and the dev harness (real main-process
 * services + renderer build) pointed at it.
 */
import path from 'node:path';
import { startServer } from '../../server/src/main';
import { startHarness, type Harness } from '../../harness/harness';
import { silentLogger } from '../../node-shared/logger';
import { tempDir } from './temp';

export const DIST_DIR = path.resolve(__dirname, '../../dist');
export const DEMO_PASSWORD = 'Loket-Demo-2026!';

export interface Stack {
  serverUrl: string;
  harness: Harness;
  dataDir: string;
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(opts: { tickMs?: number; now?: () => Date } = {}): Promise<Stack> {
  const t = tempDir('loket-stack-');
  const server = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'server.sqlite'), demo: true, quiet: true });
  let serverOpen = true;
  const harness = await startHarness({
    dataDir: path.join(t.dir, 'counter'),
    distDir: DIST_DIR,
    serverUrl: server.url,
    logger: silentLogger,
    tickMs: opts.tickMs ?? 0,
    now: opts.now,
  });
  const stopServer = async () => {
    if (serverOpen) {
      serverOpen = false;
      await server.close();
    }
  };
  return {
    serverUrl: server.url,
    harness,
    dataDir: t.dir,
    stopServer,
    async close() {
      await harness.close();
      await stopServer();
      t.cleanup();
    },
  };
}

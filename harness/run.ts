/**
 * `npm run dev:harness`: the whole app without the Electron binary. Builds, starts
 * the reference server with the demo mall on .data/server.sqlite, and serves the real
 * renderer on http://127.0.0.1:5174 backed by the real main-process services.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer } from '../server/src/main';
import { startHarness } from './harness';

async function run(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  if (!process.argv.includes('--no-build')) {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const dataDir = path.join(root, '.data');
  const serverUrl = process.env.LOKET_SERVER_URL;
  const server = serverUrl ? null : await startServer({ port: 4780, host: '127.0.0.1', sqliteFile: path.join(dataDir, 'server.sqlite'), demo: true });
  const harness = await startHarness({
    dataDir: path.join(dataDir, 'counter-harness'),
    distDir: path.join(root, 'dist'),
    serverUrl: serverUrl ?? server?.url ?? null,
    port: Number(process.env.LOKET_HARNESS_PORT ?? 5174),
  });
  console.log(`\nLoket (dev harness) → ${harness.url}`);
  console.log(`Central server     → ${serverUrl ?? server?.url}`);
  console.log('Demo accounts: petugas.dukcapil, resepsionis, supervisor, admin — password Loket-Demo-2026!');
  const stop = async () => {
    await harness.close();
    await server?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

run().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

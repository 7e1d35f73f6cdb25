/**
 * A counter installation in its own process, for the "app killed between a local write
 * and its push" test: signs in, writes one application (row + outbox entry in one
 * transaction), prints `WROTE <id>`, and waits to be SIGKILLed before any push.
 *   node --import tsx tests/support/sync-client-child.ts <dataDir> <serverUrl>
 */
import { DEMO_PASSWORD } from '../../server/src/demo/seed';
import { createLoket } from '../../main/app/compose';
import { silentLogger } from '../../node-shared/logger';

async function main(): Promise<void> {
  const [dataDir, serverUrl] = process.argv.slice(2);
  if (!dataDir || !serverUrl) throw new Error('usage: sync-client-child <dataDir> <serverUrl>');
  const loket = await createLoket({
    dataDir,
    runtime: 'harness',
    version: 'test',
    defaultServerUrl: serverUrl,
    logger: silentLogger,
    tickMs: 0,
    // No push before the kill: the write must survive on disk alone.
    sync: { debounceMs: 3_600_000, intervalMs: 0 },
  });
  const signed = await loket.dispatch('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD });
  if (!signed.ok) throw new Error(signed.error.messageEn);
  const created = await loket.dispatch('applications.create', { serviceId: 'sv-dukcapil-kk', applicantName: 'Ahmad Fauzi' });
  if (!created.ok) throw new Error(created.error.messageEn);
  process.stdout.write(`WROTE ${(created.value as { id: string }).id}\n`);
  setInterval(() => undefined, 1000);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

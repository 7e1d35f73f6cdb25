/**
 * Saves one scan and is SIGKILLed in the middle (after the encrypted temp file is written, or
 * after its rename, before the database row), for tests/integration/documents.test.ts.
 *   node --import tsx tests/support/documents-crash-child.ts <dataDir> <afterTempWrite|afterRename>
 */
import path from 'node:path';
import { openDatabase } from '../../main/db/open';
import { DocumentStore } from '../../main/documents/document-store';
import { StaticKeyProvider } from '../../main/documents/key-provider';
import { makePng } from './sample-files';

async function main(): Promise<void> {
  const [dataDir, when] = process.argv.slice(2);
  if (!dataDir || (when !== 'afterTempWrite' && when !== 'afterRename')) throw new Error('usage: documents-crash-child <dataDir> <afterTempWrite|afterRename>');
  const db = await openDatabase(path.join(dataDir, 'loket.sqlite'));
  const kill = () => process.kill(process.pid, 'SIGKILL');
  const store = new DocumentStore({ db, dataDir, keys: new StaticKeyProvider(Buffer.alloc(32, 7)), now: () => new Date(), faults: { [when]: kill } });
  await store.save({ bytes: makePng({ text: 'crash' }), fileName: 'kk.png', declaredType: 'image/png', draftId: 'draft-crash-1', requirementCode: 'KK', agencyId: 'ag-dukcapil', officerId: 'of-x' });
  process.stdout.write('SAVED\n'); // never reached
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

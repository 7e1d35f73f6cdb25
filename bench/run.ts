/**
 * `npm run bench` runs every area; `npm run bench -- ipc` runs one. Figures are printed
 * and merged into bench-results.json. Benchmarks, not tests: nothing here fails on a number.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { benchApplications } from './areas/applications';
import { benchIpc } from './areas/ipc';
import { benchPrint } from './areas/print';
import { benchQueue } from './areas/queue';
import { benchSupervisor } from './areas/supervisor';
import { benchSync } from './areas/sync';
import { mergeResults, printTable, RESULTS_FILE, type Figures } from './report';

const AREAS: Record<string, () => Promise<Figures>> = {
  applications: benchApplications,
  ipc: benchIpc,
  print: benchPrint,
  queue: benchQueue,
  sync: benchSync,
  supervisor: benchSupervisor,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !(a in AREAS));
  if (unknown.length) {
    console.error(`Unknown bench area(s): ${unknown.join(', ')}. Known: ${Object.keys(AREAS).join(', ')}`);
    process.exit(2);
  }
  const areas = asked.length ? asked : Object.keys(AREAS);
  // These start the bundled server (dist/server/main.cjs) as a process of its own: bundle the
  // current source first, so a bench never measures a stale build.
  if (areas.some((a) => a === 'queue' || a === 'sync')) {
    execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build.mjs'), '--skip-renderer'], { stdio: 'inherit' });
  }
  for (const area of areas) {
    const figures = await AREAS[area]!();
    printTable(area, figures);
    mergeResults(figures);
  }
  console.log(`\nMerged into ${RESULTS_FILE}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

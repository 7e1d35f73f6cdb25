// Builds every runtime bundle into dist/: main and preload (Electron), the
// reference server, the harness shim, and the renderer (Vite).
// Usage: node scripts/build.mjs [--skip-renderer]
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const runtimeDeps = Object.keys(pkg.dependencies ?? {});
const common = { bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: root, legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/index.ts'],
    outfile: 'dist/main/index.cjs',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Runtime dependencies ship in node_modules (sqlite3 is native; knex loads dialects lazily).
    external: ['electron', ...runtimeDeps],
  }),
  build({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    // A sandboxed preload can require only 'electron': bundle everything else.
    platform: 'browser',
    target: 'chrome130',
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/server/main.cjs',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['harness/shim/shim.ts'],
    outfile: 'dist/harness/shim.js',
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
  }),
]);

if (!process.argv.includes('--skip-renderer')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.mts'), logLevel: 'warn' });
}
console.log('build: dist/ ready');

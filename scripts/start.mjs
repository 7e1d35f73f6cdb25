// `npm start`: the real Electron launch. Builds, starts the reference server on an
// embedded SQLite file with the demo mall when no server is configured, then runs Electron.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = null;
}
if (typeof electronPath !== 'string') {
  console.error(
    [
      'Electron binary tidak ditemukan / Electron binary not found.',
      'The electron package is installed but its binary was not downloaded (no internet, or install scripts blocked).',
      'With internet: run `node node_modules/electron/install.js`, then `npm start` again.',
      'Without internet you can still run the whole app in Chromium: `npm run dev:harness`.',
    ].join('\n'),
  );
  process.exit(1);
}

// Tests check the binary message only; they never launch a GUI.
if (process.env.LOKET_START_DRY_RUN) process.exit(0);

const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

let server = null;
let serverUrl = process.env.LOKET_SERVER_URL;
if (!serverUrl) {
  server = spawn(process.execPath, [path.join(root, 'dist/server/main.cjs'), '--demo', '--port', '4780', '--data', path.join(root, '.data/server.sqlite')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  serverUrl = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: server.stdout });
    lines.on('line', (line) => {
      const m = /^LOKET_SERVER_LISTENING (\S+)/.exec(line);
      if (m) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)));
  });
  console.log(`Reference server (demo mall) on ${serverUrl}`);
}

const app = spawn(electronPath, [root], { stdio: 'inherit', env: { ...process.env, LOKET_SERVER_URL: serverUrl } });
app.on('exit', (code) => {
  server?.kill('SIGTERM');
  process.exit(code ?? 0);
});

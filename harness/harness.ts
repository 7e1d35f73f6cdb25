/**
 * Dev/test harness: the real renderer build in any Chromium, talking to the real
 * main-process services (createLoket) over a loopback WebSocket. Never packaged:
 * bound to 127.0.0.1, every socket must present this run's random token and come
 * from this origin, and it refuses to run inside Electron.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLoket, type Loket } from '../main/app/compose';
import { buildCsp } from '../main/security/csp';
import { contentTypeOf, resolveAppPath } from '../main/security/app-protocol';
import type { Logger } from '../node-shared/logger';

export interface HarnessOptions {
  dataDir: string;
  distDir: string;
  serverUrl: string | null;
  port?: number;
  openExternal?: (url: string) => Promise<void>;
  logger?: Logger;
  tickMs?: number;
  now?: () => Date;
}

export interface Harness {
  url: string;
  loket: Loket;
  close(): Promise<void>;
}

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  if (process.versions.electron) throw new Error('The dev harness must never run inside Electron.');
  const rendererDir = path.join(opts.distDir, 'renderer');
  const shimFile = path.join(opts.distDir, 'harness', 'shim.js');
  for (const f of [path.join(rendererDir, 'index.html'), shimFile]) {
    if (!fs.existsSync(f)) throw new Error(`Missing ${f}: run "npm run build" first.`);
  }
  const token = randomBytes(24).toString('base64url');
  const loket = await createLoket({
    dataDir: opts.dataDir,
    runtime: 'harness',
    version: 'dev',
    defaultServerUrl: opts.serverUrl,
    openExternal: opts.openExternal,
    logger: opts.logger,
    tickMs: opts.tickMs,
    now: opts.now,
  });

  let origin = '';
  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    const reqUrl = `http://${host}${req.url ?? '/'}`;
    const pathname = new URL(reqUrl).pathname;
    const headers = { 'content-security-policy': buildCsp([origin.replace('http:', 'ws:')]), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
    if (`http://${host}` !== origin) {
      res.writeHead(421).end();
      return;
    }
    if (pathname === '/__harness/shim.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(fs.readFileSync(shimFile));
      return;
    }
    const file = resolveAppPath(rendererDir, reqUrl, host);
    if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    let body: Buffer | string = fs.readFileSync(file);
    if (file.endsWith('index.html')) {
      // The shim must define window.loket before the app's module script runs.
      body = body.toString('utf8').replace('<head>', `<head><script src="/__harness/shim.js?token=${token}"></script>`);
    }
    res.writeHead(200, { ...headers, 'content-type': contentTypeOf(file) }).end(body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const given = url.searchParams.get('token') ?? '';
    if (url.pathname !== '/__harness/ipc' || req.headers.origin !== origin || !sameToken(given, token)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        let msg: { id?: unknown; channel?: unknown; input?: unknown };
        try {
          msg = JSON.parse(data.toString()) as typeof msg;
        } catch {
          return;
        }
        if (typeof msg.id !== 'number') return;
        const id = msg.id;
        void loket.dispatch(typeof msg.channel === 'string' ? msg.channel : '', msg.input).then((result) => {
          ws.send(JSON.stringify({ id, result }));
        });
      });
    });
  });
  const unsubscribe = loket.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const ws of sockets) ws.send(text);
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('harness did not bind');
  origin = `http://127.0.0.1:${addr.port}`;

  return {
    url: `${origin}/index.html`,
    loket,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await loket.close();
    },
  };
}

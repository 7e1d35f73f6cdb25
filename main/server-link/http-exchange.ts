/**
 * One HTTP exchange with the central server over node:http(s) with kept-alive sockets, for
 * the interactive client (server-client.ts) and sync (../sync/transport.ts).
 *
 * Not fetch: undici's fetch cost ~0.9 ms of main-thread time per request here (web streams,
 * AbortSignal, Response objects) — as much as the server's whole claim transaction — and on a
 * new connection that the peer accepts and closes at once it hung until its time limit instead
 * of failing (seen with the tests' network-cut proxy). Any network failure or the time limit
 * (the whole exchange) rejects with `Unreachable`.
 */
import http from 'node:http';
import https from 'node:https';

/** Idle sockets are closed after this long (below the server's keep-alive timeout: no race on reuse). */
const KEEP_ALIVE_MS = 4000;

export class Unreachable extends Error {
  constructor(reason: string) {
    super(`server unreachable: ${reason}`);
    this.name = 'Unreachable';
  }
}

export interface Exchange {
  status: number;
  text: string;
}

export class HttpExchange {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS, maxSockets: 8 }),
    https: new https.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS, maxSockets: 8 }),
  };

  send(url: URL, method: string, headers: Record<string, string>, body: string | Uint8Array | undefined, timeoutMs: number): Promise<Exchange> {
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return Promise.reject(new Unreachable(`unsupported protocol ${url.protocol}`));
    const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    const h: Record<string, string | number> = { ...headers };
    if (payload) h['content-length'] = payload.byteLength;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new Unreachable(reason));
      };
      const req = (secure ? https : http).request(url, { method, headers: h, agent: secure ? this.agents.https : this.agents.http }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => fail(e.message));
        res.on('aborted', () => fail('response aborted'));
        res.on('close', () => fail('connection closed before the answer ended'));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      const timer = setTimeout(() => {
        fail('timeout');
        req.destroy();
      }, timeoutMs);
      req.on('error', (e) => fail(e.message));
      req.end(payload);
    });
  }

  /** Closes the kept-alive sockets (the installation is shutting down). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

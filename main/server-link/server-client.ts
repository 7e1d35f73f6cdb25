/**
 * The counter's HTTP client for the central server. Network failures become
 * OFFLINE, server answers keep the server's own error code and bilingual text.
 *
 * node:http(s) with a keep-alive agent rather than fetch: every counter action is a request,
 * and undici's fetch (web streams, AbortSignal, Response objects) cost ~0.9 ms of main-thread
 * time per request here — as much as the server's whole claim transaction. Kept-alive
 * sockets also spare each call a TCP handshake to the server.
 */
import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { LoketError } from '../../common/ipc/result';
import { ServerErrorSchema } from '../../common/server-api/auth';

export interface ServerClientOptions {
  baseUrl: () => Promise<string | null>;
  timeoutMs?: number;
}

/** Idle sockets are closed after this long (the server's keep-alive timeout is longer: no race on reuse). */
const KEEP_ALIVE_MS = 4000;

const offline = () => new LoketError('OFFLINE', 'Server tidak dapat dihubungi.', 'The server cannot be reached.');

export class ServerClient {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS, maxSockets: 8 }),
    https: new https.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS, maxSockets: 8 }),
  };

  constructor(private readonly opts: ServerClientOptions) {}

  async request<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<z.output<S>> {
    const base = await this.opts.baseUrl();
    if (!base) {
      throw new LoketError('OFFLINE', 'Alamat server belum diatur.', 'No server address is configured.');
    }
    let url: URL;
    try {
      url = new URL(path, base);
    } catch {
      throw offline();
    }
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const { status, text } = await this.send(url, method, headers, payload);
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (status < 200 || status > 299) {
      const parsed = ServerErrorSchema.safeParse(json);
      if (parsed.success) {
        const e = parsed.data.error;
        throw new LoketError(e.code, e.message, e.messageEn, e.details);
      }
      throw new LoketError('SERVER', `Server menjawab dengan galat ${status}.`, `The server answered with error ${status}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new LoketError('SERVER', 'Jawaban server tidak dikenali.', 'The server sent an unrecognised answer.');
    }
    return parsed.data;
  }

  /** One exchange; any network failure or the time limit (whole exchange) rejects with OFFLINE. */
  private send(url: URL, method: string, headers: Record<string, string | number>, payload: Buffer | undefined): Promise<{ status: number; text: string }> {
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return Promise.reject(offline());
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(offline());
      };
      const req = (secure ? https : http).request(url, { method, headers, agent: secure ? this.agents.https : this.agents.http }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('aborted', fail);
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      const timer = setTimeout(() => {
        fail();
        req.destroy();
      }, this.opts.timeoutMs ?? 5000);
      req.on('error', fail);
      req.end(payload);
    });
  }

  /** Closes the kept-alive sockets (the installation is shutting down). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

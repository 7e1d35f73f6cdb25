/**
 * The counter's HTTP client for the central server. Network failures become
 * OFFLINE, server answers keep the server's own error code and bilingual text.
 * Over node:http with kept-alive sockets (http-exchange.ts), not fetch.
 */
import { z } from 'zod';
import { LoketError } from '../../common/ipc/result';
import { ServerErrorSchema } from '../../common/server-api/auth';
import { HttpExchange } from './http-exchange';

export interface ServerClientOptions {
  baseUrl: () => Promise<string | null>;
  timeoutMs?: number;
}

const offline = () => new LoketError('OFFLINE', 'Server tidak dapat dihubungi.', 'The server cannot be reached.');

export class ServerClient {
  private readonly http = new HttpExchange();

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
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let status: number;
    let text: string;
    try {
      ({ status, text } = await this.http.send(url, method, headers, body === undefined ? undefined : JSON.stringify(body), this.opts.timeoutMs ?? 5000));
    } catch {
      throw offline();
    }
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

  /** Closes the kept-alive sockets (the installation is shutting down). */
  close(): void {
    this.http.close();
  }
}

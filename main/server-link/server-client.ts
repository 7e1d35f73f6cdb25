/**
 * The counter's HTTP client for the central server. Network failures become
 * OFFLINE, server answers keep the server's own error code and bilingual text.
 */
import { z } from 'zod';
import { LoketError } from '../../common/ipc/result';
import { ServerErrorSchema } from '../../common/server-api/auth';

export interface ServerClientOptions {
  baseUrl: () => Promise<string | null>;
  timeoutMs?: number;
}

export class ServerClient {
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
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(new URL(path, base), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
    } catch {
      throw new LoketError('OFFLINE', 'Server tidak dapat dihubungi.', 'The server cannot be reached.');
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const parsed = ServerErrorSchema.safeParse(json);
      if (parsed.success) {
        const e = parsed.data.error;
        throw new LoketError(e.code, e.message, e.messageEn, e.details);
      }
      throw new LoketError('SERVER', `Server menjawab dengan galat ${res.status}.`, `The server answered with error ${res.status}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new LoketError('SERVER', 'Jawaban server tidak dikenali.', 'The server sent an unrecognised answer.');
    }
    return parsed.data;
  }
}

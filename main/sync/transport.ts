/**
 * HTTP for sync: longer timeouts than the interactive client, bodies sent as prepared
 * JSON text, and failures classified for the engine's retry policy.
 */
import type { z } from 'zod';
import { ServerErrorSchema } from '../../common/server-api/auth';
import { HttpExchange } from '../server-link/http-exchange';

export type FailureKind =
  /** Network error or timeout: retry with backoff. */
  | 'offline'
  /** 401: the token is gone; wait for the next server sign-in. */
  | 'auth'
  /** 413: send a smaller batch. */
  | 'tooLarge'
  /** Other 4xx: the request itself is refused. */
  | 'refused'
  /** 409, 429, 5xx, unrecognised answers: retry with backoff. */
  | 'retry';

export class SyncFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly messageId: string,
    messageEn: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(messageEn);
    this.name = 'SyncFailure';
  }
}

export interface SyncTransportOptions {
  baseUrl: () => Promise<string | null>;
  timeoutMs?: number;
  /** Shared by a transport and its pinned copies (kept-alive sockets). */
  http?: HttpExchange;
}

export class SyncTransport {
  private readonly http: HttpExchange;

  constructor(private readonly opts: SyncTransportOptions) {
    this.http = opts.http ?? new HttpExchange();
  }

  /**
   * This transport with its server address read now and kept: for a run that holds the
   * counter's only database connection in a transaction while it fetches (the address
   * usually comes from the settings table, which would then wait for that transaction).
   */
  async pinned(): Promise<SyncTransport> {
    const base = await this.opts.baseUrl();
    return new SyncTransport({ ...this.opts, http: this.http, baseUrl: async () => base });
  }

  async request<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    token: string,
    body?: string | Uint8Array,
    headers: Record<string, string> = {},
  ): Promise<z.output<S>> {
    const base = await this.opts.baseUrl();
    if (!base) throw new SyncFailure('offline', 'Alamat server belum diatur.', 'No server address is configured.');
    const h: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}`, ...headers };
    if (typeof body === 'string') h['content-type'] = 'application/json';
    let res: { status: number; ok: boolean };
    let text: string;
    try {
      const x = await this.http.send(new URL(path, base), method, h, body, this.opts.timeoutMs ?? 120_000);
      res = { status: x.status, ok: x.status >= 200 && x.status <= 299 };
      text = x.text;
    } catch {
      throw new SyncFailure('offline', 'Server tidak dapat dihubungi.', 'The server cannot be reached.');
    }
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const e = ServerErrorSchema.safeParse(json);
      const id = e.success ? e.data.error.message : `Server menjawab dengan galat ${res.status}.`;
      const en = e.success ? e.data.error.messageEn : `The server answered with error ${res.status}.`;
      const code = e.success ? e.data.error.code : null;
      const kind: FailureKind =
        res.status === 401 ? 'auth' : res.status === 413 ? 'tooLarge' : res.status === 409 || res.status === 429 || res.status >= 500 ? 'retry' : 'refused';
      throw new SyncFailure(kind, id, en, res.status, code);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SyncFailure('retry', 'Jawaban server tidak dikenali.', 'The server sent an unrecognised answer.', res.status);
    return parsed.data;
  }
}

/**
 * The live channel: `GET /api/v1/sync/live` is a Server-Sent Events stream that tells a
 * connected counter "the change log moved" (event `changed`, data `{cursor}`) right after a
 * push commits, so it pulls at once instead of waiting for its timer. It carries no data
 * itself (the pull stays the one scoped read path); a comment every 25 s keeps proxies from
 * closing an idle stream. Bounded: at most MAX_STREAMS streams, MAX_PER_OFFICER per officer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoketError } from '../../../common/ipc/result';

const MAX_STREAMS = 2000;
const MAX_PER_OFFICER = 4;
const HEARTBEAT_MS = 25_000;

interface Stream {
  officerId: string;
  reply: FastifyReply;
}

export class LiveHub {
  private readonly streams = new Set<Stream>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.timer.unref();
  }

  get size(): number {
    return this.streams.size;
  }

  open(request: FastifyRequest, reply: FastifyReply, officerId: string, cursor: number): void {
    const mine = [...this.streams].filter((s) => s.officerId === officerId).length;
    if (this.streams.size >= MAX_STREAMS || mine >= MAX_PER_OFFICER) {
      throw new LoketError('RATE_LIMITED', 'Terlalu banyak sambungan langsung; coba lagi nanti.', 'Too many live connections; try again later.', { retryAfterSeconds: 30 });
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    raw.write(`retry: 5000\nevent: hello\ndata: ${JSON.stringify({ cursor })}\n\n`);
    const stream: Stream = { officerId, reply };
    this.streams.add(stream);
    const drop = () => this.streams.delete(stream);
    request.raw.on('close', drop);
    raw.on('error', drop);
  }

  /** Tells every stream that the change log reached `cursor`. */
  changed(cursor: number): void {
    this.write(`event: changed\ndata: ${JSON.stringify({ cursor })}\n\n`);
  }

  close(): void {
    clearInterval(this.timer);
    for (const s of this.streams) s.reply.raw.end();
    this.streams.clear();
  }

  private write(text: string): void {
    for (const s of this.streams) {
      if (s.reply.raw.writableEnded || s.reply.raw.destroyed) this.streams.delete(s);
      else s.reply.raw.write(text);
    }
  }
}

/**
 * The counter's end of the live channel (GET /api/v1/sync/live, Server-Sent Events): on
 * `changed` it kicks the sync engine, so another counter's change is pulled within a second
 * instead of at the next timer. Reconnects with backoff; follows the session token (none:
 * waits). The timer-based sync remains the safety net when the stream is down.
 */
import type { Logger } from '../../node-shared/logger';

export interface LiveChannelOptions {
  baseUrl: () => Promise<string | null>;
  token: () => string | null;
  /** Called on `changed` (and on every (re)connect, to catch what happened while disconnected). */
  onChange: () => void;
  log: Logger;
  retryMs?: number;
}

export class LiveChannel {
  private stopped = true;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  connected = false;

  constructor(private readonly o: LiveChannelOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** The session changed (sign-in/out): reconnect with the current token now. */
  refresh(): void {
    this.abort?.abort();
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    await this.loop;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      t.unref?.();
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const token = this.o.token();
      const base = await this.o.baseUrl();
      if (!token || !base) {
        await this.sleep(this.o.retryMs ?? 5000);
        continue;
      }
      this.abort = new AbortController();
      try {
        const res = await fetch(new URL('/api/v1/sync/live', base), {
          headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
          signal: this.abort.signal,
        });
        if (!res.ok || !res.body) throw new Error(`live channel answered ${res.status}`);
        this.connected = true;
        failures = 0;
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (/^event: (changed|hello)$/m.test(event)) this.o.onChange();
          }
          if (this.stopped) break;
        }
      } catch (e) {
        if (!this.stopped && !(e instanceof Error && e.name === 'AbortError')) {
          failures += 1;
          this.o.log.debug('live channel disconnected', { error: e, failures });
        }
      } finally {
        this.connected = false;
        this.abort = null;
      }
      if (!this.stopped) await this.sleep(Math.min(60_000, (this.o.retryMs ?? 5000) * 2 ** Math.min(failures, 4)));
    }
  }
}

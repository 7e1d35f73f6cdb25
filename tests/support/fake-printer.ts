/**
 * A fake network receipt printer: a real TCP server on 127.0.0.1 (port 0) that records every
 * byte of every connection, answers ESC/POS real-time status queries (DLE EOT n) with
 * configurable status bytes — or stays silent — and can refuse connections (port closed).
 */
import net from 'node:net';

export type FakePrinterMode = 'answer' | 'silent' | 'refuse';

export interface FakeConnection {
  bytes: Uint8Array;
  /** True once the client closed the connection. */
  ended: boolean;
  /** DLE EOT n queries seen, in order (n = 1…4). */
  statusQueries: number[];
}

export interface FakePrinterOptions {
  mode?: FakePrinterMode;
  /** Answers to DLE EOT 1, 2, 3, 4 (default: ready, 0x12 each). */
  status?: readonly number[];
}

const isOnlyStatusQueries = (b: Uint8Array): boolean => {
  if (b.length === 0 || b.length % 3 !== 0) return false;
  for (let i = 0; i < b.length; i += 3) if (b[i] !== 0x10 || b[i + 1] !== 0x04) return false;
  return true;
};

export class FakePrinter {
  readonly host = '127.0.0.1';
  port = 0;
  readonly connections: FakeConnection[] = [];
  private mode: FakePrinterMode;
  private status: readonly number[];
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private waiters: (() => void)[] = [];

  private constructor(o: FakePrinterOptions) {
    this.mode = o.mode ?? 'answer';
    this.status = o.status ?? [0x12, 0x12, 0x12, 0x12];
  }

  static async start(o: FakePrinterOptions = {}): Promise<FakePrinter> {
    const p = new FakePrinter(o);
    await p.listen(0);
    if (p.mode === 'refuse') await p.stopListening();
    return p;
  }

  /** Print jobs: connections that carried more than status queries, in arrival order. */
  get jobs(): Uint8Array[] {
    return this.connections.filter((c) => c.ended && !isOnlyStatusQueries(c.bytes) && c.bytes.length > 0).map((c) => c.bytes);
  }

  setStatus(status: readonly number[]): void {
    this.status = status;
  }

  async setMode(mode: FakePrinterMode): Promise<void> {
    if (mode === 'refuse' && this.server) await this.stopListening();
    if (mode !== 'refuse' && !this.server) await this.listen(this.port);
    this.mode = mode;
  }

  /** Resolves once `n` print jobs have been received completely. */
  async waitForJobs(n: number, timeoutMs = 5000): Promise<Uint8Array[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobs.length < n) {
      if (Date.now() > deadline) throw new Error(`fake printer: ${this.jobs.length} of ${n} jobs after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.jobs.slice(0, n);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await this.stopListening();
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private listen(port: number): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => {
        const addr = server.address();
        if (addr && typeof addr === 'object') this.port = addr.port;
        this.server = server;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    const conn: FakeConnection = { bytes: new Uint8Array(0), ended: false, statusQueries: [] };
    this.connections.push(conn);
    let scanned = 0;
    socket.on('data', (chunk: Buffer) => {
      const all = new Uint8Array(conn.bytes.length + chunk.length);
      all.set(conn.bytes);
      all.set(chunk, conn.bytes.length);
      conn.bytes = all;
      // Real-time commands are answered as soon as they arrive (also in the middle of a job).
      for (; scanned + 2 < all.length; scanned++) {
        if (all[scanned] === 0x10 && all[scanned + 1] === 0x04) {
          const n = all[scanned + 2] ?? 0;
          if (n >= 1 && n <= 4) {
            conn.statusQueries.push(n);
            const answer = this.status[n - 1];
            if (this.mode === 'answer' && answer !== undefined && !socket.destroyed) socket.write(Uint8Array.of(answer));
            scanned += 2;
          }
        }
      }
    });
    const done = (): void => {
      if (conn.ended) return;
      conn.ended = true;
      this.sockets.delete(socket);
      this.notify();
    };
    socket.on('end', () => {
      socket.end();
      done();
    });
    socket.on('close', done);
    socket.on('error', () => socket.destroy());
  }
}

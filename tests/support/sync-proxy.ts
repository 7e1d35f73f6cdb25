/**
 * A small TCP proxy on 127.0.0.1 for sync fault tests and the WAN benchmark:
 * - 'pass': forwards both ways (optionally delayed: `delayMs` each way = RTT/2);
 * - 'refuse': accepts and immediately drops connections (the network is down);
 * - 'dropResponse': forwards the request, and when the server starts answering cuts the
 *   client's connection without forwarding a byte (the server committed, the client never
 *   hears about it).
 * The target can change while it runs (a server restarted on another port).
 */
import net from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'dropResponse';

export interface SyncProxy {
  url: string;
  port: number;
  mode: ProxyMode;
  delayMs: number;
  target: { host: string; port: number };
  /** Called once per connection when the first request bytes reach the server side. */
  onRequestBytes: (() => void) | null;
  /** Responses cut in 'dropResponse' mode. */
  dropped: number;
  /** Destroys open connections (as a network failure would). */
  cut(): void;
  close(): Promise<void>;
}

export async function startSyncProxy(target: { host: string; port: number }, opts: { mode?: ProxyMode; delayMs?: number } = {}): Promise<SyncProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: SyncProxy = {
    url: '',
    port: 0,
    mode: opts.mode ?? 'pass',
    delayMs: opts.delayMs ?? 0,
    target,
    onRequestBytes: null,
    dropped: 0,
    cut: () => {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close: async () => {
      proxy.cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const send = (dst: net.Socket, chunk: Buffer | null) => {
    const write = () => {
      if (dst.destroyed) return;
      if (chunk === null) dst.end();
      else dst.write(chunk);
    };
    if (proxy.delayMs > 0) setTimeout(write, proxy.delayMs);
    else write();
  };
  const server = net.createServer((client) => {
    if (proxy.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = net.connect(proxy.target.port, proxy.target.host);
    sockets.add(client);
    sockets.add(upstream);
    const done = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    let notified = false;
    client.on('data', (chunk: Buffer) => {
      // The mode is read per chunk: a kept-alive connection obeys a change too.
      if (proxy.mode === 'refuse') {
        done();
        return;
      }
      send(upstream, chunk);
      if (!notified && proxy.onRequestBytes) {
        notified = true;
        proxy.onRequestBytes();
      }
    });
    client.on('end', () => send(upstream, null));
    upstream.on('data', (chunk: Buffer) => {
      if (proxy.mode === 'dropResponse') {
        proxy.dropped += 1;
        done();
        return;
      }
      send(client, chunk);
    });
    upstream.on('end', () => send(client, null));
    client.on('error', done);
    upstream.on('error', done);
    client.on('close', () => setTimeout(done, proxy.delayMs));
    upstream.on('close', () => setTimeout(done, proxy.delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  proxy.port = typeof address === 'object' && address ? address.port : 0;
  proxy.url = `http://127.0.0.1:${proxy.port}`;
  return proxy;
}

/**
 * Network printers: raw TCP (port 9100, "JetDirect" / "RAW"). One connection per job, as most
 * thermal printers accept a single client at a time. Every step has a timeout, so a printer that
 * is off, unplugged or hung never blocks the front desk:
 *   connect (timeoutMs) → write and flush (timeoutMs) → close.
 * `status()` sends the DLE EOT query and waits up to timeoutMs for the answer bytes.
 */
import net from 'node:net';
import { printerErrorFrom, timeoutError } from '../errors';
import { parseStatus, STATUS_QUERY, statusOf, isStatusByte, type PrinterStatus } from '../status';
import type { PrinterTransport } from './types';

export interface NetworkTransportOptions {
  host: string;
  port: number;
  timeoutMs: number;
}

const STEP_CONNECT = { id: 'menyambung', en: 'connecting' };
const STEP_WRITE = { id: 'mengirim data', en: 'sending data' };
/** After a first status byte, how long to wait for the remaining answers. */
const STATUS_GRACE_MS = 250;

/** Open a connection, or reject with PRINTER_OFFLINE / TIMEOUT. */
function connect(o: NetworkTransportOptions, target: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: o.host, port: o.port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(timeoutError(target, o.timeoutMs, STEP_CONNECT));
    }, o.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(printerErrorFrom(e, target));
    });
  });
}

export class NetworkTransport implements PrinterTransport {
  readonly kind = 'network' as const;
  readonly target: string;
  private readonly open = new Set<net.Socket>();

  constructor(private readonly o: NetworkTransportOptions) {
    this.target = `${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`;
  }

  private track(socket: net.Socket): net.Socket {
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    return socket;
  }

  async send(bytes: Uint8Array): Promise<void> {
    const socket = this.track(await connect(this.o, this.target));
    // Discard anything the printer sends back (e.g. the answer to GS r at the end of a job),
    // so unread data never turns our close into a reset.
    socket.resume();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(timeoutError(this.target, this.o.timeoutMs, STEP_WRITE));
      }, this.o.timeoutMs);
      socket.once('error', (e) => {
        clearTimeout(timer);
        socket.destroy();
        reject(printerErrorFrom(e, this.target));
      });
      socket.end(bytes, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // The bytes are flushed and our side is closed; let the printer close its side, but never
    // keep the socket around for long.
    socket.setTimeout(this.o.timeoutMs, () => socket.destroy());
    socket.on('error', () => socket.destroy());
  }

  async status(): Promise<PrinterStatus> {
    let socket: net.Socket;
    try {
      socket = this.track(await connect(this.o, this.target));
    } catch (e) {
      const err = printerErrorFrom(e, this.target);
      if (err.code === 'TIMEOUT') return statusOf('unknown', {}, { id: err.messageId, en: err.message });
      return statusOf('unreachable', { online: false }, { id: err.messageId, en: err.message });
    }
    return new Promise<PrinterStatus>((resolve) => {
      const answer: number[] = [];
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.destroy();
        resolve(
          answer.length === 0
            ? statusOf('unknown', {}, {
                id: `Printer tidak menjawab permintaan status dalam ${(this.o.timeoutMs / 1000).toLocaleString('id-ID')} detik (${this.target}).`,
                en: `The printer did not answer the status query within ${this.o.timeoutMs / 1000} s (${this.target}).`,
              })
            : parseStatus(answer),
        );
      };
      let timer = setTimeout(finish, this.o.timeoutMs);
      socket.on('data', (chunk: Buffer) => {
        const first = answer.length === 0;
        for (const b of chunk) {
          // Printers with Automatic Status Back enabled may interleave 4-byte ASB blocks; keep
          // only bytes shaped like DLE EOT answers.
          if (isStatusByte(b)) answer.push(b);
        }
        if (answer.length >= 4) finish();
        else if (first && answer.length > 0) {
          // Some clones answer only DLE EOT 1: once the printer has spoken, wait briefly for the rest.
          clearTimeout(timer);
          timer = setTimeout(finish, Math.min(STATUS_GRACE_MS, this.o.timeoutMs));
        }
      });
      socket.on('error', finish);
      socket.on('close', finish);
      socket.write(STATUS_QUERY);
    });
  }

  async close(): Promise<void> {
    for (const s of this.open) s.destroy();
    this.open.clear();
  }
}

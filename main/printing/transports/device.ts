/**
 * Printers reached through a file: USB / parallel device files (`/dev/usb/lp0`, `/dev/lp0`),
 * serial ports (`/dev/ttyUSB0`, `COM3`), or any path. The bytes are written as they are; a device
 * that is absent gives PRINTER_OFFLINE, a write that does not finish within the timeout gives
 * TIMEOUT (the kernel write of an unplugged USB printer can block: we stop waiting, and close the
 * handle once the write returns).
 *
 * Serial ports must already be configured (baud rate, 8N1, raw): on Linux
 * `stty -F /dev/ttyUSB0 9600 raw -echo` (e.g. in a udev rule), on Windows
 * `mode COM3 BAUD=9600 PARITY=n DATA=8 STOP=1`; `COM3` is opened as `\\.\COM3`.
 *
 * These connections are write-only here, so they have no status query.
 */
import fs from 'node:fs/promises';
import { printerErrorFrom, timeoutError } from '../errors';
import type { PrinterTransport } from './types';

export interface DeviceTransportOptions {
  path: string;
  timeoutMs: number;
  kind?: 'device' | 'serial';
}

/** `COM3` → `\\.\COM3` (needed for COM10 and above, harmless below). */
export function serialPath(address: string): string {
  return /^COM\d+$/i.test(address) ? `\\\\.\\${address.toUpperCase()}` : address;
}

export class DeviceTransport implements PrinterTransport {
  readonly kind: 'device' | 'serial';
  readonly target: string;

  constructor(private readonly o: DeviceTransportOptions) {
    this.kind = o.kind ?? 'device';
    this.target = o.path;
  }

  async send(bytes: Uint8Array): Promise<void> {
    const path = this.kind === 'serial' ? serialPath(this.o.path) : this.o.path;
    const write = (async () => {
      // 'a': never truncates; for a character device it is a plain write.
      const handle = await fs.open(path, 'a');
      try {
        await handle.write(bytes);
      } finally {
        await handle.close();
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeoutError(this.target, this.o.timeoutMs, { id: 'menulis ke perangkat', en: 'writing to the device' })), this.o.timeoutMs);
    });
    write.catch(() => undefined); // a late failure after a timeout is already reported
    try {
      await Promise.race([write, timeout]);
    } catch (e) {
      throw printerErrorFrom(e, this.target);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    // Nothing stays open between jobs.
  }
}

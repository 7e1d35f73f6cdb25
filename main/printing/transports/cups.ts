/**
 * Printers shared through CUPS (Linux, macOS): `lp -d <queue> -o raw`, the bytes on stdin, so the
 * spooler passes them through untouched. Selected with a device address `cups:<queue>`. Windows'
 * spooler (raw printing through the Win32 print API) is not implemented: use a network or
 * serial/COM connection there, or share the printer as a raw network printer.
 */
import { spawn } from 'node:child_process';
import { PrinterError, printerErrorFrom, timeoutError } from '../errors';
import type { PrinterTransport } from './types';

export interface CupsTransportOptions {
  queue: string;
  timeoutMs: number;
  /** The lp binary (tests use a stand-in). */
  lpCommand?: string;
}

export class CupsTransport implements PrinterTransport {
  readonly kind = 'cups' as const;
  readonly target: string;

  constructor(private readonly o: CupsTransportOptions) {
    this.target = `cups:${o.queue}`;
  }

  send(bytes: Uint8Array): Promise<void> {
    if (process.platform === 'win32') {
      return Promise.reject(
        new PrinterError(
          'ERROR',
          'Printer CUPS tidak tersedia di Windows. Gunakan sambungan jaringan (port 9100) atau serial/COM.',
          'CUPS printers are not available on Windows. Use a network (port 9100) or serial/COM connection.',
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const child = spawn(this.o.lpCommand ?? 'lp', ['-d', this.o.queue, '-o', 'raw', '-s'], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      let settled = false;
      const settle = (e?: PrinterError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (e) reject(e);
        else resolve();
      };
      const timer = setTimeout(() => {
        child.kill();
        settle(timeoutError(this.target, this.o.timeoutMs, { id: 'menyerahkan ke CUPS', en: 'handing the job to CUPS' }));
      }, this.o.timeoutMs);
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8').slice(0, 500)));
      child.on('error', (e: NodeJS.ErrnoException) =>
        settle(
          e.code === 'ENOENT'
            ? new PrinterError(
                'ERROR',
                'Perintah "lp" (CUPS) tidak ditemukan di komputer ini. Pasang CUPS atau gunakan sambungan lain.',
                'The "lp" command (CUPS) was not found on this computer. Install CUPS or use another connection.',
              )
            : printerErrorFrom(e, `${this.target} (lp)`),
        ),
      );
      child.stdin.on('error', () => undefined); // reported by 'close' with the exit code
      child.on('close', (code) => {
        if (code === 0) settle();
        else
          settle(
            new PrinterError(
              'PRINTER_OFFLINE',
              `CUPS menolak pekerjaan cetak (${this.target}): ${stderr.trim() || `kode ${code}`}.`,
              `CUPS refused the print job (${this.target}): ${stderr.trim() || `exit code ${code}`}.`,
            ),
          );
      });
      child.stdin.end(bytes);
    });
  }

  async close(): Promise<void> {
    // One lp process per job: nothing to close.
  }
}

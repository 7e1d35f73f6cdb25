/**
 * The virtual printer (development, tests, the dev harness): every job becomes files in a folder,
 * `<time>-<seq>-<label>.bin` (the exact printer bytes), `.svg` (the preview) and `.txt` (the
 * bytes decoded back to text, for ESC/POS command sets). It is always 'ready'.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeEscPos } from '../escpos-decode';
import { printerErrorFrom } from '../errors';
import { statusOf, type PrinterStatus } from '../status';
import type { PrintJobMeta, PrinterTransport } from './types';

export interface VirtualTransportOptions {
  dir: string;
  /** Write the decoded text next to the bytes (ESC/POS command sets only). */
  decodeText?: boolean;
  now?: () => Date;
}

export interface VirtualJobFiles {
  bin: string;
  svg: string | null;
  txt: string | null;
}

const safeLabel = (label: string): string => label.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[._]+/, '').slice(0, 60) || 'job';

export class VirtualTransport implements PrinterTransport {
  readonly kind = 'virtual' as const;
  readonly target: string;
  readonly wantsPreview = true;
  /** Files of every job written by this instance, oldest first. */
  readonly jobs: VirtualJobFiles[] = [];
  private seq = 0;

  constructor(private readonly o: VirtualTransportOptions) {
    this.target = o.dir;
  }

  async send(bytes: Uint8Array, meta?: PrintJobMeta): Promise<void> {
    try {
      await fs.mkdir(this.o.dir, { recursive: true });
      const stamp = (this.o.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      const base = path.join(this.o.dir, `${stamp}-${String(++this.seq).padStart(4, '0')}-${safeLabel(meta?.label ?? 'job')}`);
      const files: VirtualJobFiles = { bin: `${base}.bin`, svg: null, txt: null };
      await fs.writeFile(files.bin, bytes);
      if (meta?.svg !== undefined) {
        files.svg = `${base}.svg`;
        await fs.writeFile(files.svg, meta.svg, 'utf8');
      }
      if (this.o.decodeText) {
        files.txt = `${base}.txt`;
        const d = decodeEscPos(bytes);
        await fs.writeFile(files.txt, d.lines.join('\n') + '\n' + d.qrCodes.map((q) => `[QR] ${q}\n`).join(''), 'utf8');
      }
      this.jobs.push(files);
    } catch (e) {
      throw printerErrorFrom(e, this.target);
    }
  }

  async status(): Promise<PrinterStatus> {
    return statusOf('ready', { online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false });
  }

  async close(): Promise<void> {
    // Files are closed after each job.
  }
}

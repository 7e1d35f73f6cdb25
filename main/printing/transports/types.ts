import type { PrinterStatus } from '../status';

/** What a transport may use besides the bytes (only the virtual printer does). */
export interface PrintJobMeta {
  /** Short name of the job for file names and logs, e.g. 'ticket-A-017'. */
  label: string;
  /** SVG preview of the same job (written by the virtual printer). */
  svg?: string;
}

/**
 * One driver interface for every printer connection. `send` resolves when the bytes were handed
 * to the printer (or the OS), and rejects with a PrinterError; `status` (ESC/POS real-time
 * status) exists only where the connection is bidirectional; `close` frees what is open.
 */
export interface PrinterTransport {
  readonly kind: 'network' | 'device' | 'serial' | 'cups' | 'virtual';
  /** Human-readable target for messages: '192.168.1.50:9100', '/dev/usb/lp0', … */
  readonly target: string;
  /** True when `send` uses `meta.svg`, so the caller renders the preview only when needed. */
  readonly wantsPreview?: boolean;
  send(bytes: Uint8Array, meta?: PrintJobMeta): Promise<void>;
  status?(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

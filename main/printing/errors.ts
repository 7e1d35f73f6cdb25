/**
 * Print results and the errors transports throw. `printTicket` and friends never throw: every
 * failure becomes `{ ok: false, code, message (Indonesian), messageEn }` so the front desk still
 * issues the ticket and offers a reprint.
 */

export const PRINT_ERROR_CODES = ['PRINTER_OFFLINE', 'PAPER_OUT', 'COVER_OPEN', 'TIMEOUT', 'ERROR'] as const;
export type PrintErrorCode = (typeof PRINT_ERROR_CODES)[number];

export type PrintResult = { ok: true } | { ok: false; code: PrintErrorCode; message: string; messageEn: string };

/** Thrown by transports; turned into a PrintResult by the printer. */
export class PrinterError extends Error {
  readonly code: PrintErrorCode;
  readonly messageId: string;
  constructor(code: PrintErrorCode, messageId: string, messageEn: string, options?: { cause?: unknown }) {
    super(messageEn, options);
    this.name = 'PrinterError';
    this.code = code;
    this.messageId = messageId;
  }
}

export const isPrinterError = (e: unknown): e is PrinterError => e instanceof PrinterError;

const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : undefined;

/** Node errno codes that mean "the printer is not there / not switched on". */
const OFFLINE_ERRNO = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'ENOENT', 'ENODEV', 'ENXIO', 'EIO', 'EBUSY']);

/** Map a system error of a transport to a PrinterError with a clear message. */
export function printerErrorFrom(e: unknown, where: string): PrinterError {
  if (isPrinterError(e)) return e;
  const errno = errnoOf(e);
  if (errno && OFFLINE_ERRNO.has(errno)) {
    return new PrinterError(
      'PRINTER_OFFLINE',
      `Printer tidak terhubung (${where}, ${errno}). Pastikan printer menyala dan kabel/jaringannya tersambung.`,
      `The printer cannot be reached (${where}, ${errno}). Check that it is switched on and connected.`,
      { cause: e },
    );
  }
  if (errno === 'EACCES' || errno === 'EPERM') {
    return new PrinterError(
      'ERROR',
      `Tidak ada izin menulis ke printer (${where}). Di Linux, tambahkan pengguna ke grup "lp" (USB) atau "dialout" (serial).`,
      `No permission to write to the printer (${where}). On Linux, add the user to the "lp" (USB) or "dialout" (serial) group.`,
      { cause: e },
    );
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new PrinterError('ERROR', `Gagal mencetak (${where}): ${detail}`, `Printing failed (${where}): ${detail}`, { cause: e });
}

export const timeoutError = (where: string, ms: number, step: { id: string; en: string }): PrinterError =>
  new PrinterError(
    'TIMEOUT',
    `Printer tidak menjawab dalam ${(ms / 1000).toLocaleString('id-ID')} detik saat ${step.id} (${where}).`,
    `The printer did not answer within ${ms / 1000} s while ${step.en} (${where}).`,
  );

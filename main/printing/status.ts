/**
 * ESC/POS real-time status (DLE EOT n). The query is the 12 bytes `10 04 01 10 04 02 10 04 03
 * 10 04 04`; a printer that supports it answers one byte per query, even while offline or out of
 * paper, each of the form 0xx1 xx10 (bits 1 and 4 set, bits 0 and 7 clear):
 *   n=1 printer:      bit 3 offline
 *   n=2 offline cause: bit 2 cover open, bit 3 paper fed by the button, bit 5 stopped: paper end,
 *                      bit 6 error
 *   n=3 error cause:  bit 3 auto-cutter error, bit 5 unrecoverable error, bit 6 auto-recoverable
 *   n=4 paper sensor: bits 2+3 paper near end, bits 5+6 paper end
 * Fewer answers (some clones answer only n=1) still give what they can; no valid answer at all
 * is 'unknown'.
 */

export const STATUS_QUERY: Uint8Array = Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04);

export type PrinterState =
  /** Online and able to print (possibly with paper near its end). */
  | 'ready'
  | 'paper_out'
  | 'cover_open'
  /** Answered, but offline for another reason (feed button held, waiting for recovery). */
  | 'offline'
  /** Answered with an error (cutter jam, head overheated, unrecoverable error). */
  | 'error'
  /** Could not be reached at all: connection refused, host down, device absent. */
  | 'unreachable'
  /** Reachable but did not answer the status query in time (or does not support it). */
  | 'unknown';

export interface PrinterStatus {
  state: PrinterState;
  online: boolean | null;
  coverOpen: boolean | null;
  paperOut: boolean | null;
  paperNearEnd: boolean | null;
  error: boolean | null;
  /** The status bytes as received (DLE EOT 1, 2, 3, 4 answers in order). */
  raw: number[];
  /** Indonesian / English text for the settings screen and the front desk. */
  message: string;
  messageEn: string;
}

/** A DLE EOT answer byte has bits 1 and 4 set, bits 0 and 7 clear. */
export const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

const MESSAGES: Record<PrinterState, { id: string; en: string }> = {
  ready: { id: 'Printer siap.', en: 'The printer is ready.' },
  paper_out: { id: 'Kertas printer habis. Ganti gulungan kertas.', en: 'The printer is out of paper. Replace the paper roll.' },
  cover_open: { id: 'Tutup printer terbuka. Tutup penutupnya.', en: 'The printer cover is open. Close it.' },
  offline: { id: 'Printer sedang offline.', en: 'The printer is offline.' },
  error: { id: 'Printer mengalami gangguan (mis. pemotong kertas macet). Matikan dan nyalakan lagi printer.', en: 'The printer reports an error (e.g. a cutter jam). Switch it off and on again.' },
  unreachable: { id: 'Printer tidak terhubung.', en: 'The printer cannot be reached.' },
  unknown: { id: 'Status printer tidak diketahui (printer tidak menjawab).', en: 'The printer status is unknown (no answer).' },
};

export function statusOf(state: PrinterState, partial: Partial<Omit<PrinterStatus, 'state' | 'message' | 'messageEn'>> = {}, detail?: { id: string; en: string }): PrinterStatus {
  const m = MESSAGES[state];
  return {
    state,
    online: partial.online ?? null,
    coverOpen: partial.coverOpen ?? null,
    paperOut: partial.paperOut ?? null,
    paperNearEnd: partial.paperNearEnd ?? null,
    error: partial.error ?? null,
    raw: partial.raw ?? [],
    message: detail ? `${m.id} ${detail.id}` : m.id,
    messageEn: detail ? `${m.en} ${detail.en}` : m.en,
  };
}

/** Interpret the answers to STATUS_QUERY (in order; missing answers are unknown). */
export function parseStatus(answer: Uint8Array | readonly number[]): PrinterStatus {
  const raw = Array.from(answer).slice(0, 4);
  if (raw.length === 0 || !raw.every(isStatusByte)) return statusOf('unknown', { raw });
  const [printer, offlineCause, errorCause, paper] = raw;
  const bit = (b: number | undefined, mask: number): boolean | null => (b === undefined ? null : (b & mask) !== 0);
  const online = printer === undefined ? null : (printer & 0x08) === 0;
  const coverOpen = bit(offlineCause, 0x04);
  const stoppedPaperEnd = bit(offlineCause, 0x20);
  const errorBit = bit(offlineCause, 0x40);
  const errorCauses = errorCause === undefined ? null : (errorCause & 0x68) !== 0;
  const paperEnd = bit(paper, 0x60);
  const paperNearEnd = bit(paper, 0x0c);
  const paperOut = stoppedPaperEnd === true || paperEnd === true ? true : stoppedPaperEnd === null && paperEnd === null ? null : false;
  const error = errorBit === true || errorCauses === true ? true : errorBit === null && errorCauses === null ? null : false;
  const flags = { online, coverOpen, paperOut, paperNearEnd, error, raw };
  if (coverOpen) return statusOf('cover_open', flags);
  if (paperOut) return statusOf('paper_out', flags);
  if (error) return statusOf('error', flags);
  if (online === false) return statusOf('offline', flags);
  if (paperNearEnd) return statusOf('ready', flags, { id: 'Kertas hampir habis.', en: 'Paper is nearly out.' });
  return statusOf('ready', flags);
}

/** Status bytes a printer would send, for tests and the fake printer. */
export const STATUS_BYTES = {
  ready: [0x12, 0x12, 0x12, 0x12],
  paperNearEnd: [0x12, 0x12, 0x12, 0x1e],
  paperOut: [0x1a, 0x32, 0x12, 0x72],
  coverOpen: [0x1a, 0x16, 0x12, 0x12],
  cutterError: [0x1a, 0x52, 0x1a, 0x12],
  offline: [0x1a, 0x12, 0x12, 0x12],
} as const satisfies Record<string, readonly number[]>;

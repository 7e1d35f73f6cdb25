/**
 * A printer = settings + transport + queue. `createPrinter(settings)` builds it; its
 * `printTicket` / `printReceipt` / `printTestPage` never throw and never hang: each resolves to
 * `{ ok: true }` or `{ ok: false, code, message, messageEn }` so the caller can still issue the
 * ticket and offer a reprint.
 *
 * A job: layout → bytes (and the SVG when the transport keeps previews) → for network ESC/POS
 * printers with `checkStatus`, the DLE EOT status (paper out / cover open / offline refuse the
 * job before any byte is sent; no answer in time is TIMEOUT) → send.
 */
import os from 'node:os';
import path from 'node:path';
import {
  PrinterSettingsSchema,
  printerSettingsIssues,
  resolvePrinterSettings,
  type PrinterSettings,
  type ResolvedPrinterSettings,
} from '../../common/printing/settings';
import type { IndonesianTimeZone } from './datetime';
import { isPrinterError, PrinterError, type PrintErrorCode, type PrintResult } from './errors';
import { receiptDocument, testPageDocument, ticketDocument, type LayoutOptions, type ReceiptLayoutInput, type TicketLayoutInput } from './layouts';
import { PrintQueue } from './queue';
import { renderSettingsOf, toPrinterBytes, toSvg, type RenderSettings } from './render';
import { statusOf, type PrinterStatus } from './status';
import { CupsTransport } from './transports/cups';
import { DeviceTransport } from './transports/device';
import { NetworkTransport } from './transports/network';
import type { PrinterTransport } from './transports/types';
import { VirtualTransport } from './transports/virtual';

export type JobKind = 'ticket' | 'receipt' | 'test';

export interface Printer {
  readonly settings: ResolvedPrinterSettings;
  readonly transport: PrinterTransport;
  readonly queue: PrintQueue;
  printTicket(ticket: TicketLayoutInput): Promise<PrintResult>;
  printReceipt(receipt: ReceiptLayoutInput): Promise<PrintResult>;
  printTestPage(info: { mallName: string; timeZone: IndonesianTimeZone }): Promise<PrintResult>;
  /** Print any ReceiptLine document (already normalised/escaped). */
  printDocument(doc: string, label: string, kind: JobKind): Promise<PrintResult>;
  /** The printer's status (ESC/POS DLE EOT on network printers; 'unknown' where none is possible). */
  status(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

export interface CreatePrinterOptions {
  /** Output folder of a virtual printer whose address is empty. */
  virtualDir?: string;
  /** Use this transport instead of the one the settings describe (tests, custom drivers). */
  transport?: PrinterTransport;
  now?: () => Date;
}

/** Thrown by createPrinter for settings that do not validate. */
export class PrinterSettingsError extends Error {
  constructor(
    readonly issues: ReturnType<typeof printerSettingsIssues>,
    readonly messageId: string,
  ) {
    super(issues.map((i) => `${i.path}: ${i.messageEn}`).join(' '));
    this.name = 'PrinterSettingsError';
  }
}

/** The settings fields that shape the output (the rest is about the connection). */
export type RenderableSettings = Pick<PrinterSettings, 'paperWidth' | 'commandSet' | 'encoding' | 'cutting' | 'cpl'>;

function renderSettings(s: RenderableSettings): RenderSettings {
  return { commandSet: s.commandSet, encoding: s.encoding, cutting: s.cutting, cpl: s.cpl ?? (s.paperWidth === 58 ? 32 : 48) };
}

const layoutOf = (r: RenderSettings): LayoutOptions => ({ cpl: r.cpl, encoding: r.encoding });

export interface Rendered {
  /** The ReceiptLine document (for debugging). */
  document: string;
  /** Printer bytes: binary, never text. */
  bytes: Uint8Array;
  /** SVG preview of the same layout. */
  svg: string;
}

/** One ticket layout → printer bytes and SVG preview. */
export function renderTicket(ticket: TicketLayoutInput, settings: RenderableSettings): Rendered {
  const r = renderSettings(settings);
  const document = ticketDocument(ticket, layoutOf(r));
  return { document, bytes: toPrinterBytes(document, r), svg: toSvg(document, r) };
}

/** SVG preview of a ticket, exactly as the printer with these settings prints it (settings screen). */
export function renderTicketPreview(ticket: TicketLayoutInput, settings: RenderableSettings): string {
  const r = renderSettings(settings);
  return toSvg(ticketDocument(ticket, layoutOf(r)), r);
}

/** One receipt (tanda terima) layout → printer bytes and SVG preview. */
export function renderReceipt(receipt: ReceiptLayoutInput, settings: RenderableSettings): Rendered {
  const r = renderSettings(settings);
  const document = receiptDocument(receipt, layoutOf(r));
  return { document, bytes: toPrinterBytes(document, r), svg: toSvg(document, r) };
}

export function renderReceiptPreview(receipt: ReceiptLayoutInput, settings: RenderableSettings): string {
  const r = renderSettings(settings);
  return toSvg(receiptDocument(receipt, layoutOf(r)), r);
}

/** A sample ticket for the live preview and the test print of the settings screen. */
export function sampleTicket(info: { mallName: string; timeZone: IndonesianTimeZone; publicHost?: string; now?: Date }): TicketLayoutInput {
  return {
    mallName: info.mallName,
    agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
    serviceName: 'Penerbitan Kartu Keluarga',
    ticketNumber: 'A-017',
    ahead: 4,
    issuedAt: info.now ?? new Date(),
    timeZone: info.timeZone,
    statusUrl: `https://${info.publicHost ?? 'mpp.example.go.id'}/antrian/contoh`,
    priorityLabel: null,
  };
}

const SUFFIX: Record<JobKind, { id: string; en: string }> = {
  ticket: { id: ' Nomor antrian tetap tercatat dan dapat dicetak ulang.', en: ' The ticket is still issued and can be reprinted.' },
  receipt: { id: ' Tanda terima dapat dicetak ulang.', en: ' The receipt can be printed again.' },
  test: { id: '', en: '' },
};

const fail = (code: PrintErrorCode, message: string, messageEn: string, kind: JobKind): PrintResult => ({
  ok: false,
  code,
  message: message + SUFFIX[kind].id,
  messageEn: messageEn + SUFFIX[kind].en,
});

const STATUS_CODES: Partial<Record<PrinterStatus['state'], PrintErrorCode>> = {
  paper_out: 'PAPER_OUT',
  cover_open: 'COVER_OPEN',
  offline: 'PRINTER_OFFLINE',
  unreachable: 'PRINTER_OFFLINE',
  error: 'ERROR',
  unknown: 'TIMEOUT',
};

/** The result that refuses a job for this status, or null to go on printing. */
export function resultForStatus(status: PrinterStatus, kind: JobKind): PrintResult | null {
  const code = STATUS_CODES[status.state];
  if (!code) return null;
  if (status.state === 'unknown') {
    return fail(
      code,
      `${status.message} Periksa printer; jika model ini tidak mendukung pemeriksaan status, matikan "Periksa status" di pengaturan printer.`,
      `${status.messageEn} Check the printer; if this model does not support status queries, turn off "Check status" in the printer settings.`,
      kind,
    );
  }
  return fail(code, status.message, status.messageEn, kind);
}

export function resultForError(e: unknown, kind: JobKind): PrintResult {
  if (isPrinterError(e)) return fail(e.code, e.messageId, e.message, kind);
  const detail = e instanceof Error ? e.message : String(e);
  return fail('ERROR', `Gagal mencetak: ${detail}.`, `Printing failed: ${detail}.`, kind);
}

function deadline<T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export function transportFor(s: ResolvedPrinterSettings, options: CreatePrinterOptions = {}): PrinterTransport {
  switch (s.transport) {
    case 'network':
      return new NetworkTransport({ host: s.address.replace(/^\[|\]$/g, ''), port: s.port, timeoutMs: s.timeoutMs });
    case 'device':
      if (s.address.startsWith('cups:')) return new CupsTransport({ queue: s.address.slice(5), timeoutMs: s.timeoutMs });
      return new DeviceTransport({ path: s.address, timeoutMs: s.timeoutMs });
    case 'serial':
      return new DeviceTransport({ path: s.address, timeoutMs: s.timeoutMs, kind: 'serial' });
    case 'virtual':
      return new VirtualTransport({
        dir: s.address || options.virtualDir || path.join(os.tmpdir(), 'loket-virtual-printer'),
        decodeText: s.commandSet !== 'starsbcs',
        ...(options.now ? { now: options.now } : {}),
      });
  }
}

/** Build a printer from its settings (validated here; invalid settings throw PrinterSettingsError). */
export function createPrinter(input: PrinterSettings, options: CreatePrinterOptions = {}): Printer {
  const parsed = PrinterSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = printerSettingsIssues(parsed.error);
    throw new PrinterSettingsError(issues, issues.map((i) => i.message).join(' '));
  }
  const settings = resolvePrinterSettings(parsed.data);
  const transport = options.transport ?? transportFor(settings, options);
  const queue = new PrintQueue();
  const render = renderSettingsOf(settings);
  const escpos = settings.commandSet !== 'starsbcs';
  // Connect + status + write each have timeoutMs; this bounds the whole job whatever happens.
  const jobDeadline = settings.timeoutMs * 3 + 1000;

  async function runJob(doc: string, label: string, kind: JobKind): Promise<PrintResult> {
    try {
      const bytes = toPrinterBytes(doc, render);
      const svg = transport.wantsPreview ? toSvg(doc, render) : undefined;
      if (settings.checkStatus && escpos && transport.status) {
        const refused = resultForStatus(await transport.status(), kind);
        if (refused) return refused;
      }
      await transport.send(bytes, svg === undefined ? { label } : { label, svg });
      return { ok: true };
    } catch (e) {
      return resultForError(e, kind);
    }
  }

  function printDocument(doc: string, label: string, kind: JobKind): Promise<PrintResult> {
    const job = queue.run(() =>
      deadline(runJob(doc, label, kind), jobDeadline, () =>
        resultForError(
          new PrinterError(
            'TIMEOUT',
            `Pekerjaan cetak tidak selesai dalam ${Math.round(jobDeadline / 1000)} detik (${transport.target}).`,
            `The print job did not finish within ${Math.round(jobDeadline / 1000)} s (${transport.target}).`,
          ),
          kind,
        ),
      ),
    );
    if (!job) {
      return Promise.resolve(
        fail('ERROR', `Antrean cetak penuh (${queue.maxPending} pekerjaan menunggu printer ${transport.target}).`, `The print queue is full (${queue.maxPending} jobs waiting for ${transport.target}).`, kind),
      );
    }
    return job;
  }

  const safeLayout = (make: () => string, kind: JobKind): string | PrintResult => {
    try {
      return make();
    } catch (e) {
      return resultForError(e, kind);
    }
  };

  return {
    settings,
    transport,
    queue,
    printDocument,
    printTicket(ticket) {
      const doc = safeLayout(() => ticketDocument(ticket, layoutOf(render)), 'ticket');
      return typeof doc === 'string' ? printDocument(doc, `ticket-${ticket.ticketNumber}`, 'ticket') : Promise.resolve(doc);
    },
    printReceipt(receipt) {
      const doc = safeLayout(() => receiptDocument(receipt, layoutOf(render)), 'receipt');
      return typeof doc === 'string' ? printDocument(doc, `receipt-${receipt.registrationNumber}`, 'receipt') : Promise.resolve(doc);
    },
    printTestPage(info) {
      const settingsLine = `${settings.paperWidth} mm, ${settings.cpl} kolom, ${settings.commandSet}, ${settings.encoding}`;
      const doc = safeLayout(() => testPageDocument({ ...info, settingsLine, printedAt: options.now?.() ?? new Date() }, layoutOf(render)), 'test');
      return typeof doc === 'string' ? printDocument(doc, 'test-page', 'test') : Promise.resolve(doc);
    },
    async status() {
      if (!transport.status || (!escpos && transport.kind !== 'virtual')) {
        return statusOf('unknown', {}, { id: 'Sambungan ini tidak mendukung pemeriksaan status.', en: 'This connection does not support status queries.' });
      }
      try {
        return await transport.status();
      } catch (e) {
        const r = resultForError(e, 'test');
        return statusOf('unknown', {}, r.ok ? undefined : { id: r.message, en: r.messageEn });
      }
    },
    async close() {
      await queue.idle();
      await transport.close();
    },
  };
}

/** Print a queue ticket; never throws (see PrintResult). */
export const printTicket = (printer: Printer, ticket: TicketLayoutInput): Promise<PrintResult> => printer.printTicket(ticket);

/** Print an application receipt (tanda terima); never throws. */
export const printReceipt = (printer: Printer, receipt: ReceiptLayoutInput): Promise<PrintResult> => printer.printReceipt(receipt);

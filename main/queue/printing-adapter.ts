/**
 * The queue's printer port on top of main/printing: one Printer per settings (recreated when
 * the admin changes them), ReceiptLine layout → ESC/POS bytes for the chosen command set.
 * A printer that is off or unplugged answers a clear PrintResult; the ticket stays issued.
 */
import { createPrinter, renderTicketPreview, PrinterSettingsError, type Printer, type TicketLayoutInput, type IndonesianTimeZone } from '../printing';
import type { PrintOutcome } from '../../common/ipc/channels/queue';
import type { PrinterSettings, QueuePrinter, TicketPrintJob } from './printer-port';

export function timeZoneForOffset(offsetMinutes: number): IndonesianTimeZone {
  if (offsetMinutes === 480) return 'Asia/Makassar';
  if (offsetMinutes === 540) return 'Asia/Jayapura';
  return 'Asia/Jakarta';
}

const layoutOf = (job: TicketPrintJob): TicketLayoutInput => ({
  mallName: job.mallName,
  agencyName: job.agencyName,
  serviceName: job.serviceName,
  ticketNumber: job.ticketNumber,
  ahead: job.ahead,
  issuedAt: job.issuedAt,
  timeZone: timeZoneForOffset(job.utcOffsetMinutes),
  statusUrl: job.statusUrl,
  priorityLabel: job.priorityLabel,
});

const settingsError = (e: PrinterSettingsError): PrintOutcome => ({
  ok: false,
  code: 'PRINTER_SETTINGS',
  message: `Pengaturan printer tidak valid: ${e.messageId} Antrian tetap tercatat dan dapat dicetak ulang.`,
  messageEn: `The printer settings are invalid: ${e.message} The ticket is still issued and can be reprinted.`,
});

export function createQueuePrinter(opts: { virtualDir: string; now?: () => Date }): QueuePrinter & { close(): Promise<void> } {
  let current: { key: string; printer: Printer } | null = null;
  const printerFor = (settings: PrinterSettings): Printer => {
    const key = JSON.stringify(settings);
    if (current?.key === key) return current.printer;
    const old = current?.printer;
    current = { key, printer: createPrinter(settings, { virtualDir: opts.virtualDir, ...(opts.now ? { now: opts.now } : {}) }) };
    void old?.close().catch(() => undefined);
    return current.printer;
  };
  const guarded = async (run: () => Promise<PrintOutcome>): Promise<PrintOutcome> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof PrinterSettingsError) return settingsError(e);
      throw e;
    }
  };
  return {
    printTicket: (job, settings) => guarded(() => printerFor(settings).printTicket(layoutOf(job))),
    testPrint: (settings, info) => guarded(() => printerFor(settings).printTestPage({ mallName: info.mallName, timeZone: timeZoneForOffset(info.utcOffsetMinutes) })),
    preview: async (job, settings) => ({ svg: renderTicketPreview(layoutOf(job), settings) }),
    close: async () => {
      await current?.printer.close();
      current = null;
    },
  };
}

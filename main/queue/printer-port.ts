/**
 * What the queue needs from the ticket printer (main/printing implements it; the composition
 * root passes an adapter). Without one, printing answers NO_PRINTER and the ticket stays issued.
 */
import type { PrintOutcome } from '../../common/ipc/channels/queue';
import type { z } from 'zod';
import type { PrinterSettingsInputSchema } from '../../common/ipc/channels/queue';

export type PrinterSettings = z.infer<typeof PrinterSettingsInputSchema>;

export interface TicketPrintJob {
  mallName: string;
  agencyName: string;
  serviceName: string;
  ticketNumber: string;
  ahead: number;
  issuedAt: string;
  /** The mall's UTC offset in minutes (420 WIB, 480 WITA, 540 WIT). */
  utcOffsetMinutes: number;
  /** QR payload: the public queue status. */
  statusUrl: string;
  /** Indonesian label of a priority category, null for the normal queue. */
  priorityLabel: string | null;
}

export interface QueuePrinter {
  printTicket(job: TicketPrintJob, settings: PrinterSettings): Promise<PrintOutcome>;
  preview(job: TicketPrintJob, settings: PrinterSettings): Promise<{ svg: string }>;
  testPrint(settings: PrinterSettings, info: { mallName: string; utcOffsetMinutes: number }): Promise<PrintOutcome>;
}

const NO_PRINTER: PrintOutcome = {
  ok: false,
  code: 'NO_PRINTER',
  message: 'Printer tiket belum tersedia. Antrian tetap tercatat dan dapat dicetak ulang.',
  messageEn: 'No ticket printer is available. The ticket is issued and can be reprinted.',
};

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Used until a printer module is wired in: nothing prints, nothing is lost. */
export const noPrinter: QueuePrinter = {
  printTicket: async () => NO_PRINTER,
  testPrint: async () => NO_PRINTER,
  preview: async (job) => ({
    svg:
      `<svg xmlns="http://www.w3.org/2000/svg" width="384" height="200" viewBox="0 0 384 200">` +
      `<rect width="384" height="200" fill="#fff"/>` +
      `<text x="192" y="40" font-family="monospace" font-size="16" text-anchor="middle">${escapeXml(job.mallName)}</text>` +
      `<text x="192" y="70" font-family="monospace" font-size="14" text-anchor="middle">${escapeXml(job.serviceName)}</text>` +
      `<text x="192" y="130" font-family="monospace" font-size="48" text-anchor="middle">${escapeXml(job.ticketNumber)}</text>` +
      `<text x="192" y="180" font-family="monospace" font-size="12" text-anchor="middle">Modul printer belum tersedia / no printer module</text>` +
      `</svg>`,
  }),
};

export const DEFAULT_PRINTER_SETTINGS: PrinterSettings = {
  transport: 'virtual',
  address: '',
  paperWidth: 80,
  commandSet: 'generic',
  encoding: 'cp437',
  cutting: true,
};

/**
 * Ticket and receipt printing (plain Node, no Electron). See README "Ticket printers".
 */
export {
  createPrinter,
  printTicket,
  printReceipt,
  renderTicket,
  renderTicketPreview,
  renderReceipt,
  renderReceiptPreview,
  sampleTicket,
  PrinterSettingsError,
  type Printer,
  type CreatePrinterOptions,
  type Rendered,
  type RenderableSettings,
} from './printer';
export type { PrintResult, PrintErrorCode } from './errors';
export { PRINT_ERROR_CODES } from './errors';
export type { TicketLayoutInput, ReceiptLayoutInput } from './layouts';
export type { PrinterStatus, PrinterState } from './status';
export type { PrinterTransport, PrintJobMeta } from './transports/types';
export { VirtualTransport } from './transports/virtual';
export { INDONESIAN_TIME_ZONES, type IndonesianTimeZone } from './datetime';
export { normaliseText } from './text';
export { decodeEscPos } from './escpos-decode';

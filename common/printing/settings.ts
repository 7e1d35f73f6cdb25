/**
 * Ticket / receipt printer settings (pure: shared by the settings screen and main/printing).
 *
 * The core fields are exactly the `printer.saveSettings` IPC input
 * (common/ipc/channels/queue.ts); `cpl`, `checkStatus` and `timeoutMs` are optional extras
 * with defaults, so every value the contract accepts parses here too.
 *
 * Validation messages are stable keys (`printer.address.network`, …); `printerSettingsIssues`
 * turns a failed parse into Indonesian + English messages for the form.
 */
import { z } from 'zod';

export const PRINTER_TRANSPORTS = ['network', 'device', 'serial', 'virtual'] as const;
export type PrinterTransportKind = (typeof PRINTER_TRANSPORTS)[number];

/**
 * `generic`: ESC/POS as the Xprinter / POS-58 / POS-80 clones common in Indonesia print it
 * (QR code as a raster image). `escpos`: Epson TM and true ESC/POS (native QR command).
 * `starsbcs`: Star (StarPRNT, single-byte code pages).
 */
export const PRINTER_COMMAND_SETS = ['generic', 'escpos', 'starsbcs'] as const;
export type PrinterCommandSet = (typeof PRINTER_COMMAND_SETS)[number];

/** Code page of the printer's text font. `multilingual` switches pages per character (ESC/POS only). */
export const PRINTER_ENCODINGS = ['cp437', 'cp850', 'cp858', 'cp1252', 'multilingual'] as const;
export type PrinterEncoding = (typeof PRINTER_ENCODINGS)[number];

export const PAPER_WIDTHS = [58, 80] as const;
export type PaperWidth = (typeof PAPER_WIDTHS)[number];

/** Characters per line in the printer's standard 12×24 font: 58 mm → 32; 80 mm → 48 (42 on 512-dot models). */
export const CPL_BY_PAPER: Record<PaperWidth, readonly number[]> = { 58: [32], 80: [48, 42] };
export const DEFAULT_NETWORK_PORT = 9100;
export const DEFAULT_TIMEOUT_MS = 3000;

export const PRINTER_SETTINGS_MESSAGES = {
  'printer.transport': { id: 'Pilih jenis sambungan printer.', en: 'Choose how the printer is connected.' },
  'printer.address.network': {
    id: 'Isi alamat IP atau nama host printer (tanpa port), mis. 192.168.1.50.',
    en: "Enter the printer's IP address or host name (without port), e.g. 192.168.1.50.",
  },
  'printer.address.device': {
    id: 'Isi path perangkat, mis. /dev/usb/lp0, atau cups:NAMA_ANTREAN untuk printer CUPS.',
    en: 'Enter a device path, e.g. /dev/usb/lp0, or cups:QUEUE_NAME for a CUPS printer.',
  },
  'printer.address.serial': {
    id: 'Isi port serial, mis. /dev/ttyUSB0 atau COM3.',
    en: 'Enter the serial port, e.g. /dev/ttyUSB0 or COM3.',
  },
  'printer.address.virtual': {
    id: 'Isi folder tujuan (path absolut) atau kosongkan untuk folder bawaan.',
    en: 'Enter an absolute output folder, or leave it empty for the default folder.',
  },
  'printer.address.length': { id: 'Alamat printer terlalu panjang (maks. 300 karakter).', en: 'The printer address is too long (max 300 characters).' },
  'printer.port': { id: 'Port harus bilangan bulat 1–65535 (biasanya 9100).', en: 'The port must be a whole number 1–65535 (usually 9100).' },
  'printer.paperWidth': { id: 'Lebar kertas harus 58 mm atau 80 mm.', en: 'The paper width must be 58 mm or 80 mm.' },
  'printer.commandSet': { id: 'Pilih set perintah: generic, escpos atau starsbcs.', en: 'Choose a command set: generic, escpos or starsbcs.' },
  'printer.encoding': { id: 'Pilih code page yang didukung printer.', en: 'Choose a code page the printer supports.' },
  'printer.cutting': { id: 'Pemotong kertas harus ya atau tidak.', en: 'Paper cutting must be yes or no.' },
  'printer.cpl': {
    id: 'Jumlah karakter per baris tidak cocok dengan lebar kertas (58 mm: 32; 80 mm: 42 atau 48).',
    en: 'Characters per line do not match the paper width (58 mm: 32; 80 mm: 42 or 48).',
  },
  'printer.timeoutMs': { id: 'Batas waktu harus 500–30000 ms.', en: 'The timeout must be 500–30000 ms.' },
  'printer.checkStatus': { id: 'Pemeriksaan status harus ya atau tidak.', en: 'Status check must be yes or no.' },
  'printer.unknownField': { id: 'Ada isian yang tidak dikenal.', en: 'There is an unknown field.' },
} as const satisfies Record<string, { id: string; en: string }>;

export type PrinterSettingsMessageKey = keyof typeof PRINTER_SETTINGS_MESSAGES;

const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^\[?(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.]{0,15}\]?$/;
const ABSOLUTE_PATH = /^(?:\/[^\0]*|[A-Za-z]:\\[^\0]*|\\\\[^\0]+)$/;
const CUPS_QUEUE = /^cups:[A-Za-z0-9_.@-]{1,127}$/;
const SERIAL_PORT = /^(?:\/dev\/[^\0\s]+|(?:\\\\\.\\)?COM[0-9]{1,3})$/i;

/** Which address forms each transport accepts (also used by the settings form for hints). */
export function isValidPrinterAddress(transport: PrinterTransportKind, address: string): boolean {
  const a = address.trim();
  switch (transport) {
    case 'network':
      return HOST.test(a) || IPV6.test(a);
    case 'device':
      return ABSOLUTE_PATH.test(a) || CUPS_QUEUE.test(a);
    case 'serial':
      return SERIAL_PORT.test(a);
    case 'virtual':
      return a === '' || ABSOLUTE_PATH.test(a);
  }
}

const msg = (key: PrinterSettingsMessageKey) => ({ error: key });

export const PrinterSettingsSchema = z
  .strictObject(
    {
      transport: z.enum(PRINTER_TRANSPORTS, msg('printer.transport')),
      /** Host (network), device path or `cups:QUEUE` (device), serial port, or output folder (virtual). */
      address: z.string(msg('printer.address.length')).trim().max(300, msg('printer.address.length')),
      /** TCP port of a network printer (raw printing, default 9100). */
      port: z.number(msg('printer.port')).int(msg('printer.port')).min(1, msg('printer.port')).max(65535, msg('printer.port')).optional(),
      paperWidth: z.union([z.literal(58), z.literal(80)], msg('printer.paperWidth')),
      commandSet: z.enum(PRINTER_COMMAND_SETS, msg('printer.commandSet')),
      encoding: z.enum(PRINTER_ENCODINGS, msg('printer.encoding')),
      cutting: z.boolean(msg('printer.cutting')),
      /** Characters per line; default from the paper width (58 → 32, 80 → 48). */
      cpl: z.union([z.literal(32), z.literal(42), z.literal(48)], msg('printer.cpl')).optional(),
      /** Ask a network ESC/POS printer for its status (DLE EOT) before each job (default true). */
      checkStatus: z.boolean(msg('printer.checkStatus')).optional(),
      /** Timeout of each step (connect, status answer, write), default 3000 ms. */
      timeoutMs: z.number(msg('printer.timeoutMs')).int(msg('printer.timeoutMs')).min(500, msg('printer.timeoutMs')).max(30_000, msg('printer.timeoutMs')).optional(),
    },
    msg('printer.unknownField'),
  )
  .superRefine((s, ctx) => {
    if (!isValidPrinterAddress(s.transport, s.address)) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: `printer.address.${s.transport}` satisfies PrinterSettingsMessageKey });
    }
    if (s.cpl !== undefined && !CPL_BY_PAPER[s.paperWidth].includes(s.cpl)) {
      ctx.addIssue({ code: 'custom', path: ['cpl'], message: 'printer.cpl' satisfies PrinterSettingsMessageKey });
    }
  });

export type PrinterSettings = z.infer<typeof PrinterSettingsSchema>;

/** Settings with every default filled in. */
export interface ResolvedPrinterSettings extends Required<Omit<PrinterSettings, 'port'>> {
  port: number;
}

export function resolvePrinterSettings(s: PrinterSettings): ResolvedPrinterSettings {
  const cpl = s.cpl ?? (s.paperWidth === 58 ? 32 : 48);
  return {
    transport: s.transport,
    address: s.address.trim(),
    port: s.port ?? DEFAULT_NETWORK_PORT,
    paperWidth: s.paperWidth,
    commandSet: s.commandSet,
    encoding: s.encoding,
    cutting: s.cutting,
    cpl,
    checkStatus: s.checkStatus ?? true,
    timeoutMs: s.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** Sensible defaults for a new installation: a virtual printer until an admin sets a real one. */
export const DEFAULT_PRINTER_SETTINGS: PrinterSettings = {
  transport: 'virtual',
  address: '',
  paperWidth: 80,
  commandSet: 'generic',
  encoding: 'cp437',
  cutting: true,
};

export interface PrinterSettingsIssue {
  path: string;
  key: PrinterSettingsMessageKey;
  message: string;
  messageEn: string;
}

const isKey = (k: string): k is PrinterSettingsMessageKey => Object.hasOwn(PRINTER_SETTINGS_MESSAGES, k);

/** Bilingual messages for a failed `PrinterSettingsSchema` parse, one per field. */
export function printerSettingsIssues(error: z.ZodError): PrinterSettingsIssue[] {
  const seen = new Set<string>();
  const out: PrinterSettingsIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '');
    if (seen.has(path)) continue;
    seen.add(path);
    const key: PrinterSettingsMessageKey = isKey(issue.message) ? issue.message : 'printer.unknownField';
    const m = PRINTER_SETTINGS_MESSAGES[key];
    out.push({ path, key, message: m.id, messageEn: m.en });
  }
  return out;
}

/**
 * ReceiptLine document → printer bytes (per command set) and → SVG preview.
 *
 * receiptline returns a string whose characters are bytes (0–255); it becomes a Buffer with
 * 'latin1' and is never written as UTF-8. Differences from receiptline's own command sets:
 * - `escpos`: QR codes with the native ESC/POS QR command (GS ( k: model 2, store, print), which
 *   Epson TM printers render sharply; receiptline 4 sends a raster image.
 * - `generic`: receiptline's generic set unchanged (QR code as a GS v 0 raster image), which the
 *   Xprinter / POS-58 / POS-80 clones print correctly even without a QR engine.
 * - `cp850`: receiptline has no cp850; text is encoded as cp858 (identical but for 0xD5, which
 *   text.ts never emits) and the page is selected with ESC t 2 (PC850).
 * - SVG: no web-font @import (offline, strict CSP), a deterministic filter id (stable golden
 *   files, no clash between two previews) and a white background.
 */
import { createHash } from 'node:crypto';
import { commands, transform } from 'receiptline';
import type { PrinterCommandSet, PrinterEncoding, ResolvedPrinterSettings } from '../../common/printing/settings';

type Printer = NonNullable<Parameters<typeof transform>[1]>;
type BaseCommand = (typeof commands)['escpos'];
type QrSymbol = Parameters<BaseCommand['qrcode']>[0];
type RlEncoding = NonNullable<Printer['encoding']>;

export interface RenderSettings {
  commandSet: PrinterCommandSet;
  encoding: PrinterEncoding;
  cpl: number;
  cutting: boolean;
}

export const renderSettingsOf = (s: ResolvedPrinterSettings): RenderSettings => ({
  commandSet: s.commandSet,
  encoding: s.encoding,
  cpl: s.cpl,
  cutting: s.cutting,
});

const rlEncoding = (e: PrinterEncoding): RlEncoding => (e === 'cp850' ? 'cp858' : e);

const QR_LEVEL: Record<QrSymbol['level'], number> = { l: 48, m: 49, q: 50, h: 51 };

/** GS ( k: select model 2, module size, error correction, store the data, print the symbol. */
export function nativeQrCommand(data: string, cell: number, level: QrSymbol['level']): string {
  const bytes = Buffer.from(data, 'utf8').toString('latin1');
  if (bytes.length === 0 || bytes.length > 7089) return '';
  const $ = String.fromCharCode;
  const n = bytes.length + 3;
  return (
    '\x1d(k\x04\x00\x31\x41\x32\x00' + // fn 65: model 2
    '\x1d(k\x03\x00\x31\x43' + $(Math.min(16, Math.max(1, cell))) + // fn 67: module size (dots)
    '\x1d(k\x03\x00\x31\x45' + $(QR_LEVEL[level]) + // fn 69: error correction level
    '\x1d(k' + $(n & 255, n >> 8) + '\x31\x50\x30' + bytes + // fn 80: store
    '\x1d(k\x03\x00\x31\x51\x30' // fn 81: print
  );
}

function commandFor(s: RenderSettings): Printer['command'] {
  switch (s.commandSet) {
    case 'escpos': {
      const base = commands.escpos;
      const codepage = { ...(base.codepage as Record<string, string>), ...(s.encoding === 'cp850' ? { cp858: '\x1bt\x02' } : {}) };
      return { ...base, codepage, qrcode: (symbol: QrSymbol) => nativeQrCommand(symbol.data, symbol.cell, symbol.level) };
    }
    case 'generic': {
      if (s.encoding !== 'cp850') return 'generic';
      const base = commands.generic;
      return { ...base, codepage: { ...(base.codepage as Record<string, string>), cp858: '\x1bt\x02' } };
    }
    case 'starsbcs':
      return 'starsbcs';
  }
}

function printerConfig(s: RenderSettings): Printer {
  return {
    cpl: s.cpl,
    encoding: rlEncoding(s.encoding),
    cutting: s.cutting,
    spacing: false,
    upsideDown: false,
    // Text, QR codes and rules: thresholding, not photo dithering.
    gradient: false,
    command: commandFor(s),
  };
}

/** Printer bytes for a ReceiptLine document. */
export function toPrinterBytes(doc: string, s: RenderSettings): Uint8Array {
  const out = transform(doc, printerConfig(s));
  for (let i = 0; i < out.length; i++) {
    if (out.charCodeAt(i) > 0xff) throw new Error(`printer output has a non-byte character at ${i}`);
  }
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** SVG preview of the same document, as the printer would print it (same width, same text). */
export function toSvg(doc: string, s: RenderSettings): string {
  const raw = transform(doc, { cpl: s.cpl, encoding: rlEncoding(s.encoding), spacing: false, command: 'svg' });
  const withoutFonts = raw.replace(/<style type="text\/css"><!\[CDATA\[@import[^\]]*\]\]><\/style>/, '');
  const generated = /receipt-[0-9a-f-]{36}/.exec(withoutFonts)?.[0];
  const stable = 'receipt-' + createHash('sha256').update(doc).update(JSON.stringify(s)).digest('hex').slice(0, 16);
  const svg = generated ? withoutFonts.split(generated).join(stable) : withoutFonts;
  return svg.replace(/(<\/defs>)/, '$1<rect width="100%" height="100%" fill="#fff"/>');
}

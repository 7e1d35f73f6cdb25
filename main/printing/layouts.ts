/**
 * Ticket and receipt layouts as ReceiptLine documents (receiptline turns one document into
 * printer bytes for any command set and into an SVG preview). Inputs are plain values: the
 * caller (queue / applications services) decides what to print; nothing here is domain logic.
 *
 * Text is normalised to the printer's code page and escaped (text.ts), and word-wrapped here to
 * the paper width so that words are never split in the middle.
 */
import type { PrinterEncoding } from '../../common/printing/settings';
import { formatCalendarDateId, formatDateId, formatTimeId, type IndonesianTimeZone } from './datetime';
import { normaliseText, printableText, propertyValue } from './text';

export interface TicketLayoutInput {
  mallName: string;
  agencyName: string;
  serviceName: string;
  /** The queue number as called, e.g. 'A-017'. */
  ticketNumber: string;
  /** People waiting ahead of this ticket when it was issued. */
  ahead: number;
  issuedAt: Date | string;
  /** The mall's zone: the time is printed there with WIB / WITA / WIT. */
  timeZone: IndonesianTimeZone;
  /** QR payload: the public status page of this ticket, e.g. https://<mall host>/antrian/<ticketId>. */
  statusUrl: string;
  /** Priority category label ('Lansia', 'Ibu hamil', …); null or absent for the normal queue. */
  priorityLabel?: string | null;
  /** Overrides the default footer "Terima kasih. Mohon menunggu panggilan." */
  footer?: string | null;
}

export interface ReceiptLayoutInput {
  mallName: string;
  agencyName: string;
  serviceName: string;
  /** Registration number of the application (nomor pendaftaran / registrasi). */
  registrationNumber: string;
  applicantName: string;
  /** Documents received from the applicant, one line each. */
  documents: readonly string[];
  receivedAt: Date | string;
  /** Promised completion date ('YYYY-MM-DD' or a timestamp); null when not promised. */
  promisedDate: Date | string | null;
  timeZone: IndonesianTimeZone;
  /** QR payload: where the applicant tracks the application. */
  trackingUrl: string;
  officerName?: string | null;
  counterName?: string | null;
  footer?: string | null;
}

export interface LayoutOptions {
  /** Characters per line of the printer's normal font. */
  cpl: number;
  encoding: PrinterEncoding;
}

export const DEFAULT_TICKET_FOOTER = 'Terima kasih. Mohon menunggu panggilan.';
export const DEFAULT_RECEIPT_FOOTER = 'Simpan tanda terima ini sebagai bukti pengambilan dokumen.';

/** Wrap at spaces to lines of at most `width` characters (a longer word is cut). */
export function wrapWords(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    let rest = word;
    while (rest.length > w) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, w));
      rest = rest.slice(w);
    }
    if (!rest) continue;
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= w) line += ' ' + rest;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * ReceiptLine scale marks: '^' double width, '^^' double height, '^^^' 2×, '^^^^' 3× … up to
 * 6× ('^^^^^^^'). Returns the marks for an n× character size (n = 2…6).
 */
const sizeMarks = (n: number): string => '^'.repeat(Math.min(6, Math.max(2, n)) + 1);

/** Largest character size (2×–6×) at which `text` still fits on one line. */
export function bigTextScale(text: string, cpl: number, max = 6): number {
  const len = Math.max(1, text.length);
  return Math.min(max, Math.max(2, Math.floor(cpl / len)));
}

/** QR cell size in dots: ~0.75 mm modules on 58 mm paper, ~0.9 mm on 80 mm (203 dpi). */
export const qrCellSize = (cpl: number): number => (cpl <= 32 ? 6 : 7);

class Doc {
  private readonly lines: string[] = [];
  constructor(private readonly o: LayoutOptions) {}

  /** Centred lines of normal text, word-wrapped; `deco` wraps each line ('"' bold, '`' inverted). */
  centred(text: string, deco = '', width = this.o.cpl): this {
    for (const l of wrapWords(normaliseText(text, this.o.encoding), width)) this.lines.push(deco + printableText(l, this.o.encoding) + deco);
    return this;
  }

  /** Centred text at n× size (wrapped to the narrower width). */
  big(text: string, scale: number, bold = true): this {
    const marks = sizeMarks(scale);
    const b = bold ? '"' : '';
    for (const l of wrapWords(normaliseText(text, this.o.encoding), Math.floor(this.o.cpl / Math.min(6, Math.max(2, scale))))) {
      this.lines.push(b + marks + printableText(l, this.o.encoding) + marks + b);
    }
    return this;
  }

  /** Centred double-height text (same width per character, so long text still fits). */
  tall(text: string, bold = true): this {
    const b = bold ? '"' : '';
    for (const l of wrapWords(normaliseText(text, this.o.encoding), this.o.cpl)) this.lines.push(`${b}^^${printableText(l, this.o.encoding)}^^${b}`);
    return this;
  }

  /** Left-aligned text, wrapped; continuation lines indented by `indent` spaces. */
  left(text: string, indent = 0, deco = ''): this {
    const wrapped = wrapWords(normaliseText(text, this.o.encoding), this.o.cpl - indent);
    wrapped.forEach((l, i) => this.lines.push('|' + (i > 0 ? '~'.repeat(indent) : '') + deco + printableText(l, this.o.encoding) + deco));
    return this;
  }

  /** Label / value rows: label column, value wrapped in the rest of the line. */
  fields(rows: readonly (readonly [string, string])[]): this {
    const labelWidth = Math.max(...rows.map(([label]) => normaliseText(label, this.o.encoding).length));
    const valueWidth = this.o.cpl - labelWidth - 1;
    this.lines.push(`{width:${labelWidth},*}`);
    for (const [label, value] of rows) {
      const values = wrapWords(normaliseText(value, this.o.encoding), valueWidth);
      values.forEach((v, i) => {
        const l = i === 0 ? printableText(label, this.o.encoding) : '~';
        this.lines.push(`|${l} |${printableText(v, this.o.encoding)} |`);
      });
    }
    this.lines.push('{width:auto}');
    return this;
  }

  qr(data: string): this {
    this.lines.push(`{code:${propertyValue(data)};option:qrcode,${qrCellSize(this.o.cpl)},m}`);
    return this;
  }

  rule(): this {
    this.lines.push('-');
    return this;
  }

  blank(): this {
    this.lines.push('');
    return this;
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** The queue ticket: mall, agency, service, the big number, people ahead, date/time, QR, footer. */
export function ticketDocument(t: TicketLayoutInput, o: LayoutOptions): string {
  const d = new Doc(o);
  d.tall(t.mallName).centred(t.agencyName).rule();
  d.centred(t.serviceName, '"').blank();
  d.centred('Nomor Antrian');
  d.big(t.ticketNumber, bigTextScale(normaliseText(t.ticketNumber, o.encoding), o.cpl));
  if (t.priorityLabel) d.centred(`PRIORITAS: ${t.priorityLabel.toUpperCase()}`, '`');
  d.blank().centred(`Jumlah antrian di depan Anda: ${Math.max(0, Math.trunc(t.ahead))}`).rule();
  d.centred(formatDateId(t.issuedAt, t.timeZone)).centred(`Pukul ${formatTimeId(t.issuedAt, t.timeZone)}`).blank();
  d.qr(t.statusUrl).blank().centred('Pindai untuk memantau antrian').rule();
  d.centred(t.footer ?? DEFAULT_TICKET_FOOTER);
  return d.toString();
}

/** The application receipt (tanda terima berkas). */
export function receiptDocument(r: ReceiptLayoutInput, o: LayoutOptions): string {
  const d = new Doc(o);
  d.tall(r.mallName).centred(r.agencyName).blank();
  d.tall('TANDA TERIMA BERKAS').rule();
  d.centred('Nomor Pendaftaran');
  const reg = normaliseText(r.registrationNumber, o.encoding);
  if (reg.length * 2 <= o.cpl) d.big(reg, 2);
  else d.tall(reg);
  d.blank();
  const rows: [string, string][] = [
    ['Layanan', r.serviceName],
    ['Pemohon', r.applicantName],
    ['Diterima', `${formatDateId(r.receivedAt, r.timeZone)} ${formatTimeId(r.receivedAt, r.timeZone)}`],
  ];
  if (r.counterName) rows.push(['Loket', r.counterName]);
  if (r.officerName) rows.push(['Petugas', r.officerName]);
  d.fields(rows).rule();
  d.left('Berkas yang diterima:', 0, '"');
  if (r.documents.length === 0) d.left('-');
  r.documents.forEach((doc, i) => {
    const n = `${i + 1}. `;
    d.left(n + doc, n.length);
  });
  d.rule();
  if (r.promisedDate !== null) {
    d.centred('Perkiraan selesai');
    d.tall(formatCalendarDateId(r.promisedDate, r.timeZone));
    d.blank();
  }
  d.qr(r.trackingUrl).blank().centred('Pindai untuk melacak permohonan').rule();
  d.centred(r.footer ?? DEFAULT_RECEIPT_FOOTER);
  return d.toString();
}

/** A short test page for the settings screen: what the printer is set to, and the code page. */
export function testPageDocument(info: { mallName: string; settingsLine: string; printedAt: Date; timeZone: IndonesianTimeZone }, o: LayoutOptions): string {
  const d = new Doc(o);
  d.centred(info.mallName, '"').tall('TES PRINTER').rule();
  d.centred(info.settingsLine).centred(`${formatDateId(info.printedAt, info.timeZone)} ${formatTimeId(info.printedAt, info.timeZone)}`).rule();
  d.big('A-001', bigTextScale('A-001', o.cpl));
  d.centred('ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789').centred('Huruf: é è à ç ñ ü  Rp 50.000,-').rule();
  d.centred('Jika teks ini terbaca rapi, printer siap dipakai.');
  return d.toString();
}

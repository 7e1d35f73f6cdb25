/**
 * Ticket / receipt layouts: golden files (printer bytes for generic 58 mm and escpos 80 mm, and
 * the SVG previews), decoded back to text, QR payloads, the big number, binary output.
 * Update the goldens after an intended layout change with: UPDATE_GOLDEN=1 npx vitest run tests/unit/printing-layout
 */
import fs from 'node:fs';
import path from 'node:path';
import { qrcode } from 'receiptline';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, rasterToModules } from '../../main/printing/escpos-decode';
import { qrCellSize, type ReceiptLayoutInput, type TicketLayoutInput } from '../../main/printing/layouts';
import { renderReceipt, renderTicket, renderTicketPreview } from '../../main/printing/printer';

const GOLDEN_DIR = path.resolve(__dirname, '../golden/printing');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, actual: Uint8Array | string): void {
  const file = path.join(GOLDEN_DIR, name);
  const bytes = typeof actual === 'string' ? Buffer.from(actual, 'utf8') : Buffer.from(actual);
  if (UPDATE || !fs.existsSync(file)) {
    if (!UPDATE) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 to create it`);
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, bytes);
    return;
  }
  const expected = fs.readFileSync(file);
  if (!expected.equals(bytes)) {
    // Show the decoded text difference first: far more readable than a byte diff.
    if (typeof actual !== 'string') expect(decodeEscPos(bytes).lines).toEqual(decodeEscPos(expected).lines);
    expect(bytes.toString('latin1')).toBe(expected.toString('latin1'));
  }
}

const TICKET: TicketLayoutInput = {
  mallName: 'MPP Kota Demo',
  agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
  serviceName: 'Penerbitan Kartu Keluarga',
  ticketNumber: 'A-017',
  ahead: 4,
  issuedAt: '2026-01-12T02:41:00Z',
  timeZone: 'Asia/Jakarta',
  statusUrl: 'https://mpp.demo.go.id/antrian/01JH8Z3K4W5X6Y7Z8A9B0C1D2E',
  priorityLabel: 'Lansia',
};

const RECEIPT: ReceiptLayoutInput = {
  mallName: 'MPP Kota Demo',
  agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
  serviceName: 'Penerbitan Kartu Keluarga (perubahan data)',
  registrationNumber: 'DKC-2026-000123',
  applicantName: 'Siti Rahmawati',
  documents: ['Formulir F-1.02', 'KK lama (asli)', 'Surat keterangan pindah dari Dukcapil asal — legalisir'],
  receivedAt: '2026-01-12T02:41:00Z',
  promisedDate: '2026-01-16',
  timeZone: 'Asia/Makassar',
  trackingUrl: 'https://mpp.demo.go.id/permohonan/DKC-2026-000123',
  officerName: 'Budi Santoso',
  counterName: 'Loket 3',
};

const GENERIC_58 = { commandSet: 'generic', paperWidth: 58, encoding: 'cp437', cutting: true } as const;
const ESCPOS_80 = { commandSet: 'escpos', paperWidth: 80, encoding: 'cp437', cutting: true } as const;

describe('ticket layout', () => {
  it('generic 58 mm: bytes match the golden file and decode to the ticket', () => {
    const r = renderTicket(TICKET, GENERIC_58);
    expect(r.bytes).toBeInstanceOf(Uint8Array);
    golden('ticket-generic-58.bin', r.bytes);
    const d = decodeEscPos(r.bytes);
    const text = d.lines.map((l) => l.trim());
    expect(text).toContain('MPP Kota Demo');
    expect(text).toContain('Penerbitan Kartu Keluarga');
    expect(text).toContain('A-017');
    expect(text).toContain('PRIORITAS: LANSIA');
    expect(text).toContain('Jumlah antrian di depan Anda: 4');
    expect(text).toContain('Senin, 12 Januari 2026');
    expect(text).toContain('Pukul 09.41 WIB');
    expect(text).toContain('Terima kasih. Mohon menunggu');
    expect(d.lines.every((l) => l.length <= 32)).toBe(true);
    expect(d.unknown).toEqual([]);
    expect(d.cuts).toBe(1);
  });

  it('the ticket number is printed big: 6x on 58 mm, larger than any other text', () => {
    const d = decodeEscPos(renderTicket(TICKET, GENERIC_58).bytes);
    const number = d.runs.find((r) => r.text.includes('A-017'));
    expect(number).toMatchObject({ width: 6, height: 6, bold: true });
    for (const r of d.runs) if (!r.text.includes('A-017') && r.text.trim()) expect(r.width * r.height).toBeLessThan(36);
  });

  it('generic prints the QR code as a raster image whose modules are the QR of the status URL', () => {
    const d = decodeEscPos(renderTicket(TICKET, GENERIC_58).bytes);
    expect(d.qrCodes).toEqual([]);
    expect(d.images).toHaveLength(1);
    const image = d.images[0]!;
    expect(image.command).toBe('GS v 0');
    const expected = qrcode.generate({ data: TICKET.statusUrl, type: 'qrcode', cell: qrCellSize(32), level: 'm' }).map((row) => Array.from(row));
    expect(rasterToModules(image, qrCellSize(32))).toEqual(expected);
    const other = qrcode.generate({ data: TICKET.statusUrl + 'x', type: 'qrcode', cell: 6, level: 'm' }).map((row) => Array.from(row));
    expect(rasterToModules(image, 6, other.length)).not.toEqual(other);
  });

  it('escpos 80 mm: bytes match the golden file; the QR payload is stored with GS ( k', () => {
    const r = renderTicket(TICKET, ESCPOS_80);
    golden('ticket-escpos-80.bin', r.bytes);
    const d = decodeEscPos(r.bytes);
    expect(d.qrCodes).toEqual([TICKET.statusUrl]);
    expect(d.images).toEqual([]);
    expect(d.lines.map((l) => l.trim())).toEqual(expect.arrayContaining(['A-017', 'Penerbitan Kartu Keluarga', 'Dinas Kependudukan dan Pencatatan Sipil']));
    expect(d.lines.every((l) => l.length <= 48)).toBe(true);
    // GS ( k: model 2, size, level M, store, print.
    const hex = Buffer.from(r.bytes).toString('hex');
    expect(hex).toContain('1d286b0400314132001d286b03003143071d286b0300314531');
    expect(hex).toContain('1d286b0300315130');
  });

  it('the SVG preview matches its golden file, is deterministic and has no web font import', () => {
    const svg = renderTicketPreview(TICKET, GENERIC_58);
    golden('ticket-58.svg', svg);
    expect(renderTicketPreview(TICKET, GENERIC_58)).toBe(svg);
    expect(svg).not.toContain('@import');
    expect(svg).toMatch(/^<svg width="384px"/);
    expect(svg).toContain('<rect width="100%" height="100%" fill="#fff"/>');
    expect(renderTicket(TICKET, GENERIC_58).svg).toBe(svg);
  });

  it('a normal ticket has no priority line; zone labels follow the mall', () => {
    const d = decodeEscPos(renderTicket({ ...TICKET, priorityLabel: null, timeZone: 'Asia/Jayapura' }, GENERIC_58).bytes);
    const text = d.lines.map((l) => l.trim());
    expect(text.some((l) => l.startsWith('PRIORITAS'))).toBe(false);
    expect(text).toContain('Pukul 11.41 WIT');
  });

  it('a long number still fits the line (smaller scale)', () => {
    const d = decodeEscPos(renderTicket({ ...TICKET, ticketNumber: 'PK1-0123' }, GENERIC_58).bytes);
    const run = d.runs.find((r) => r.text.includes('PK1-0123'));
    expect(run?.width).toBe(4);
    expect(d.lines.every((l) => l.length <= 32)).toBe(true);
  });

  it('starsbcs renders Star bytes (no ESC/POS GS commands)', () => {
    const r = renderTicket(TICKET, { ...ESCPOS_80, commandSet: 'starsbcs' });
    expect(r.bytes.length).toBeGreaterThan(100);
    expect(Buffer.from(r.bytes).includes(Buffer.from('A-017', 'latin1'))).toBe(true);
  });
});

describe('receipt layout (tanda terima)', () => {
  it('escpos 80 mm and generic 58 mm match their golden files and decode to the receipt', () => {
    const r80 = renderReceipt(RECEIPT, ESCPOS_80);
    golden('receipt-escpos-80.bin', r80.bytes);
    golden('receipt-58.svg', renderReceipt(RECEIPT, GENERIC_58).svg);
    const d = decodeEscPos(r80.bytes);
    const text = d.lines.map((l) => l.trim());
    expect(text).toContain('TANDA TERIMA BERKAS');
    expect(text).toContain('DKC-2026-000123');
    expect(text.some((l) => /^Pemohon\s+Siti Rahmawati$/.test(l))).toBe(true);
    expect(text).toContain('1. Formulir F-1.02');
    expect(text).toContain('Jumat, 16 Januari 2026');
    expect(text.some((l) => l.includes('10.41 WITA'))).toBe(true);
    expect(d.qrCodes).toEqual([RECEIPT.trackingUrl]);
  });

  it('wraps long values under their label on 58 mm', () => {
    const d = decodeEscPos(renderReceipt(RECEIPT, GENERIC_58).bytes);
    expect(d.lines).toContain('Layanan  Penerbitan Kartu');
    expect(d.lines).toContain('         Keluarga (perubahan');
    expect(d.lines).toContain('   dari Dukcapil asal -');
    expect(d.lines.every((l) => l.length <= 32)).toBe(true);
  });
});

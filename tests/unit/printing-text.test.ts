/** Text for the printer: code-page normalisation, ReceiptLine escaping, wrapping, id-ID dates. */
import { describe, expect, it } from 'vitest';
import { formatCalendarDateId, formatDateId, formatTimeId } from '../../main/printing/datetime';
import { decodeEscPos } from '../../main/printing/escpos-decode';
import { wrapWords } from '../../main/printing/layouts';
import { renderTicket } from '../../main/printing/printer';
import { isPrintable, normaliseText, printableText } from '../../main/printing/text';
import { CODE_PAGE_TABLES } from '../../main/printing/text';

const TICKET = {
  mallName: 'MPP Kota Demo',
  agencyName: 'Samsat',
  serviceName: 'Pelayanan “Cepat” — Rp 50.000 • ✓',
  ticketNumber: 'B-002',
  ahead: 0,
  issuedAt: '2026-03-02T01:05:00Z',
  timeZone: 'Asia/Jakarta',
  statusUrl: 'https://mpp.demo.go.id/antrian/x',
} as const;

describe('normaliseText', () => {
  it('transliterates what cp437 cannot print', () => {
    expect(normaliseText('Pelayanan “Cepat” — Rp 50.000 • ✓', 'cp437')).toBe('Pelayanan "Cepat" - Rp 50.000 * v');
    expect(normaliseText('Biaya … €5 ‘ok’ ✗', 'cp437')).toBe('Biaya ... EUR5 \'ok\' x');
  });

  it('keeps what the code page has, strips accents it lacks, marks other scripts with ?', () => {
    expect(normaliseText('Café Ñoño ü', 'cp437')).toBe('Café Ñoño ü');
    expect(normaliseText('Łódź Ştefan ã', 'cp437')).toBe('Lódz Stefan a');
    expect(normaliseText('Łódź', 'multilingual')).toBe('Łódź');
    expect(normaliseText('李雷 محمد', 'cp437')).toBe('?? ????');
    expect(normaliseText('ok 😀', 'cp437')).toBe('ok ?');
  });

  it('keeps curly quotes and the euro on cp1252, the euro on cp858, not on cp850', () => {
    expect(normaliseText('“A” €', 'cp1252')).toBe('“A” €');
    expect(normaliseText('€', 'cp858')).toBe('€');
    expect(normaliseText('€ ı', 'cp850')).toBe('EUR i');
  });

  it('turns whitespace and invisible characters into single spaces / nothing', () => {
    expect(normaliseText('  a\u00a0\u00a0b\tc\nd\u200be\u00ad ', 'cp437')).toBe('a b c de');
  });

  it('every character of the result is printable', () => {
    const s = normaliseText('Ünïcödé “quotes” — ✓ • … 漢字 ☃ Ωmega', 'cp437');
    expect([...s].every((c) => isPrintable(c, 'cp437'))).toBe(true);
  });
});

describe('printable text in the printer bytes', () => {
  it('the service name prints only code-page bytes, decoded back to the normalised text', () => {
    const r = renderTicket(TICKET, { commandSet: 'generic', paperWidth: 80, encoding: 'cp437', cutting: true });
    const lines = decodeEscPos(r.bytes).lines.map((l) => l.trim());
    expect(lines).toContain('Pelayanan "Cepat" - Rp 50.000 * v');
    // None of the original typographic characters is in the bytes as UTF-8.
    const latin1 = Buffer.from(r.bytes).toString('latin1');
    for (const utf8 of ['“', '—', '•', '✓']) expect(latin1).not.toContain(Buffer.from(utf8, 'utf8').toString('latin1'));
    expect(lines.join('\n')).not.toContain('?');
  });

  it('accented letters are encoded in the code page (é = 0x82 in cp437)', () => {
    const r = renderTicket({ ...TICKET, serviceName: 'Légalisasi' }, { commandSet: 'escpos', paperWidth: 80, encoding: 'cp437', cutting: false });
    expect(Buffer.from(r.bytes).includes(Buffer.from([0x4c, 0x82, 0x67]))).toBe(true);
    expect(CODE_PAGE_TABLES[0]?.[0x82 - 0x80]).toBe('é');
    expect(decodeEscPos(r.bytes).lines.map((l) => l.trim())).toContain('Légalisasi');
  });

  it('ReceiptLine special characters print literally', () => {
    const name = 'A|B {c} ^d^ _e_ ~f "g" `h` \\i - =';
    const r = renderTicket({ ...TICKET, serviceName: name }, { commandSet: 'escpos', paperWidth: 80, encoding: 'cp437', cutting: false });
    expect(decodeEscPos(r.bytes).lines.map((l) => l.trim())).toContain(name);
    expect(printableText('-', 'cp437')).toBe('\\x2d');
  });
});

describe('wrapWords', () => {
  it('wraps at spaces and cuts only words longer than the line', () => {
    expect(wrapWords('Dinas Kependudukan dan Pencatatan Sipil', 22)).toEqual(['Dinas Kependudukan dan', 'Pencatatan Sipil']);
    expect(wrapWords('ABCDEFGHIJ KL', 4)).toEqual(['ABCD', 'EFGH', 'IJ', 'KL']);
    expect(wrapWords('', 10)).toEqual([]);
  });
});

describe('dates in id-ID with the zone label', () => {
  const at = '2026-01-12T02:41:00Z';
  it('WIB / WITA / WIT by the mall zone', () => {
    expect(formatTimeId(at, 'Asia/Jakarta')).toBe('09.41 WIB');
    expect(formatTimeId(at, 'Asia/Pontianak')).toBe('09.41 WIB');
    expect(formatTimeId(at, 'Asia/Makassar')).toBe('10.41 WITA');
    expect(formatTimeId(at, 'Asia/Jayapura')).toBe('11.41 WIT');
    expect(formatDateId('2026-01-11T18:00:00Z', 'Asia/Jakarta')).toBe('Senin, 12 Januari 2026');
  });
  it('a calendar date is never shifted by the zone', () => {
    expect(formatCalendarDateId('2026-01-16', 'Asia/Jayapura')).toBe('Jumat, 16 Januari 2026');
  });
});

/** The virtual printer (files), device files, CUPS via lp, settings → transport. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../main/printing/escpos-decode';
import type { ReceiptLayoutInput, TicketLayoutInput } from '../../main/printing/layouts';
import { createPrinter, PrinterSettingsError, printReceipt, sampleTicket } from '../../main/printing/printer';
import { CupsTransport } from '../../main/printing/transports/cups';
import { VirtualTransport } from '../../main/printing/transports/virtual';
import { tempDir } from '../support/temp';

const TICKET: TicketLayoutInput = sampleTicket({ mallName: 'MPP Kota Demo', timeZone: 'Asia/Jakarta', now: new Date('2026-01-12T02:41:00Z') });
const RECEIPT: ReceiptLayoutInput = {
  mallName: 'MPP Kota Demo',
  agencyName: 'DPMPTSP',
  serviceName: 'Nomor Induk Berusaha (NIB)',
  registrationNumber: 'NIB-2026-0009',
  applicantName: 'CV Maju Jaya',
  documents: ['KTP-el pemilik', 'NPWP badan'],
  receivedAt: '2026-01-12T02:41:00Z',
  promisedDate: null,
  timeZone: 'Asia/Jakarta',
  trackingUrl: 'https://mpp.demo.go.id/permohonan/NIB-2026-0009',
};

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
const temp = (): string => {
  const t = tempDir('loket-print-');
  cleanups.push(t.cleanup);
  return t.dir;
};

describe('virtual printer', () => {
  it('writes the bytes (.bin), the SVG preview (.svg) and the decoded text (.txt) of each job', async () => {
    const dir = temp();
    const printer = createPrinter({ transport: 'virtual', address: dir, paperWidth: 58, commandSet: 'escpos', encoding: 'cp437', cutting: true });
    await expect(printer.printTicket(TICKET)).resolves.toEqual({ ok: true });
    await expect(printReceipt(printer, RECEIPT)).resolves.toEqual({ ok: true });
    await expect(printer.printTestPage({ mallName: 'MPP Kota Demo', timeZone: 'Asia/Jakarta' })).resolves.toEqual({ ok: true });
    const files = fs.readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(3);
    expect(files.filter((f) => f.endsWith('.svg'))).toHaveLength(3);
    const ticketBin = files.find((f) => f.includes('ticket-A-017') && f.endsWith('.bin'))!;
    const bytes = fs.readFileSync(path.join(dir, ticketBin));
    expect(decodeEscPos(bytes).lines.map((l) => l.trim())).toContain('A-017');
    expect(fs.readFileSync(path.join(dir, ticketBin.replace('.bin', '.svg')), 'utf8')).toMatch(/^<svg /);
    expect(fs.readFileSync(path.join(dir, ticketBin.replace('.bin', '.txt')), 'utf8')).toContain('Penerbitan Kartu Keluarga');
    const receiptTxt = files.find((f) => f.includes('receipt-NIB-2026-0009') && f.endsWith('.txt'))!;
    expect(fs.readFileSync(path.join(dir, receiptTxt), 'utf8')).toContain('[QR] https://mpp.demo.go.id/permohonan/NIB-2026-0009');
    await expect(printer.status()).resolves.toMatchObject({ state: 'ready' });
    await printer.close();
  });

  it('an empty address uses the folder given by the app', async () => {
    const dir = temp();
    const printer = createPrinter({ transport: 'virtual', address: '', paperWidth: 80, commandSet: 'generic', encoding: 'cp858', cutting: false }, { virtualDir: dir });
    expect(printer.transport).toBeInstanceOf(VirtualTransport);
    await expect(printer.printTicket(TICKET)).resolves.toEqual({ ok: true });
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.bin'))).toBe(true);
  });
});

describe('device file printer', () => {
  it('writes the raw bytes to the path (appending)', async () => {
    const file = path.join(temp(), 'lp0');
    fs.writeFileSync(file, '');
    const printer = createPrinter({ transport: 'device', address: file, paperWidth: 58, commandSet: 'generic', encoding: 'cp437', cutting: true });
    await expect(printer.printTicket(TICKET)).resolves.toEqual({ ok: true });
    await expect(printer.printTicket({ ...TICKET, ticketNumber: 'A-018' })).resolves.toEqual({ ok: true });
    const lines = decodeEscPos(fs.readFileSync(file)).lines.map((l) => l.trim());
    expect(lines).toContain('A-017');
    expect(lines).toContain('A-018');
  });

  it('an absent device → PRINTER_OFFLINE with the path in the message', async () => {
    const missing = path.join(temp(), 'no-such-dir', 'lp0');
    const printer = createPrinter({ transport: 'device', address: missing, paperWidth: 58, commandSet: 'generic', encoding: 'cp437', cutting: true });
    const r = await printer.printTicket(TICKET);
    expect(r).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
    if (!r.ok) expect(r.message).toContain(missing);
  });

  it('serial ports are written the same way (port configured beforehand)', async () => {
    const file = path.join(temp(), 'ttyUSB0');
    fs.writeFileSync(file, '');
    const printer = createPrinter({ transport: 'serial', address: '/dev/ttyUSB0', paperWidth: 58, commandSet: 'generic', encoding: 'cp437', cutting: true });
    expect(printer.transport.kind).toBe('serial');
    const viaFile = createPrinter({ transport: 'device', address: file, paperWidth: 58, commandSet: 'generic', encoding: 'cp437', cutting: true });
    await expect(viaFile.printTicket(TICKET)).resolves.toEqual({ ok: true });
  });
});

describe('CUPS (lp -o raw)', () => {
  it('pipes the bytes to lp with the queue name and raw option', async () => {
    if (process.platform === 'win32') return;
    const dir = temp();
    const out = path.join(dir, 'job.bin');
    const lp = path.join(dir, 'lp');
    fs.writeFileSync(lp, `#!/bin/sh\necho "$@" > "${out}.args"\ncat > "${out}"\n`, { mode: 0o755 });
    const t = new CupsTransport({ queue: 'POS58', timeoutMs: 3000, lpCommand: lp });
    await t.send(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a));
    expect(Array.from(fs.readFileSync(out))).toEqual([0x1b, 0x40, 0x41, 0x0a]);
    expect(fs.readFileSync(`${out}.args`, 'utf8').trim()).toBe('-d POS58 -o raw -s');
  });

  it('lp failing → PRINTER_OFFLINE with its message; lp missing → ERROR', async () => {
    if (process.platform === 'win32') return;
    const dir = temp();
    const lp = path.join(dir, 'lp');
    fs.writeFileSync(lp, '#!/bin/sh\ncat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1\n', { mode: 0o755 });
    await expect(new CupsTransport({ queue: 'X', timeoutMs: 3000, lpCommand: lp }).send(Uint8Array.of(1))).rejects.toMatchObject({ code: 'PRINTER_OFFLINE', message: expect.stringContaining('does not exist') });
    await expect(new CupsTransport({ queue: 'X', timeoutMs: 3000, lpCommand: path.join(dir, 'none') }).send(Uint8Array.of(1))).rejects.toMatchObject({ code: 'ERROR', message: expect.stringContaining('lp') });
  });
});

describe('createPrinter', () => {
  it('refuses invalid settings with bilingual issues', () => {
    expect(() => createPrinter({ transport: 'network', address: 'bad host!', paperWidth: 58, commandSet: 'generic', encoding: 'cp437', cutting: true })).toThrow(PrinterSettingsError);
    try {
      createPrinter({ transport: 'network', address: 'bad host!', paperWidth: 58, commandSet: 'generic', encoding: 'cp437', cutting: true });
    } catch (e) {
      expect((e as PrinterSettingsError).issues[0]).toMatchObject({ path: 'address', message: expect.stringContaining('alamat IP') });
    }
  });
});

/**
 * Network printing against a fake printer on 127.0.0.1: the bytes arrive and decode to the
 * ticket; status answers refuse the job (paper out, cover open); an absent printer and a silent
 * one fail quickly with clear messages; jobs are serialised per printer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterSettings } from '../../common/printing/settings';
import { decodeEscPos } from '../../main/printing/escpos-decode';
import { createPrinter, printTicket, type Printer } from '../../main/printing/printer';
import { STATUS_BYTES, STATUS_QUERY } from '../../main/printing/status';
import type { TicketLayoutInput } from '../../main/printing/layouts';
import { FakePrinter } from '../support/fake-printer';

const TICKET: TicketLayoutInput = {
  mallName: 'MPP Kota Demo',
  agencyName: 'Kantor Imigrasi',
  serviceName: 'Paspor Baru',
  ticketNumber: 'C-042',
  ahead: 7,
  issuedAt: '2026-01-12T02:41:00Z',
  timeZone: 'Asia/Makassar',
  statusUrl: 'https://mpp.demo.go.id/antrian/T-C-042',
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(fake: FakePrinter, extra: Partial<PrinterSettings> = {}): Promise<Printer> {
  cleanups.push(() => fake.close());
  const settings: PrinterSettings = {
    transport: 'network',
    address: fake.host,
    port: fake.port,
    paperWidth: 80,
    commandSet: 'escpos',
    encoding: 'cp437',
    cutting: true,
    timeoutMs: 800,
    ...extra,
  };
  const printer = createPrinter(settings);
  cleanups.push(() => printer.close());
  return printer;
}

describe('network printer (raw TCP 9100)', () => {
  it('prints a ticket: the fake printer receives bytes that decode to number, service and QR payload', async () => {
    const fake = await FakePrinter.start({ status: STATUS_BYTES.ready });
    const printer = await setup(fake);
    await expect(printTicket(printer, TICKET)).resolves.toEqual({ ok: true });
    const [job] = await fake.waitForJobs(1);
    const d = decodeEscPos(job!);
    const lines = d.lines.map((l) => l.trim());
    expect(lines).toContain('C-042');
    expect(lines).toContain('Paspor Baru');
    expect(lines).toContain('Jumlah antrian di depan Anda: 7');
    expect(lines).toContain('Pukul 10.41 WITA');
    expect(d.qrCodes).toEqual([TICKET.statusUrl]);
    // The status was asked first, on its own connection.
    expect(Array.from(fake.connections[0]!.bytes)).toEqual(Array.from(STATUS_QUERY));
  });

  it('generic command set: the ticket decodes the same', async () => {
    const fake = await FakePrinter.start();
    const printer = await setup(fake, { commandSet: 'generic', paperWidth: 58 });
    await expect(printer.printTicket(TICKET)).resolves.toEqual({ ok: true });
    const [job] = await fake.waitForJobs(1);
    expect(decodeEscPos(job!).lines.map((l) => l.trim())).toEqual(expect.arrayContaining(['C-042', 'Paspor Baru']));
  });

  it('printer off (connection refused) → PRINTER_OFFLINE quickly, with a clear message', async () => {
    const fake = await FakePrinter.start({ mode: 'refuse' });
    const printer = await setup(fake);
    const t0 = Date.now();
    const r = await printer.printTicket(TICKET);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(r).toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
    if (r.ok) return;
    expect(r.message).toContain('Printer tidak terhubung');
    expect(r.message).toContain(`127.0.0.1:${fake.port}`);
    expect(r.message).toContain('dapat dicetak ulang');
    expect(r.messageEn).toContain('cannot be reached');
    await expect(printer.status()).resolves.toMatchObject({ state: 'unreachable' });
  });

  it('also without the status check, refused → PRINTER_OFFLINE', async () => {
    const fake = await FakePrinter.start({ mode: 'refuse' });
    const printer = await setup(fake, { checkStatus: false });
    await expect(printer.printTicket(TICKET)).resolves.toMatchObject({ ok: false, code: 'PRINTER_OFFLINE' });
  });

  it('a silent printer → TIMEOUT within the configured timeout, nothing printed; status unknown', async () => {
    const fake = await FakePrinter.start({ mode: 'silent' });
    const printer = await setup(fake, { timeoutMs: 600 });
    const t0 = Date.now();
    const r = await printer.printTicket(TICKET);
    const elapsed = Date.now() - t0;
    expect(r).toMatchObject({ ok: false, code: 'TIMEOUT' });
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(1200);
    if (!r.ok) expect(r.message).toContain('tidak menjawab');
    expect(fake.jobs).toHaveLength(0);
    await expect(printer.status()).resolves.toMatchObject({ state: 'unknown' });
  });

  it('a printer that does not support status queries prints with checkStatus off', async () => {
    const fake = await FakePrinter.start({ mode: 'silent' });
    const printer = await setup(fake, { checkStatus: false });
    await expect(printer.printTicket(TICKET)).resolves.toEqual({ ok: true });
    await fake.waitForJobs(1);
  });

  it('paper out → PAPER_OUT before any byte of the ticket is sent', async () => {
    const fake = await FakePrinter.start({ status: STATUS_BYTES.paperOut });
    const printer = await setup(fake);
    const r = await printer.printTicket(TICKET);
    expect(r).toMatchObject({ ok: false, code: 'PAPER_OUT', message: expect.stringContaining('Kertas printer habis') });
    expect(fake.jobs).toHaveLength(0);
    // Paper replaced: the reprint works.
    fake.setStatus(STATUS_BYTES.ready);
    await expect(printer.printTicket(TICKET)).resolves.toEqual({ ok: true });
    await fake.waitForJobs(1);
  });

  it('cover open → COVER_OPEN; cutter error → ERROR; paper near end still prints', async () => {
    const fake = await FakePrinter.start({ status: STATUS_BYTES.coverOpen });
    const printer = await setup(fake);
    await expect(printer.printTicket(TICKET)).resolves.toMatchObject({ ok: false, code: 'COVER_OPEN' });
    fake.setStatus(STATUS_BYTES.cutterError);
    await expect(printer.printTicket(TICKET)).resolves.toMatchObject({ ok: false, code: 'ERROR' });
    fake.setStatus(STATUS_BYTES.paperNearEnd);
    await expect(printer.printTicket(TICKET)).resolves.toEqual({ ok: true });
    await expect(printer.status()).resolves.toMatchObject({ state: 'ready', paperNearEnd: true });
  });

  it('the queue serialises jobs: five tickets at once arrive whole and in order', async () => {
    const fake = await FakePrinter.start();
    const printer = await setup(fake);
    const numbers = ['A-001', 'A-002', 'A-003', 'A-004', 'A-005'];
    const results = await Promise.all(numbers.map((n) => printer.printTicket({ ...TICKET, ticketNumber: n })));
    expect(results.every((r) => r.ok)).toBe(true);
    const jobs = await fake.waitForJobs(5);
    expect(jobs.map((j) => decodeEscPos(j).runs.find((r) => r.width >= 4)?.text.trim())).toEqual(numbers);
  });
});

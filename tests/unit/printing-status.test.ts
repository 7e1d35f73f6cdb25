/** ESC/POS status parsing, printer settings validation (bilingual), the print queue. */
import { describe, expect, it } from 'vitest';
import { PrinterSettingsSchema, printerSettingsIssues, resolvePrinterSettings, type PrinterSettings } from '../../common/printing/settings';
import { resultForStatus } from '../../main/printing/printer';
import { PrintQueue } from '../../main/printing/queue';
import { isStatusByte, parseStatus, STATUS_BYTES } from '../../main/printing/status';

describe('DLE EOT status', () => {
  it('reads ready, paper near end, paper out, cover open, cutter error, offline', () => {
    expect(parseStatus(STATUS_BYTES.ready)).toMatchObject({ state: 'ready', online: true, paperOut: false, coverOpen: false, paperNearEnd: false });
    expect(parseStatus(STATUS_BYTES.paperNearEnd)).toMatchObject({ state: 'ready', paperNearEnd: true, message: expect.stringContaining('hampir habis') });
    expect(parseStatus(STATUS_BYTES.paperOut)).toMatchObject({ state: 'paper_out', online: false, paperOut: true });
    expect(parseStatus(STATUS_BYTES.coverOpen)).toMatchObject({ state: 'cover_open', coverOpen: true });
    expect(parseStatus(STATUS_BYTES.cutterError)).toMatchObject({ state: 'error', error: true });
    expect(parseStatus(STATUS_BYTES.offline)).toMatchObject({ state: 'offline', online: false });
  });

  it('partial answers give what they can; no answer or garbage is unknown', () => {
    expect(parseStatus([0x12])).toMatchObject({ state: 'ready', online: true, paperOut: null, coverOpen: null });
    expect(parseStatus([0x1a])).toMatchObject({ state: 'offline' });
    expect(parseStatus([])).toMatchObject({ state: 'unknown' });
    expect(parseStatus([0x41, 0x42])).toMatchObject({ state: 'unknown' });
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x13)).toBe(false);
  });

  it('maps states to print results with Indonesian and English messages', () => {
    expect(resultForStatus(parseStatus(STATUS_BYTES.ready), 'ticket')).toBeNull();
    expect(resultForStatus(parseStatus(STATUS_BYTES.paperNearEnd), 'ticket')).toBeNull();
    const paper = resultForStatus(parseStatus(STATUS_BYTES.paperOut), 'ticket');
    expect(paper).toMatchObject({ ok: false, code: 'PAPER_OUT', message: expect.stringContaining('Kertas printer habis'), messageEn: expect.stringContaining('out of paper') });
    expect(paper).toMatchObject({ message: expect.stringContaining('dicetak ulang') });
    expect(resultForStatus(parseStatus(STATUS_BYTES.coverOpen), 'receipt')).toMatchObject({ code: 'COVER_OPEN' });
    expect(resultForStatus(parseStatus([]), 'ticket')).toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('printer settings', () => {
  const base: PrinterSettings = { transport: 'network', address: '192.168.1.50', port: 9100, paperWidth: 58, commandSet: 'generic', encoding: 'cp437', cutting: true };

  it('accepts every transport with its address forms', () => {
    const ok = (s: Partial<PrinterSettings>) => PrinterSettingsSchema.safeParse({ ...base, ...s }).success;
    expect(ok({})).toBe(true);
    expect(ok({ address: 'printer-depan.mpp.local' })).toBe(true);
    expect(ok({ transport: 'device', address: '/dev/usb/lp0' })).toBe(true);
    expect(ok({ transport: 'device', address: 'cups:POS58' })).toBe(true);
    expect(ok({ transport: 'serial', address: '/dev/ttyUSB0' })).toBe(true);
    expect(ok({ transport: 'serial', address: 'COM3' })).toBe(true);
    expect(ok({ transport: 'virtual', address: '' })).toBe(true);
    expect(ok({ transport: 'virtual', address: 'C:\\Loket\\cetak' })).toBe(true);
    expect(ok({ paperWidth: 80, cpl: 42 })).toBe(true);
  });

  it('rejects bad values with bilingual messages per field', () => {
    const r = PrinterSettingsSchema.safeParse({ ...base, address: '192.168.1.50:9100', port: 70000, paperWidth: 57, encoding: 'utf8' });
    expect(r.success).toBe(false);
    if (r.success) return;
    const issues = printerSettingsIssues(r.error);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath.port).toMatchObject({ key: 'printer.port', message: expect.stringContaining('Port'), messageEn: expect.stringContaining('port') });
    expect(byPath.paperWidth?.message).toContain('58 mm atau 80 mm');
    expect(byPath.encoding?.messageEn).toContain('code page');
    const addr = PrinterSettingsSchema.safeParse({ ...base, address: '192.168.1.50:9100' });
    expect(addr.success ? [] : printerSettingsIssues(addr.error)).toEqual([
      expect.objectContaining({ path: 'address', key: 'printer.address.network', message: expect.stringContaining('tanpa port') }),
    ]);
    const cpl = PrinterSettingsSchema.safeParse({ ...base, cpl: 48 });
    expect(cpl.success ? [] : printerSettingsIssues(cpl.error)).toEqual([expect.objectContaining({ key: 'printer.cpl' })]);
    const extra = PrinterSettingsSchema.safeParse({ ...base, colour: 'red' });
    expect(extra.success ? [] : printerSettingsIssues(extra.error)).toEqual([expect.objectContaining({ key: 'printer.unknownField' })]);
  });

  it('fills defaults: port 9100, cpl from the paper width, status check, timeout', () => {
    expect(resolvePrinterSettings({ ...base, port: undefined })).toMatchObject({ port: 9100, cpl: 32, checkStatus: true, timeoutMs: 3000 });
    expect(resolvePrinterSettings({ ...base, paperWidth: 80 }).cpl).toBe(48);
  });
});

describe('PrintQueue', () => {
  it('runs jobs one at a time in order, and a failure does not block the next job', async () => {
    const q = new PrintQueue(10);
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = q.run(job('a', 30));
    const b = q.run(job('b', 5, true));
    const c = q.run(job('c', 1));
    expect(q.pending).toBe(3);
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(q.pending).toBe(0);
  });

  it('refuses new jobs when the backlog is full', () => {
    const q = new PrintQueue(1);
    expect(q.run(() => new Promise(() => undefined))).toBeDefined();
    expect(q.run(async () => 1)).toBeUndefined();
  });
});

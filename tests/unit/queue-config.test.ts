import { describe, expect, it } from 'vitest';
import { dayStartIso, fallbackPrefix, localClock, utcOffsetForTimezone } from '../../server/src/queue/config';
import { noPrinter } from '../../main/queue/printer-port';
import { timeZoneForOffset } from '../../main/queue/printing-adapter';
import { QueueIntentSchemas, isQueueIntentKind } from '../../common/server-api/queue';

describe('queue configuration helpers', () => {
  it('maps the mall zone to its offset and back', () => {
    expect(utcOffsetForTimezone('Asia/Jakarta')).toBe(420);
    expect(utcOffsetForTimezone('Asia/Makassar')).toBe(480);
    expect(utcOffsetForTimezone('Asia/Jayapura')).toBe(540);
    expect(utcOffsetForTimezone(null)).toBe(420);
    expect(timeZoneForOffset(480)).toBe('Asia/Makassar');
    expect(timeZoneForOffset(540)).toBe('Asia/Jayapura');
    expect(timeZoneForOffset(420)).toBe('Asia/Jakarta');
  });

  it('reads wall-clock time and day start in the mall zone, not the machine zone', () => {
    expect(localClock('2026-03-02T08:30:00.000Z', 420)).toBe('15:30');
    expect(localClock('2026-03-02T08:30:00.000Z', 540)).toBe('17:30');
    expect(dayStartIso('2026-03-03', 420)).toBe('2026-03-02T17:00:00.000Z');
    expect(dayStartIso('2026-03-03', 480)).toBe('2026-03-02T16:00:00.000Z');
  });

  it('derives a queue prefix from the agency code when none is configured', () => {
    expect(fallbackPrefix('DUKCAPIL')).toBe('D');
    expect(fallbackPrefix('123-X')).toBe('X');
    expect(fallbackPrefix('---')).toBe('A');
  });

  it('knows its outbox kinds and validates their payloads', () => {
    expect(isQueueIntentKind('ticket.call')).toBe(true);
    expect(isQueueIntentKind('application.create')).toBe(false);
    const at = '2026-03-02T01:00:00.000Z';
    expect(QueueIntentSchemas['ticket.call'].safeParse({ ticketId: 't-1', counterId: 'ct-01', at }).success).toBe(true);
    expect(QueueIntentSchemas['ticket.issue'].safeParse({ ticketId: 't-1', serviceId: 's', category: 'normal', prefix: 'A', number: 1, station: 'Z', at }).success).toBe(false);
  });

  it('without a printer module, printing answers NO_PRINTER in both languages and nothing throws', async () => {
    const job = { mallName: 'MPP', agencyName: 'Dukcapil', serviceName: 'KK', ticketNumber: 'A-001', ahead: 0, issuedAt: '2026-03-02T01:00:00.000Z', utcOffsetMinutes: 420, statusUrl: 'http://x', priorityLabel: null };
    const settings = { transport: 'virtual' as const, address: '', paperWidth: 80 as const, commandSet: 'generic' as const, encoding: 'cp437' as const, cutting: true };
    expect(await noPrinter.printTicket(job, settings)).toMatchObject({ ok: false, code: 'NO_PRINTER', message: expect.stringContaining('dicetak ulang'), messageEn: expect.stringContaining('reprinted') });
    expect((await noPrinter.preview(job, settings)).svg).toContain('A-001');
  });
});

/**
 * Ticket numbers and announcements. Convention (no regulation, README §7): a letter prefix per
 * agency or service, 3 digits, restarting every service day in the mall's own time zone.
 */

/** UTC offsets of Indonesia's three zones, in minutes. The mall's offset is configuration. */
export const MALL_UTC_OFFSETS = { WIB: 420, WITA: 480, WIT: 540 } as const;

/** Online queues use one or two letters; an offline station appends one letter. */
const QUEUE_PREFIX = /^[A-Z]{1,2}$/;
const TICKET_PREFIX = /^[A-Z]{1,3}$/;
const STATION_CODE = /^[A-Z]$/;
const TICKET_NUMBER = /^([A-Z]{1,3})-(\d{3,})$/;

/**
 * An ISO-8601 instant WITH an explicit zone ('Z' or ±hh:mm): a zoneless string would be read in
 * the machine's zone, which differs between counters and the server. Returns epoch ms or null.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(iso: string): number | null {
  if (!ISO_INSTANT.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** 'A', 17 → 'A-017'; from 1000 on the number simply grows to 4 digits ('A-1000'). */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!TICKET_PREFIX.test(prefix)) throw new RangeError(`Invalid ticket prefix: ${prefix}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Invalid ticket sequence: ${sequence}`);
  return `${prefix}-${String(sequence).padStart(3, '0')}`;
}

export interface ParsedTicketNumber {
  prefix: string;
  /** The digits as printed, kept as text so the announcement reads leading zeros. */
  digits: string;
  sequence: number;
}

export function parseTicketNumber(ticketNumber: string): ParsedTicketNumber | null {
  const m = TICKET_NUMBER.exec(ticketNumber);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const sequence = Number(m[2]);
  if (sequence < 1 || !Number.isSafeInteger(sequence)) return null;
  return { prefix: m[1], digits: m[2], sequence };
}

/**
 * The service day ('YYYY-MM-DD') an instant belongs to, in the mall's zone given as an offset
 * (WIB 420, WITA 480, WIT 540). Indonesia has no daylight saving, so a fixed offset is exact.
 */
export function serviceDayOf(isoInstant: string, offsetMinutes: number): string {
  const ms = parseInstant(isoInstant);
  if (ms === null) throw new RangeError(`Not an ISO instant with a zone: ${isoInstant}`);
  if (!Number.isInteger(offsetMinutes) || offsetMinutes < -720 || offsetMinutes > 840) {
    throw new RangeError(`Invalid UTC offset in minutes: ${offsetMinutes}`);
  }
  // Shift, then read the UTC calendar fields: independent of the machine's zone.
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export interface IssuedSequence {
  serviceDay: string;
  sequence: number;
}

/**
 * The next sequence for a queue (or offline prefix): 1 on a new service day, else last + 1.
 * `last` is the last ticket issued in that series, null if none.
 */
export function nextTicketSequence(last: IssuedSequence | null, nowIso: string, offsetMinutes: number): IssuedSequence {
  const serviceDay = serviceDayOf(nowIso, offsetMinutes);
  if (!last || last.serviceDay !== serviceDay) return { serviceDay, sequence: 1 };
  return { serviceDay, sequence: last.sequence + 1 };
}

/**
 * Prefix for a station issuing tickets while offline: queue prefix + station letter ('A' + 'Z' →
 * 'AZ'), so its numbers can never clash with the server's 'A-…' series when they sync. The mall
 * must not configure an online two-letter prefix that equals such a combination.
 */
export function offlinePrefix(queuePrefix: string, stationCode: string): string {
  if (!QUEUE_PREFIX.test(queuePrefix)) throw new RangeError(`Invalid queue prefix: ${queuePrefix}`);
  if (!STATION_CODE.test(stationCode)) throw new RangeError(`Invalid station code: ${stationCode}`);
  return `${queuePrefix}${stationCode}`;
}

const UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

function unit(n: number): string {
  const w = UNITS[n];
  if (w === undefined) throw new RangeError(`Not a digit: ${n}`);
  return w;
}

/** Indonesian words for 0–999: 11 'sebelas', 100 'seratus', 111 'seratus sebelas'. */
export function indonesianNumberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`Supported range is 0–999: ${n}`);
  if (n < 10) return unit(n);
  if (n === 10) return 'sepuluh';
  if (n === 11) return 'sebelas';
  if (n < 20) return `${unit(n - 10)} belas`;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const rest = n % 10;
    return rest === 0 ? `${unit(tens)} puluh` : `${unit(tens)} puluh ${unit(rest)}`;
  }
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds === 1 ? 'seratus' : `${unit(hundreds)} ratus`;
  return rest === 0 ? head : `${head} ${indonesianNumberWords(rest)}`;
}

/**
 * Announcement for the caller display and text-to-speech: prefix letters, then each digit read
 * one by one (README §7), commas marking pauses; the counter number in words. Never a name.
 * 'A-017', 3 → 'Nomor antrian A, nol, satu, tujuh, silakan menuju loket tiga'.
 */
export function announcementText(ticketNumber: string, counterNumber: number): string {
  const parsed = parseTicketNumber(ticketNumber);
  if (!parsed) throw new RangeError(`Invalid ticket number: ${ticketNumber}`);
  if (!Number.isInteger(counterNumber) || counterNumber < 1 || counterNumber > 999) {
    throw new RangeError(`Counter number must be 1–999: ${counterNumber}`);
  }
  const parts = [...parsed.prefix.split(''), ...parsed.digits.split('').map((d) => unit(Number(d)))];
  return `Nomor antrian ${parts.join(', ')}, silakan menuju loket ${indonesianNumberWords(counterNumber)}`;
}

/**
 * Calendar dates ('YYYY-MM-DD') and wall-clock times in the mall's time zone, computed with plain
 * arithmetic so results never depend on the machine's time zone (counters may be misconfigured).
 */

/** UTC offsets in minutes of Indonesia's three time zones (no daylight saving time). */
export const TIME_ZONE_OFFSETS = { WIB: 420, WITA: 480, WIT: 540 } as const;
export type TimeZoneName = keyof typeof TIME_ZONE_OFFSETS;

/** 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export const isValidDate = (year: number, month: number, day: number): boolean =>
  Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const formatIsoDate = ({ year, month, day }: DateParts): IsoDate => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/** Parses a strict 'YYYY-MM-DD' that names a real date; null otherwise. */
export function parseIsoDate(s: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

export const isIsoDate = (s: string): boolean => parseIsoDate(s) !== null;

function requireIsoDate(s: IsoDate): DateParts {
  const p = parseIsoDate(s);
  if (!p) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(s)}`);
  return p;
}

/** Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = requireIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatIsoDate({ year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day });
}

export const addDays = (date: IsoDate, n: number): IsoDate => fromDayNumber(toDayNumber(date) + n);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

function requireOffset(offsetMinutes: number): void {
  if (!Number.isInteger(offsetMinutes) || offsetMinutes < -720 || offsetMinutes > 840) {
    throw new RangeError(`Invalid UTC offset in minutes: ${offsetMinutes}`);
  }
}

function requireInstant(instant: Date): number {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid Date');
  return t;
}

/** The calendar date of an instant in a zone given by its UTC offset. */
export function localDateOf(instant: Date, offsetMinutes: number): IsoDate {
  requireOffset(offsetMinutes);
  const shifted = requireInstant(instant) + offsetMinutes * 60_000;
  const dayNumber = Math.floor(shifted / 86_400_000);
  return fromDayNumber(dayNumber);
}

/** Minutes since local midnight of an instant in the given zone. */
export function localMinutesOf(instant: Date, offsetMinutes: number): number {
  requireOffset(offsetMinutes);
  const shifted = requireInstant(instant) + offsetMinutes * 60_000;
  return Math.floor((((shifted % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
}

/** Parses 'HH:MM' (00:00–23:59, or 24:00 for "end of day") to minutes since midnight. */
export function parseTimeOfDay(time: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** The instant at which the wall clock of the zone shows `time` on `date`. */
export function instantAt(date: IsoDate, time: string, offsetMinutes: number): Date {
  requireOffset(offsetMinutes);
  const minutes = parseTimeOfDay(time);
  if (minutes === null) throw new RangeError(`Not a valid HH:MM time: ${JSON.stringify(time)}`);
  return new Date((toDayNumber(date) * 1440 + minutes - offsetMinutes) * 60_000);
}

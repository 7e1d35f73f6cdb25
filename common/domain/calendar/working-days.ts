import { z } from 'zod';
import { issue, type Issue } from '../issue';
import { addDays, instantAt, isIsoDate, isoWeekday, localDateOf, parseTimeOfDay, toDayNumber, type IsoDate } from './local-date';

/**
 * Working days and SLA due dates (README §3). Dates are calendar dates in the mall's time zone,
 * given as a UTC offset in minutes; nothing here reads the machine's time zone.
 */

export const HolidayKindSchema = z.enum(['national', 'cuti_bersama']);
export type HolidayKind = z.infer<typeof HolidayKindSchema>;

/** Editable, versioned holiday data: the SKB can change mid-year. */
export const HolidayCalendarSchema = z.object({
  version: z.string().min(1),
  source: z.string().min(1),
  note: z.string().optional(),
  /** Years the list is complete for; inferred from `dates` when absent. */
  years: z.array(z.number().int()).optional(),
  dates: z.record(z.string().refine(isIsoDate, 'YYYY-MM-DD'), z.object({ name: z.string().min(1), kind: HolidayKindSchema })),
});
export type HolidayCalendar = z.infer<typeof HolidayCalendarSchema>;

/** Which ISO weekdays a unit serves (1 = Monday … 7 = Sunday). */
export const ServiceDaysSchema = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  /** Cuti bersama closes the unit unless it is set to false (some MPPs stay open). Default true. */
  closedOnCutiBersama: z.boolean().optional(),
});
export type ServiceDays = z.infer<typeof ServiceDaysSchema>;

/** Perpres 21/2023: Monday–Friday. */
export const MON_FRI: ServiceDays = { weekdays: [1, 2, 3, 4, 5] };
/** Units that also serve on Saturday. */
export const MON_SAT: ServiceDays = { weekdays: [1, 2, 3, 4, 5, 6] };

/**
 * A unit's service days as stored with its agency (`agencies.service_days`): the ISO weekday digits
 * it serves, ascending ("12345" = Mon–Fri, "123456" = Mon–Sat). Anything unreadable → Mon–Fri.
 */
export function serviceDaysFromWeekdays(weekdays: readonly number[] | string | null | undefined): ServiceDays {
  const list = typeof weekdays === 'string' ? [...weekdays].map(Number) : (weekdays ?? []);
  const days = [...new Set(list)].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7).sort((a, b) => a - b);
  return days.length > 0 ? { weekdays: days } : MON_FRI;
}

/** The stored form of a schedule's weekdays ("12345"). */
export const serviceWeekdaysCode = (schedule: ServiceDays): string => [...new Set(schedule.weekdays)].sort((a, b) => a - b).join('');

/** UU 30/2014 Pasal 53 (as amended): 5 working days when the service standard sets no time. */
export const DEFAULT_SLA_WORKING_DAYS = 5;

/** Longest span searched for the next working day; guards against schedules that never open. */
const MAX_SCAN_DAYS = 3660;

function requireSchedule(schedule: ServiceDays): void {
  if (schedule.weekdays.length === 0 || schedule.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new RangeError('ServiceDays.weekdays must list ISO weekdays 1–7 and not be empty');
  }
}

function requireDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
}

export function holidayOn(date: IsoDate, calendar: HolidayCalendar): { name: string; kind: HolidayKind } | null {
  return Object.prototype.hasOwnProperty.call(calendar.dates, date) ? (calendar.dates[date] ?? null) : null;
}

export function isWorkingDay(date: IsoDate, calendar: HolidayCalendar, schedule: ServiceDays = MON_FRI): boolean {
  requireDate(date);
  requireSchedule(schedule);
  if (!schedule.weekdays.includes(isoWeekday(date))) return false;
  const holiday = holidayOn(date, calendar);
  if (!holiday) return true;
  return holiday.kind === 'cuti_bersama' && schedule.closedOnCutiBersama === false;
}

function nextWorkingDay(after: IsoDate, calendar: HolidayCalendar, schedule: ServiceDays): IsoDate {
  let d = after;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar, schedule)) return d;
  }
  throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days after ${after}`);
}

/**
 * The n-th working day after `start` (`start` is day 0 whether or not it is a working day).
 * n = 0 gives `start` itself when it is a working day, else the next working day.
 */
export function addWorkingDays(start: IsoDate, n: number, calendar: HolidayCalendar, schedule: ServiceDays = MON_FRI): IsoDate {
  requireDate(start);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be an integer ≥ 0, got ${n}`);
  if (n === 0) return isWorkingDay(start, calendar, schedule) ? start : nextWorkingDay(start, calendar, schedule);
  let d = start;
  for (let i = 0; i < n; i++) d = nextWorkingDay(d, calendar, schedule);
  return d;
}

/**
 * Working days d with a < d ≤ b (so addWorkingDays(a, n) = b gives n); negative when b is before a.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate, calendar: HolidayCalendar, schedule: ServiceDays = MON_FRI): number {
  requireDate(a);
  requireDate(b);
  const from = toDayNumber(a);
  const to = toDayNumber(b);
  if (to < from) return -workingDaysBetween(b, a, calendar, schedule);
  let count = 0;
  let d = a;
  for (let i = from; i < to; i++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar, schedule)) count++;
  }
  return count;
}

/** A stretch during which the file was returned as incomplete; `to` null while still with the applicant. */
export interface PausedInterval {
  from: Date;
  to: Date | null;
}

export interface DueDateParams {
  /** When the documents were declared complete ("berkas lengkap"): day 0. */
  completeAt: Date;
  /** From the service standard; null → DEFAULT_SLA_WORKING_DAYS. */
  slaWorkingDays: number | null;
  pausedIntervals?: readonly PausedInterval[];
  calendar: HolidayCalendar;
  schedule?: ServiceDays;
  /** End of service hours, 'HH:MM' wall-clock time in the mall. */
  serviceEndTime: string;
  /** The mall's UTC offset in minutes (WIB 420, WITA 480, WIT 540). */
  utcOffsetMinutes: number;
}

interface DueDateCommon {
  slaWorkingDays: number;
  /** True when the standard set no time and the 5-day default applied. */
  defaulted: boolean;
  /** E.g. the calendar does not cover a year the count went through. */
  warnings: Issue[];
}

export type DueDateResult =
  | (DueDateCommon & { paused: false; dueAt: Date; dueDate: IsoDate })
  | (DueDateCommon & { paused: true; dueAt: null; dueDate: null; /** Working days already used before the open pause. */ usedWorkingDays: number });

function calendarYears(calendar: HolidayCalendar): Set<number> {
  return new Set(calendar.years ?? Object.keys(calendar.dates).map((d) => Number(d.slice(0, 4))));
}

function coverageWarnings(calendar: HolidayCalendar, from: IsoDate, to: IsoDate): Issue[] {
  const covered = calendarYears(calendar);
  const missing: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!covered.has(y)) missing.push(y);
  if (missing.length === 0) return [];
  const years = missing.join(', ');
  return [
    issue(
      'CALENDAR_NOT_COVERED',
      `Kalender hari libur (versi ${calendar.version}) belum memuat tahun ${years}; hari libur tahun itu belum diperhitungkan. Perbarui kalender.`,
      `The holiday calendar (version ${calendar.version}) does not cover ${years}; holidays in that year are not taken into account. Update the calendar.`,
      { years, version: calendar.version },
    ),
  ];
}

/**
 * Due date of an application (README §3 convention): the completion day is day 0 and the file is due
 * at the end of service hours of the n-th following working day.
 * Pauses: a working day counts only if no paused interval overlaps it from 00:00 to the end of
 * service hours, so the day a file is returned and the day it comes back complete do not count
 * (like day 0). A still-open pause stops the clock: the result is `paused`.
 * A file that must restart from zero instead is modelled by a new `completeAt` and no pauses.
 */
export function dueDate(params: DueDateParams): DueDateResult {
  const { calendar, utcOffsetMinutes, serviceEndTime } = params;
  const schedule = params.schedule ?? MON_FRI;
  requireSchedule(schedule);
  const endMinutes = parseTimeOfDay(serviceEndTime);
  if (endMinutes === null) throw new RangeError(`Not a valid HH:MM time: ${JSON.stringify(serviceEndTime)}`);
  const defaulted = params.slaWorkingDays === null;
  const n = params.slaWorkingDays ?? DEFAULT_SLA_WORKING_DAYS;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`slaWorkingDays must be an integer ≥ 0, got ${n}`);
  const pauses = params.pausedIntervals ?? [];
  for (const p of pauses) {
    if (!Number.isFinite(p.from.getTime()) || (p.to !== null && !(p.to.getTime() > p.from.getTime()))) {
      throw new RangeError('A paused interval must have a valid start before its end');
    }
  }
  const openPause = pauses.find((p) => p.to === null);
  const day0 = localDateOf(params.completeAt, utcOffsetMinutes);
  const common = { slaWorkingDays: n, defaulted };
  const pausedResult = (used: number, through: IsoDate): DueDateResult => ({
    ...common,
    paused: true,
    dueAt: null,
    dueDate: null,
    usedWorkingDays: used,
    warnings: coverageWarnings(calendar, day0, through),
  });
  const done = (d: IsoDate): DueDateResult => ({
    ...common,
    paused: false,
    dueAt: instantAt(d, serviceEndTime, utcOffsetMinutes),
    dueDate: d,
    warnings: coverageWarnings(calendar, day0, d),
  });

  if (n === 0) {
    // Same-day service: only a still-open pause matters.
    const d = addWorkingDays(day0, 0, calendar, schedule);
    if (openPause && openPause.from.getTime() < instantAt(d, serviceEndTime, utcOffsetMinutes).getTime()) return pausedResult(0, d);
    return done(d);
  }

  let counted = 0;
  let d = day0;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = addDays(d, 1);
    const windowStart = instantAt(d, '00:00', utcOffsetMinutes).getTime();
    const windowEnd = windowStart + endMinutes * 60_000;
    if (openPause && openPause.from.getTime() < windowEnd) return pausedResult(counted, d);
    if (!isWorkingDay(d, calendar, schedule)) continue;
    const overlapped = pauses.some((p) => p.from.getTime() < windowEnd && (p.to === null || p.to.getTime() > windowStart));
    if (overlapped) continue;
    counted++;
    if (counted === n) return done(d);
  }
  throw new RangeError(`Due date not found within ${MAX_SCAN_DAYS} days`);
}

export type DueStatus = 'overdue' | 'due_today' | 'due_soon' | 'on_track';

export interface DueStatusContext {
  calendar: HolidayCalendar;
  schedule?: ServiceDays;
  utcOffsetMinutes: number;
}

/**
 * overdue: past the due instant (the deadline itself is still on time); due_today: same local date;
 * due_soon: due on the next working day; on_track: later.
 */
export function dueStatus(due: Date, now: Date, ctx: DueStatusContext): DueStatus {
  if (now.getTime() > due.getTime()) return 'overdue';
  const today = localDateOf(now, ctx.utcOffsetMinutes);
  const dueDay = localDateOf(due, ctx.utcOffsetMinutes);
  if (today === dueDay) return 'due_today';
  return workingDaysBetween(today, dueDay, ctx.calendar, ctx.schedule ?? MON_FRI) <= 1 ? 'due_soon' : 'on_track';
}

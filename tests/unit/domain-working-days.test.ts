import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HOLIDAYS_ID_2025_2026 as CAL } from '../../common/domain/calendar/holidays-id';
import {
  DEFAULT_SLA_WORKING_DAYS,
  HolidayCalendarSchema,
  MON_FRI,
  MON_SAT,
  addWorkingDays,
  dueDate,
  dueStatus,
  isWorkingDay,
  serviceDaysFromWeekdays,
  serviceWeekdaysCode,
  workingDaysBetween,
  type DueDateParams,
  type ServiceDays,
} from '../../common/domain/calendar/working-days';
import { TIME_ZONE_OFFSETS, addDays, fromDayNumber, instantAt, isoWeekday, localDateOf, toDayNumber } from '../../common/domain/calendar/local-date';

const WIB = TIME_ZONE_OFFSETS.WIB;
const MON_SAT_OPEN_ON_CUTI: ServiceDays = { ...MON_SAT, closedOnCutiBersama: false };

describe('local dates', () => {
  it('day numbers agree with Date.UTC over 1899–2101', () => {
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 11, 31); t += 86_400_000 * 7 + 3_600_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const n = Math.floor(t / 86_400_000);
      expect(fromDayNumber(n)).toBe(iso);
      expect(toDayNumber(iso)).toBe(n);
    }
  });
  it.each([
    ['2026-03-20', 5],
    ['2026-03-21', 6],
    ['2026-03-22', 7],
    ['2026-03-23', 1],
    ['2000-02-29', 2],
    ['1970-01-01', 4],
  ])('%s is ISO weekday %i', (d, w) => expect(isoWeekday(d)).toBe(w));

  it.each([
    ['2026-03-10T16:59:59Z', 420, '2026-03-10'],
    ['2026-03-10T17:00:00Z', 420, '2026-03-11'], // midnight WIB
    ['2026-03-10T15:59:59Z', 480, '2026-03-10'],
    ['2026-03-10T16:00:00Z', 480, '2026-03-11'], // midnight WITA
    ['2026-03-10T15:00:00Z', 540, '2026-03-11'], // midnight WIT
  ])('localDateOf(%s, %i) = %s', (instant, offset, date) => expect(localDateOf(new Date(instant), offset)).toBe(date));

  it('instantAt is the wall-clock time in the zone', () => {
    expect(instantAt('2026-03-31', '16:00', WIB).toISOString()).toBe('2026-03-31T09:00:00.000Z');
    expect(instantAt('2026-03-31', '15:00', TIME_ZONE_OFFSETS.WIT).toISOString()).toBe('2026-03-31T06:00:00.000Z');
    expect(() => instantAt('2026-03-31', '24:30', WIB)).toThrow(RangeError);
    expect(() => instantAt('2026-02-30', '10:00', WIB)).toThrow(RangeError);
  });
});

describe('shipped holiday calendar', () => {
  it('is a faithful copy of the shared official list', () => {
    const path = fileURLToPath(new URL('../../../shared/domain/holidays-2025-2026.json', import.meta.url));
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const expected: Record<string, { name: string; kind: string }> = {};
    for (const year of ['2025', '2026']) {
      const y = raw[year] as Record<'national' | 'cuti_bersama', { date: string; name: string }[]>;
      for (const kind of ['national', 'cuti_bersama'] as const) for (const e of y[kind]) expected[e.date] = { name: e.name, kind };
    }
    expect(CAL.dates).toEqual(expected);
    expect(CAL.source).toBe(raw.source);
    expect(CAL.version).not.toBe('');
  });
  it('passes its own schema, which rejects malformed data', () => {
    expect(HolidayCalendarSchema.safeParse(CAL).success).toBe(true);
    expect(HolidayCalendarSchema.safeParse({ ...CAL, dates: { '2026-02-30': { name: 'x', kind: 'national' } } }).success).toBe(false);
    expect(HolidayCalendarSchema.safeParse({ ...CAL, dates: { '2026-03-20': { name: 'x', kind: 'libur' } } }).success).toBe(false);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-03-25', MON_FRI, true, 'ordinary Wednesday'],
    ['2026-03-20', MON_FRI, false, 'cuti bersama Idulfitri (Friday)'],
    ['2026-03-23', MON_FRI, false, 'cuti bersama Idulfitri (Monday)'],
    ['2026-03-19', MON_FRI, false, 'Nyepi (national)'],
    ['2026-03-28', MON_FRI, false, 'Saturday'],
    ['2026-03-29', MON_SAT, false, 'Sunday at a Saturday-serving unit'],
    ['2026-03-28', MON_SAT, true, 'Saturday at a Saturday-serving unit'],
    ['2026-03-21', MON_SAT, false, 'Idulfitri falling on a Saturday'],
    ['2026-03-20', MON_SAT_OPEN_ON_CUTI, true, 'cuti bersama at a unit that stays open'],
    ['2026-03-19', MON_SAT_OPEN_ON_CUTI, false, 'national holiday at a unit that stays open on cuti bersama'],
    ['2025-08-18', MON_FRI, false, 'cuti bersama added in August 2025'],
    ['2025-12-26', MON_FRI, false, 'cuti bersama Natal 2025'],
    ['2026-12-24', MON_FRI, false, 'cuti bersama Natal 2026'],
    ['2026-12-28', MON_FRI, true, 'Monday after Christmas 2026'],
  ])('%s %#: %s', (date, schedule, expected) => {
    expect(isWorkingDay(date, CAL, schedule)).toBe(expected);
  });
  it('rejects a bad date or an empty schedule', () => {
    expect(() => isWorkingDay('2026-13-01', CAL)).toThrow(RangeError);
    expect(() => isWorkingDay('2026-03-25', CAL, { weekdays: [] })).toThrow(RangeError);
    expect(() => isWorkingDay('2026-03-25', CAL, { weekdays: [0] })).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-03-17', 5, MON_FRI, '2026-03-31', 'across Nyepi, Idulfitri 2026 and its cuti bersama'],
    ['2026-03-17', 1, MON_FRI, '2026-03-25', 'next working day after the Idulfitri break'],
    ['2026-03-13', 1, MON_FRI, '2026-03-16', 'Friday + 1 skips the weekend'],
    ['2026-03-09', 4, MON_FRI, '2026-03-13', 'plain week'],
    ['2026-03-09', 5, MON_FRI, '2026-03-16', 'plain week crossing a weekend'],
    ['2026-03-14', 1, MON_FRI, '2026-03-16', 'start on a Saturday'],
    ['2026-03-14', 0, MON_FRI, '2026-03-16', 'n = 0 on a weekend → next working day'],
    ['2026-03-16', 0, MON_FRI, '2026-03-16', 'n = 0 on a working day → same day'],
    ['2026-03-13', 1, MON_SAT, '2026-03-14', 'Saturday-serving unit'],
    ['2026-03-17', 5, MON_SAT, '2026-03-30', 'Saturday-serving unit across Idulfitri 2026'],
    ['2026-03-17', 5, MON_SAT_OPEN_ON_CUTI, '2026-03-25', 'unit open on cuti bersama'],
    ['2025-03-27', 1, MON_FRI, '2025-04-08', 'Idulfitri 2025: Nyepi, Idulfitri and cuti bersama'],
    ['2025-12-23', 3, MON_FRI, '2025-12-30', 'Christmas 2025'],
    ['2026-12-23', 2, MON_FRI, '2026-12-29', 'Christmas 2026'],
    ['2026-05-13', 1, MON_FRI, '2026-05-18', 'Ascension Thursday + cuti bersama Friday'],
  ])('%s + %i %#: %s', (start, n, schedule, expected) => {
    expect(addWorkingDays(start, n, CAL, schedule)).toBe(expected);
  });
  it.each([-1, 1.5, Number.NaN])('rejects n = %s', (n) => {
    expect(() => addWorkingDays('2026-03-17', n, CAL)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-03-17', '2026-03-31', MON_FRI, 5],
    ['2026-03-31', '2026-03-17', MON_FRI, -5],
    ['2026-03-17', '2026-03-17', MON_FRI, 0],
    ['2026-03-13', '2026-03-16', MON_FRI, 1],
    ['2026-03-13', '2026-03-15', MON_FRI, 0],
    ['2026-03-13', '2026-03-15', MON_SAT, 1],
    ['2025-12-31', '2026-01-02', MON_FRI, 1], // New Year's Day is a holiday
  ])('%s → %s %#: %i', (a, b, schedule, n) => {
    expect(workingDaysBetween(a, b, CAL, schedule)).toBe(n);
  });
  it('is the inverse of addWorkingDays', () => {
    for (let s = '2025-12-01'; s < '2026-05-01'; s = addDays(s, 3)) {
      for (const n of [1, 2, 5, 10]) {
        for (const schedule of [MON_FRI, MON_SAT]) expect(workingDaysBetween(s, addWorkingDays(s, n, CAL, schedule), CAL, schedule)).toBe(n);
      }
    }
  });
});

const base = (over: Partial<DueDateParams>): DueDateParams => ({
  completeAt: new Date('2026-03-02T09:00:00+07:00'), // Monday
  slaWorkingDays: 5,
  calendar: CAL,
  schedule: MON_FRI,
  serviceEndTime: '16:00',
  utcOffsetMinutes: WIB,
  ...over,
});

const wib = (local: string): Date => new Date(`${local}+07:00`);

describe('dueDate', () => {
  it('defaults to 5 working days (UU 30/2014 Pasal 53) and counts across Idulfitri 2026', () => {
    const r = dueDate(base({ completeAt: wib('2026-03-17T09:00:00'), slaWorkingDays: null }));
    expect(DEFAULT_SLA_WORKING_DAYS).toBe(5);
    expect(r).toMatchObject({ paused: false, dueDate: '2026-03-31', slaWorkingDays: 5, defaulted: true, warnings: [] });
    expect(r.dueAt?.toISOString()).toBe('2026-03-31T09:00:00.000Z'); // 16:00 WIB
  });

  it.each([
    ['plain week, 3 days', base({ completeAt: wib('2026-03-09T10:00:00'), slaWorkingDays: 3 }), '2026-03-12'],
    ['completed after hours still is day 0', base({ completeAt: wib('2026-03-09T20:00:00'), slaWorkingDays: 3 }), '2026-03-12'],
    ['completed on a Saturday', base({ completeAt: wib('2026-03-14T10:00:00'), slaWorkingDays: 1 }), '2026-03-16'],
    ['Saturday-serving unit', base({ completeAt: wib('2026-03-13T10:00:00'), slaWorkingDays: 1, schedule: MON_SAT }), '2026-03-14'],
    ['same-day service (0 days)', base({ completeAt: wib('2026-03-09T10:00:00'), slaWorkingDays: 0 }), '2026-03-09'],
    ['14 days across Idulfitri 2025', base({ completeAt: wib('2025-03-20T10:00:00'), slaWorkingDays: 14 }), '2025-04-21'], // also skips Good Friday
  ])('%s', (_name, params, expected) => {
    const r = dueDate(params);
    expect(r.paused).toBe(false);
    expect(r.dueDate).toBe(expected);
    expect(r.defaulted).toBe(false);
  });

  it('takes the day from the mall time zone, not UTC', () => {
    // Thursday 18:30 UTC is already Friday 01:30 WIB: day 0 is Friday.
    const wibResult = dueDate(base({ completeAt: new Date('2026-03-12T18:30:00Z'), slaWorkingDays: 1 }));
    expect(wibResult.dueDate).toBe('2026-03-16');
    const utcResult = dueDate(base({ completeAt: new Date('2026-03-12T18:30:00Z'), slaWorkingDays: 1, utcOffsetMinutes: 0 }));
    expect(utcResult.dueDate).toBe('2026-03-13');
    const wit = dueDate(base({ completeAt: new Date('2026-03-12T18:30:00Z'), slaWorkingDays: 1, utcOffsetMinutes: TIME_ZONE_OFFSETS.WIT, serviceEndTime: '15:00' }));
    expect(wit.dueAt?.toISOString()).toBe('2026-03-16T06:00:00.000Z');
  });

  it.each([
    ['no pause', [], '2026-03-09'],
    // Returned Wed 10:00, back Fri 09:00: Wed, Thu and Fri do not count.
    ['returned midweek', [{ from: wib('2026-03-04T10:00:00'), to: wib('2026-03-06T09:00:00') }], '2026-03-12'],
    // Returned after closing on Wed: Wed still counts; back Thu morning: Thu does not.
    ['returned after closing', [{ from: wib('2026-03-04T17:00:00'), to: wib('2026-03-05T08:00:00') }], '2026-03-10'],
    // Returned and resubmitted within the same day still loses that day.
    ['returned and back the same day', [{ from: wib('2026-03-03T10:00:00'), to: wib('2026-03-03T14:00:00') }], '2026-03-10'],
    [
      'two pauses',
      [
        { from: wib('2026-03-03T10:00:00'), to: wib('2026-03-03T14:00:00') },
        { from: wib('2026-03-05T10:00:00'), to: wib('2026-03-05T14:00:00') },
      ],
      '2026-03-11',
    ],
    ['pause over a weekend only', [{ from: wib('2026-03-07T09:00:00'), to: wib('2026-03-08T09:00:00') }], '2026-03-09'],
  ])('paused interval: %s', (_name, pausedIntervals, expected) => {
    expect(dueDate(base({ pausedIntervals })).dueDate).toBe(expected);
  });

  it('stops the clock while the file is still with the applicant', () => {
    const r = dueDate(base({ pausedIntervals: [{ from: wib('2026-03-04T10:00:00'), to: null }] }));
    expect(r).toMatchObject({ paused: true, dueAt: null, dueDate: null, usedWorkingDays: 1 });
  });

  it('an open pause after the deadline does not hide that it was due', () => {
    const r = dueDate(base({ pausedIntervals: [{ from: wib('2026-03-10T10:00:00'), to: null }] }));
    expect(r).toMatchObject({ paused: false, dueDate: '2026-03-09' });
  });

  it('warns when the count runs past the years the calendar covers', () => {
    const r = dueDate(base({ completeAt: wib('2026-12-28T10:00:00'), slaWorkingDays: 5 }));
    expect(r.dueDate).toBe('2027-01-04'); // 2027-01-01 is not in the calendar yet, so it counts
    expect(r.warnings.map((w) => w.code)).toEqual(['CALENDAR_NOT_COVERED']);
    expect(r.warnings[0]?.message).toContain('2027');
    expect(r.warnings[0]?.messageEn).toContain('2027');
  });

  it.each([
    ['bad service end time', base({ serviceEndTime: '25:00' })],
    ['negative SLA', base({ slaWorkingDays: -1 })],
    ['fractional SLA', base({ slaWorkingDays: 2.5 })],
    ['pause ending before it starts', base({ pausedIntervals: [{ from: wib('2026-03-05T10:00:00'), to: wib('2026-03-04T10:00:00') }] })],
    ['bad offset', base({ utcOffsetMinutes: 7 * 60 + 0.5 })],
  ])('rejects %s', (_name, params) => {
    expect(() => dueDate(params)).toThrow(RangeError);
  });
});

describe('dueStatus', () => {
  const ctx = { calendar: CAL, schedule: MON_FRI, utcOffsetMinutes: WIB };
  const due = wib('2026-03-31T16:00:00'); // Tuesday
  it.each([
    ['one second late', '2026-03-31T16:00:01', due, 'overdue'],
    ['days late', '2026-04-02T09:00:00', due, 'overdue'],
    ['exactly at the deadline', '2026-03-31T16:00:00', due, 'due_today'],
    ['morning of the due day', '2026-03-31T08:00:00', due, 'due_today'],
    ['just after local midnight (still the 30th in UTC)', '2026-03-31T00:00:00', due, 'due_today'],
    ['the working day before', '2026-03-30T23:59:00', due, 'due_soon'],
    ['two working days before', '2026-03-27T10:00:00', due, 'on_track'],
    ['Friday for a Monday deadline', '2026-03-27T10:00:00', wib('2026-03-30T16:00:00'), 'due_soon'],
    ['weekend for a Monday deadline', '2026-03-28T10:00:00', wib('2026-03-30T16:00:00'), 'due_soon'],
    ['eight calendar days but one working day, across Idulfitri', '2026-03-17T10:00:00', wib('2026-03-25T16:00:00'), 'due_soon'],
    ['a week ahead', '2026-03-02T10:00:00', wib('2026-03-09T16:00:00'), 'on_track'],
  ])('%s → %s', (_name, now, dueAt, expected) => {
    expect(dueStatus(dueAt, wib(now), ctx)).toBe(expected);
  });
  it('uses the schedule: a Saturday-serving unit has a working day in between', () => {
    const mondayDue = wib('2026-03-30T16:00:00');
    expect(dueStatus(mondayDue, wib('2026-03-27T10:00:00'), { ...ctx, schedule: MON_SAT })).toBe('on_track');
  });
});

describe('stored service days (agencies.service_days)', () => {
  it('reads weekday digits or lists, sorted and deduplicated; anything unreadable is Monday–Friday', () => {
    expect(serviceDaysFromWeekdays('123456')).toEqual(MON_SAT);
    expect(serviceDaysFromWeekdays('12345')).toEqual(MON_FRI);
    expect(serviceDaysFromWeekdays([6, 1, 2, 2, 3, 4, 5])).toEqual(MON_SAT);
    for (const bad of [null, undefined, '', '089', [], [0, 8]]) expect(serviceDaysFromWeekdays(bad)).toEqual(MON_FRI);
    expect(serviceWeekdaysCode(MON_SAT)).toBe('123456');
    expect(serviceWeekdaysCode({ weekdays: [5, 1, 3] })).toBe('135');
  });

  it('a Friday completion with 1 working day is due Saturday for Mon–Sat and Monday for Mon–Fri', () => {
    const base = { completeAt: new Date('2026-02-27T01:30:00.000Z'), slaWorkingDays: 1, calendar: CAL, serviceEndTime: '16:00', utcOffsetMinutes: 420 };
    expect(dueDate({ ...base, schedule: serviceDaysFromWeekdays('123456') })).toMatchObject({ dueDate: '2026-02-28' });
    expect(dueDate({ ...base, schedule: serviceDaysFromWeekdays('12345') })).toMatchObject({ dueDate: '2026-03-02' });
  });
});

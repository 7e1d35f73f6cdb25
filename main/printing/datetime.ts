/**
 * Dates and times on tickets, in id-ID, in the mall's time zone with its Indonesian label
 * (WIB / WITA / WIT), independent of the computer's own zone.
 */

/** The IANA zones of Indonesia and their labels. */
export const INDONESIAN_TIME_ZONES = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
} as const;

export type IndonesianTimeZone = keyof typeof INDONESIAN_TIME_ZONES;
export type ZoneLabel = (typeof INDONESIAN_TIME_ZONES)[IndonesianTimeZone];

export const zoneLabel = (zone: IndonesianTimeZone): ZoneLabel => INDONESIAN_TIME_ZONES[zone];

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = map.get(key);
  if (!f) {
    f = make();
    map.set(key, f);
  }
  return f;
}

const toDate = (at: Date | string): Date => (at instanceof Date ? at : new Date(at));

/** "Senin, 12 Januari 2026" in the given zone. */
export function formatDateId(at: Date | string, zone: IndonesianTimeZone): string {
  const f = cached(dateFormats, zone, () => new Intl.DateTimeFormat('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }));
  return f.format(toDate(at));
}

/** "09.41 WIB" in the given zone (id-ID writes hours and minutes with a dot). */
export function formatTimeId(at: Date | string, zone: IndonesianTimeZone): string {
  const f = cached(timeFormats, zone, () => new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }));
  return `${f.format(toDate(at))} ${zoneLabel(zone)}`;
}

/**
 * A calendar date with no time (e.g. a promised completion date): 'YYYY-MM-DD' is taken as is,
 * never shifted by a zone; a Date or a full timestamp is read in the mall's zone.
 */
export function formatCalendarDateId(date: Date | string, zone: IndonesianTimeZone): string {
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const f = cached(dateFormats, 'UTC', () => new Intl.DateTimeFormat('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
    return f.format(new Date(`${date}T00:00:00Z`));
  }
  return formatDateId(date, zone);
}

import { issue, type Issue } from '../issue';
import { localDateOf, parseIsoDate, type DateParts } from '../calendar/local-date';
import { provinceName } from './provinces';

/** Separators officers and scanners put in numbers: whitespace, dots and every kind of dash. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;

export const stripSeparators = (input: string): string => input.replace(SEPARATORS, '');

/** First character that is not an ASCII digit, or null. */
export function firstNonDigit(s: string): string | null {
  const m = /[^0-9]/.exec(s);
  return m ? m[0] : null;
}

/**
 * Checks that `input` (separators stripped) is exactly `length` ASCII digits.
 * `label`/`labelEn` name the number in messages ("NIK", "No. KK").
 */
export function checkDigits(input: string, lengths: readonly number[], prefix: string, label: string, labelEn: string): { digits: string } | { errors: Issue[] } {
  const digits = stripSeparators(input);
  if (digits === '') {
    return { errors: [issue(`${prefix}_EMPTY`, `${label} wajib diisi.`, `${labelEn} is required.`)] };
  }
  const bad = firstNonDigit(digits);
  if (bad !== null) {
    return {
      errors: [issue(`${prefix}_NOT_DIGITS`, `${label} hanya boleh berisi angka (ditemukan "${bad}").`, `${labelEn} may contain digits only (found "${bad}").`, { character: bad })],
    };
  }
  if (!lengths.includes(digits.length)) {
    const want = lengths.join('/');
    return {
      errors: [
        issue(`${prefix}_LENGTH`, `${label} harus ${want} digit (terisi ${digits.length} digit).`, `${labelEn} must have ${want} digits (got ${digits.length}).`, {
          length: digits.length,
        }),
      ],
    };
  }
  return { digits };
}

export function checkProvince(code: string, prefix: string, label: string, labelEn: string): Issue | null {
  if (provinceName(code) !== null) return null;
  return issue(
    `${prefix}_PROVINCE`,
    `Kode provinsi "${code}" pada ${label} tidak dikenal (kode wilayah Kemendagri).`,
    `Unknown province code "${code}" in the ${labelEn} (Kemendagri region codes).`,
    { province: code },
  );
}

const dotted = (code: string): string => (code.match(/\d{2}/g) ?? []).join('.');

/**
 * Region codes are frozen when a number is first issued, so codes missing from the current list
 * (e.g. after a regency split) are warnings the officer confirms, never rejections.
 * `knownRegions` may hold plain ('3175', '317504') or dotted ('31.75', '31.75.04') codes.
 */
export function regionWarnings(regency: string, district: string, prefix: string, label: string, labelEn: string, knownRegions?: ReadonlySet<string>): Issue[] {
  const known = (code: string): boolean => knownRegions === undefined || knownRegions.has(code) || knownRegions.has(dotted(code));
  if (regency.endsWith('00') || district.endsWith('00')) {
    return [
      issue(
        `${prefix}_REGION_ZERO`,
        `Kode wilayah ${dotted(district)} pada ${label} memuat "00", yang bukan kode kabupaten/kota atau kecamatan. Periksa kembali.`,
        `Region code ${dotted(district)} in the ${labelEn} contains "00", which is not a regency or district code. Please check.`,
        { district },
      ),
    ];
  }
  if (!known(regency)) {
    return [
      issue(
        `${prefix}_REGENCY_UNKNOWN`,
        `Kode kabupaten/kota ${dotted(regency)} pada ${label} tidak ada dalam daftar wilayah. Kode wilayah tidak berubah setelah pemekaran; konfirmasi bila ragu.`,
        `Regency/city code ${dotted(regency)} in the ${labelEn} is not in the region list. Region codes do not change after a split; confirm if in doubt.`,
        { regency },
      ),
    ];
  }
  if (!known(district)) {
    return [
      issue(
        `${prefix}_DISTRICT_UNKNOWN`,
        `Kode kecamatan ${dotted(district)} pada ${label} tidak ada dalam daftar wilayah. Kode wilayah tidak berubah setelah pemekaran; konfirmasi bila ragu.`,
        `District code ${dotted(district)} in the ${labelEn} is not in the region list. Region codes do not change after a split; confirm if in doubt.`,
        { district },
      ),
    ];
  }
  return [];
}

/** Today's calendar date in the mall's zone (default WIB) for the century rule. */
export function todayParts(today: Date | undefined, utcOffsetMinutes: number | undefined): DateParts {
  const iso = localDateOf(today ?? new Date(), utcOffsetMinutes ?? 420);
  const p = parseIsoDate(iso);
  if (!p) throw new RangeError('Invalid today');
  return p;
}

/**
 * Century rule for YY: the most recent year whose date (day, month) is not after today.
 * Compares the full date, so a YY equal to this year with a later month falls in the last century.
 */
export function resolveYear(yy: number, month: number, day: number, today: DateParts): number {
  const century = Math.floor(today.year / 100) * 100;
  const year = century + yy;
  const after = year > today.year || (year === today.year && (month > today.month || (month === today.month && day > today.day)));
  return after ? year - 100 : year;
}


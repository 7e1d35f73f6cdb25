import { issue, type Checked, type Issue } from '../issue';
import { formatIsoDate, isValidDate, type IsoDate } from '../calendar/local-date';
import { provinceName } from './provinces';
import { checkDigits, checkProvince, regionWarnings, resolveYear, todayParts } from './shared';

/**
 * No. KK (Kartu Keluarga): region code (6) + issue date DDMMYY (no +40) + serial (4), no checksum.
 * It changes whenever a new KK is issued, so it never identifies a person.
 */
export interface KkInfo {
  kk: string;
  province: string;
  provinceName: string;
  regency: string;
  district: string;
  issueDate: IsoDate;
  serial: string;
}

export type KkResult = Checked<KkInfo>;

export interface ParseKkOptions {
  today?: Date;
  utcOffsetMinutes?: number;
  knownRegions?: ReadonlySet<string>;
}

const LABEL = 'No. KK';
const LABEL_EN = 'family card number (No. KK)';

export function parseKk(input: string, opts: ParseKkOptions = {}): KkResult {
  const checked = checkDigits(input, [16], 'KK', LABEL, LABEL_EN);
  if ('errors' in checked) return { ok: false, errors: checked.errors };
  const kk = checked.digits;
  const province = kk.slice(0, 2);
  const regency = kk.slice(0, 4);
  const district = kk.slice(0, 6);
  const day = Number(kk.slice(6, 8));
  const month = Number(kk.slice(8, 10));
  const yy = Number(kk.slice(10, 12));
  const serial = kk.slice(12, 16);

  const errors: Issue[] = [];
  const provinceError = checkProvince(province, 'KK', LABEL, LABEL_EN);
  if (provinceError) errors.push(provinceError);

  let issueDate: IsoDate | null = null;
  const dayOk = day >= 1 && day <= 31;
  const monthOk = month >= 1 && month <= 12;
  if (!dayOk) {
    errors.push(
      issue('KK_DAY', `Tanggal terbit "${kk.slice(6, 8)}" pada No. KK tidak valid (01–31, tanpa tambahan 40).`, `Issue day "${kk.slice(6, 8)}" in the No. KK is invalid (01–31, no +40).`, {
        day: kk.slice(6, 8),
      }),
    );
  }
  if (!monthOk) {
    errors.push(issue('KK_MONTH', `Bulan terbit "${kk.slice(8, 10)}" pada No. KK tidak valid.`, `Issue month "${kk.slice(8, 10)}" in the No. KK is invalid.`, { month: kk.slice(8, 10) }));
  }
  if (dayOk && monthOk) {
    const year = resolveYear(yy, month, day, todayParts(opts.today, opts.utcOffsetMinutes));
    if (isValidDate(year, month, day)) {
      issueDate = formatIsoDate({ year, month, day });
    } else {
      const shown = `${kk.slice(6, 8)}-${kk.slice(8, 10)}-${year}`;
      errors.push(issue('KK_DATE', `Tanggal terbit pada No. KK (${shown}) tidak ada di kalender.`, `The issue date in the No. KK (${shown}) does not exist.`, { day, month, year }));
    }
  }
  if (serial === '0000') {
    errors.push(issue('KK_SERIAL', 'Nomor urut No. KK (4 digit terakhir) tidak boleh 0000.', 'The No. KK serial number (last 4 digits) cannot be 0000.'));
  }
  if (errors.length > 0 || issueDate === null) return { ok: false, errors };

  return {
    ok: true,
    kk,
    province,
    provinceName: provinceName(province) ?? '',
    regency,
    district,
    issueDate,
    serial,
    warnings: regionWarnings(regency, district, 'KK', LABEL, LABEL_EN, opts.knownRegions),
  };
}

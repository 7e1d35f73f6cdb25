import { issue, type Checked, type Issue } from '../issue';
import { formatIsoDate, isValidDate, parseIsoDate, type IsoDate } from '../calendar/local-date';
import { provinceName } from './provinces';
import { checkDigits, checkProvince, regionWarnings, resolveYear, stripSeparators, todayParts } from './shared';

/**
 * NIK (Nomor Induk Kependudukan): PP KK CC DD MM YY SSSS, 16 digits, no checksum.
 * DD has 40 added for women. Region codes are Kemendagri's, frozen at first registration.
 */
export type Sex = 'F' | 'M';

export interface NikInfo {
  /** 16 digits, separators removed. */
  nik: string;
  /** Province code, e.g. '31'. */
  province: string;
  provinceName: string;
  /** Regency/city code with its province, e.g. '3175'. */
  regency: string;
  /** District (kecamatan) code with its regency, e.g. '317504'. */
  district: string;
  birthDate: IsoDate;
  sex: Sex;
  /** 4 digits, '0001'–'9999'. */
  serial: string;
}

export type NikResult = Checked<NikInfo>;

export interface ParseNikOptions {
  /** "Now" for the century rule; defaults to the current time. */
  today?: Date;
  /** Mall's UTC offset in minutes for deciding today's date (default 420, WIB). */
  utcOffsetMinutes?: number;
  /** Known regency and district codes (plain '3175' / '317504' or dotted '31.75' / '31.75.04'). */
  knownRegions?: ReadonlySet<string>;
}

export function parseNik(input: string, opts: ParseNikOptions = {}): NikResult {
  const checked = checkDigits(input, [16], 'NIK', 'NIK', 'NIK');
  if ('errors' in checked) return { ok: false, errors: checked.errors };
  const nik = checked.digits;
  const province = nik.slice(0, 2);
  const regency = nik.slice(0, 4);
  const district = nik.slice(0, 6);
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);

  const errors: Issue[] = [];
  const provinceError = checkProvince(province, 'NIK', 'NIK', 'NIK');
  if (provinceError) errors.push(provinceError);

  const sex: Sex = rawDay > 40 ? 'F' : 'M';
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const dayOk = (rawDay >= 1 && rawDay <= 31) || (rawDay >= 41 && rawDay <= 71);
  const monthOk = month >= 1 && month <= 12;
  let birthDate: IsoDate | null = null;
  if (!dayOk) {
    errors.push(
      issue(
        'NIK_DAY',
        `Tanggal lahir "${nik.slice(6, 8)}" pada NIK tidak valid (laki-laki 01–31, perempuan 41–71).`,
        `Birth day "${nik.slice(6, 8)}" in the NIK is invalid (men 01–31, women 41–71).`,
        { day: nik.slice(6, 8) },
      ),
    );
  }
  if (!monthOk) {
    errors.push(issue('NIK_MONTH', `Bulan lahir "${nik.slice(8, 10)}" pada NIK tidak valid.`, `Birth month "${nik.slice(8, 10)}" in the NIK is invalid.`, { month: nik.slice(8, 10) }));
  }
  if (dayOk && monthOk) {
    const year = resolveYear(yy, month, day, todayParts(opts.today, opts.utcOffsetMinutes));
    if (isValidDate(year, month, day)) {
      birthDate = formatIsoDate({ year, month, day });
    } else {
      const shown = `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}`;
      errors.push(
        issue('NIK_DATE', `Tanggal lahir pada NIK (${shown}) tidak ada di kalender.`, `The birth date in the NIK (${shown}) does not exist.`, {
          day,
          month,
          year,
        }),
      );
    }
  }
  if (serial === '0000') {
    errors.push(issue('NIK_SERIAL', 'Nomor urut NIK (4 digit terakhir) tidak boleh 0000.', 'The NIK serial number (last 4 digits) cannot be 0000.'));
  }
  if (errors.length > 0 || birthDate === null) return { ok: false, errors };

  return {
    ok: true,
    nik,
    province,
    provinceName: provinceName(province) ?? '',
    regency,
    district,
    birthDate,
    sex,
    serial,
    warnings: regionWarnings(regency, district, 'NIK', 'NIK', 'NIK', opts.knownRegions),
  };
}

/**
 * A birth date or sex on the document that differs from the NIK is a warning the officer
 * confirms: the NIK is never reissued to match the document.
 */
export function compareNikWithDocument(nik: NikInfo, doc: { birthDate?: IsoDate; sex?: Sex }): Issue[] {
  const warnings: Issue[] = [];
  if (doc.birthDate !== undefined) {
    if (parseIsoDate(doc.birthDate) === null) {
      warnings.push(
        issue('DOC_BIRTHDATE_INVALID', `Tanggal lahir pada dokumen tidak valid: "${doc.birthDate}".`, `The birth date on the document is invalid: "${doc.birthDate}".`, {
          documentBirthDate: doc.birthDate,
        }),
      );
    } else if (doc.birthDate !== nik.birthDate) {
      warnings.push(
        issue(
          'NIK_BIRTHDATE_MISMATCH',
          `Tanggal lahir pada dokumen (${doc.birthDate}) berbeda dengan yang tersirat pada NIK (${nik.birthDate}). Konfirmasi dengan pemohon; NIK tidak diubah.`,
          `The birth date on the document (${doc.birthDate}) differs from the one encoded in the NIK (${nik.birthDate}). Confirm with the applicant; the NIK is not changed.`,
          { documentBirthDate: doc.birthDate, nikBirthDate: nik.birthDate },
        ),
      );
    }
  }
  if (doc.sex !== undefined && doc.sex !== nik.sex) {
    const id = (s: Sex): string => (s === 'F' ? 'perempuan' : 'laki-laki');
    const en = (s: Sex): string => (s === 'F' ? 'female' : 'male');
    warnings.push(
      issue(
        'NIK_SEX_MISMATCH',
        `Jenis kelamin pada dokumen (${id(doc.sex)}) berbeda dengan yang tersirat pada NIK (${id(nik.sex)}). Konfirmasi dengan pemohon; NIK tidak diubah.`,
        `The sex on the document (${en(doc.sex)}) differs from the one encoded in the NIK (${en(nik.sex)}). Confirm with the applicant; the NIK is not changed.`,
        { documentSex: doc.sex, nikSex: nik.sex },
      ),
    );
  }
  return warnings;
}

/** For lists: keeps the first 4 (province + regency) and last 4 digits; anything else is fully hidden. */
export function maskNik(nik: string): string {
  const digits = stripSeparators(nik);
  if (!/^\d{16}$/.test(digits)) return '•'.repeat(16);
  return `${digits.slice(0, 4)}${'•'.repeat(8)}${digits.slice(12)}`;
}

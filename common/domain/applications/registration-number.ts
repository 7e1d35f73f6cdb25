import { issue, type Checked, type Issue } from '../issue';
import { formatIsoDate, isValidDate, parseIsoDate, type IsoDate } from '../calendar/local-date';

/**
 * Registration number: AGENCY-YYMMDD-STATION-NNNN-C, e.g. DUKCAPIL-260312-L03-0042-7.
 * Unique without coordination: each station (counter device, online or offline) has a code unique
 * within its agency and numbers its own applications per local day. C is an ISO 7064 MOD 37,36 check
 * character over the letters and digits, which catches every single-character typo when an officer
 * types a number into a search. Letters and digits only in codes, so the parts split unambiguously.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const AGENCY_RE = /^[A-Z0-9]{2,12}$/;
const STATION_RE = /^[A-Z0-9]{1,6}$/;
export const MAX_SEQUENCE = 9999;

/** ISO 7064 MOD 37,36 (hybrid system) check character for an alphanumeric payload. */
export function mod3736CheckChar(payload: string): string {
  let p = 36;
  for (const ch of payload) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`Not alphanumeric: ${JSON.stringify(ch)}`);
    let s = (p + v) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return ALPHABET[(37 - p) % 36] ?? '0';
}

export interface RegistrationNumberParts {
  agencyCode: string;
  /** Local date in the mall's time zone, 2000–2099. */
  date: IsoDate;
  stationCode: string;
  seq: number;
}

export type RegistrationNumberInfo = RegistrationNumberParts & { value: string };

const EXAMPLE = 'DUKCAPIL-260312-L03-0042-7';

function partErrors(parts: RegistrationNumberParts): Issue[] {
  const errors: Issue[] = [];
  if (!AGENCY_RE.test(parts.agencyCode)) {
    errors.push(
      issue(
        'REGNO_AGENCY_CODE',
        `Kode instansi "${parts.agencyCode}" untuk nomor registrasi harus 2–12 huruf/angka tanpa tanda baca.`,
        `Agency code "${parts.agencyCode}" for a registration number must be 2–12 letters or digits without punctuation.`,
        { agencyCode: parts.agencyCode },
      ),
    );
  }
  if (!STATION_RE.test(parts.stationCode)) {
    errors.push(
      issue(
        'REGNO_STATION_CODE',
        `Kode loket/stasiun "${parts.stationCode}" harus 1–6 huruf/angka tanpa tanda baca.`,
        `Counter/station code "${parts.stationCode}" must be 1–6 letters or digits without punctuation.`,
        { stationCode: parts.stationCode },
      ),
    );
  }
  const d = parseIsoDate(parts.date);
  if (!d || d.year < 2000 || d.year > 2099) {
    errors.push(issue('REGNO_DATE', `Tanggal "${parts.date}" pada nomor registrasi tidak valid.`, `The date "${parts.date}" in the registration number is invalid.`, { date: parts.date }));
  }
  if (!Number.isInteger(parts.seq) || parts.seq < 1 || parts.seq > MAX_SEQUENCE) {
    errors.push(
      issue(
        'REGNO_SEQUENCE',
        `Nomor urut registrasi harus 0001–${MAX_SEQUENCE} (terisi ${parts.seq}).`,
        `The registration sequence must be 0001–${MAX_SEQUENCE} (got ${parts.seq}).`,
        { seq: parts.seq },
      ),
    );
  }
  return errors;
}

const body = (p: RegistrationNumberParts): [string, string, string, string] => [p.agencyCode, p.date.slice(2).replace(/-/g, ''), p.stationCode, String(p.seq).padStart(4, '0')];

export function formatRegistrationNumber(input: RegistrationNumberParts): Checked<{ value: string }> {
  const parts = { ...input, agencyCode: input.agencyCode.trim().toUpperCase(), stationCode: input.stationCode.trim().toUpperCase() };
  const errors = partErrors(parts);
  if (errors.length > 0) return { ok: false, errors };
  const [agency, yymmdd, station, seq] = body(parts);
  const check = mod3736CheckChar(`${agency}${yymmdd}${station}${seq}`);
  return { ok: true, value: `${agency}-${yymmdd}-${station}-${seq}-${check}`, warnings: [] };
}

/** Accepts lower case, spaces instead of dashes and a missing dash before the check character, as officers type them into a search box. */
export function parseRegistrationNumber(input: string): Checked<RegistrationNumberInfo> {
  const normalised = input
    .trim()
    .toUpperCase()
    .replace(/[\s\u2010-\u2015\u2212-]+/g, '-');
  if (normalised === '') {
    return { ok: false, errors: [issue('REGNO_EMPTY', 'Nomor registrasi wajib diisi.', 'Registration number is required.')] };
  }
  const m = /^([A-Z0-9]{2,12})-(\d{2})(\d{2})(\d{2})-([A-Z0-9]{1,6})-(\d{4})-?([A-Z0-9])$/.exec(normalised);
  if (!m) {
    return {
      ok: false,
      errors: [
        issue(
          'REGNO_FORMAT',
          `Format nomor registrasi tidak dikenali. Contoh yang benar: ${EXAMPLE}.`,
          `Registration number format not recognised. A valid example: ${EXAMPLE}.`,
          { input: input.trim() },
        ),
      ],
    };
  }
  const [, agencyCode = '', yy = '', mm = '', dd = '', stationCode = '', seqText = '', check = ''] = m;
  const year = 2000 + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const date = isValidDate(year, month, day) ? formatIsoDate({ year, month, day }) : `${year}-${mm}-${dd}`;
  const parts: RegistrationNumberParts = { agencyCode, date, stationCode, seq: Number(seqText) };
  // The check character is tested first: a typo is the likeliest cause of any other fault.
  if (mod3736CheckChar(`${agencyCode}${yy}${mm}${dd}${stationCode}${seqText}`) !== check) {
    return {
      ok: false,
      errors: [
        issue(
          'REGNO_CHECK',
          `Nomor registrasi ${normalised} tidak valid: karakter kontrol tidak cocok, kemungkinan ada salah ketik. Periksa kembali.`,
          `Registration number ${normalised} is invalid: the check character does not match, probably a typo. Please check it.`,
          { input: normalised },
        ),
      ],
    };
  }
  const errors = partErrors(parts);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, ...parts, value: `${agencyCode}-${yy}${mm}${dd}-${stationCode}-${seqText}-${check}`, warnings: [] };
}

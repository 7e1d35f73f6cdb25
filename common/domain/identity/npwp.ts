import { issue, type Checked, type Issue } from '../issue';
import { parseNik, type ParseNikOptions } from './nik';
import { checkDigits } from './shared';

/**
 * NPWP forms accepted since 1 July 2024 (PMK 112/2022, PMK 136/2023):
 * - legacy: 15 digits, shown 99.999.999.9-999.999;
 * - 16 digits: "0" + the legacy 15 digits for non-individuals, or the NIK for individuals;
 * - NITKU (a place of business): the 16-digit NPWP + a 6-digit sequence, 22 digits.
 */
export type NpwpKind = 'legacy15' | 'npwp16' | 'nik' | 'nitku22';

export interface NpwpInfo {
  kind: NpwpKind;
  /** Digits as entered, separators removed. */
  npwp: string;
  /** The 16-digit NPWP this number stands for (legacy numbers get the leading "0"). */
  npwp16: string;
  /** NITKU place-of-business sequence (6 digits), or null. */
  nitkuSequence: string | null;
  formatted: string;
}

export type NpwpResult = Checked<NpwpInfo>;

/** Legacy layout: 2 type + 6 serial + 1 check + 3 tax office + 3 branch status. */
const formatLegacy = (d: string): string => `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d.slice(8, 9)}-${d.slice(9, 12)}.${d.slice(12, 15)}`;

/** Luhn check digit over the first 8 digits: widely observed but not published by DJP, so warn only. */
export function legacyNpwpCheckDigitMatches(legacy15: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    let v = Number(legacy15[7 - i]);
    if (i % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return (10 - (sum % 10)) % 10 === Number(legacy15[8]);
}

const checkDigitWarning = (legacy15: string): Issue[] =>
  legacyNpwpCheckDigitMatches(legacy15)
    ? []
    : [
        issue(
          'NPWP_CHECK_DIGIT',
          `Digit ke-9 NPWP (${formatLegacy(legacy15)}) tidak cocok dengan pola umum. Pola ini tidak resmi: periksa kembali dengan kartu NPWP, lalu lanjutkan bila sudah sesuai.`,
          `The 9th digit of the NPWP (${formatLegacy(legacy15)}) does not match the usual pattern. The pattern is unofficial: check against the NPWP card and continue if it matches.`,
          { npwp: legacy15 },
        ),
      ];

/** Checks a 16-digit NPWP: "0" + legacy, or a NIK (individuals). */
function check16(d16: string, opts: ParseNikOptions): { kind: 'npwp16' | 'nik'; warnings: Issue[] } | { errors: Issue[] } {
  if (d16.startsWith('0')) return { kind: 'npwp16', warnings: checkDigitWarning(d16.slice(1)) };
  const nik = parseNik(d16, opts);
  if (nik.ok) return { kind: 'nik', warnings: nik.warnings };
  return {
    errors: [
      issue(
        'NPWP_NIK_INVALID',
        'NPWP 16 digit yang tidak diawali 0 adalah NIK (wajib pajak orang pribadi), tetapi NIK ini tidak valid.',
        'A 16-digit NPWP that does not start with 0 is a NIK (individual taxpayer), but this NIK is invalid.',
      ),
      ...nik.errors,
    ],
  };
}

export function parseNpwp(input: string, opts: ParseNikOptions = {}): NpwpResult {
  const checked = checkDigits(input, [15, 16, 22], 'NPWP', 'NPWP', 'NPWP');
  if ('errors' in checked) return { ok: false, errors: checked.errors };
  const d = checked.digits;
  if (d.length === 15) {
    return { ok: true, kind: 'legacy15', npwp: d, npwp16: `0${d}`, nitkuSequence: null, formatted: formatLegacy(d), warnings: checkDigitWarning(d) };
  }
  const base = check16(d.slice(0, 16), opts);
  if ('errors' in base) return { ok: false, errors: base.errors };
  if (d.length === 16) {
    return { ok: true, kind: base.kind, npwp: d, npwp16: d, nitkuSequence: null, formatted: d, warnings: base.warnings };
  }
  return { ok: true, kind: 'nitku22', npwp: d, npwp16: d.slice(0, 16), nitkuSequence: d.slice(16), formatted: d, warnings: base.warnings };
}

/** Legacy numbers get the 99.999.999.9-999.999 mask; 16- and 22-digit numbers are shown as plain digits, as DJP does. Invalid input is returned trimmed. */
export function formatNpwp(input: string): string {
  const r = parseNpwp(input);
  return r.ok ? r.formatted : input.trim();
}

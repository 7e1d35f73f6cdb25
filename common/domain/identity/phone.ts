import { issue, type Checked } from '../issue';

/**
 * Indonesian phone numbers, normalised to E.164 (+62…). Mobile numbers are 08xx with 10–13 digits
 * in national form; landlines are 0 + area code (2–3 digits, e.g. 021, 0361) + subscriber number,
 * 9–11 digits in national form.
 */
export type PhoneKind = 'mobile' | 'landline';

export interface PhoneInfo {
  kind: PhoneKind;
  /** '+628123456789'. */
  e164: string;
  /** '08123456789'. */
  national: string;
}

export type PhoneResult = Checked<PhoneInfo>;

const MOBILE_NATIONAL_LENGTH = { min: 10, max: 13 } as const;
const LANDLINE_NATIONAL_LENGTH = { min: 9, max: 11 } as const;

export function parsePhone(input: string): PhoneResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, errors: [issue('PHONE_EMPTY', 'Nomor telepon wajib diisi.', 'Phone number is required.')] };
  // Spaces, dots, dashes and the parentheses around an area code are only grouping.
  const compact = raw.replace(/[\s.\-\u2010-\u2015\u2212()]/g, '');
  const bad = /[^0-9+]|(?!^)\+/.exec(compact);
  if (bad) {
    return {
      ok: false,
      errors: [
        issue('PHONE_NOT_DIGITS', `Nomor telepon hanya boleh berisi angka dan awalan + (ditemukan "${bad[0]}").`, `A phone number may contain digits and a leading + only (found "${bad[0]}").`, {
          character: bad[0],
        }),
      ],
    };
  }

  let nsn: string; // national significant number, without the trunk 0
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+62')) {
      return {
        ok: false,
        errors: [issue('PHONE_COUNTRY', 'Hanya nomor Indonesia (+62) yang diterima.', 'Only Indonesian numbers (+62) are accepted.')],
      };
    }
    nsn = compact.slice(3);
  } else if (compact.startsWith('62')) {
    nsn = compact.slice(2);
  } else if (compact.startsWith('0')) {
    nsn = compact.slice(1);
  } else {
    return {
      ok: false,
      errors: [
        issue(
          'PHONE_PREFIX',
          'Nomor telepon harus diawali 08 (seluler), 0 + kode wilayah (telepon rumah/kantor), +62 atau 62.',
          'A phone number must start with 08 (mobile), 0 + area code (landline), +62 or 62.',
        ),
      ],
    };
  }
  if (nsn.startsWith('0')) {
    return {
      ok: false,
      errors: [issue('PHONE_EXTRA_ZERO', 'Setelah +62 atau 62, hapus angka 0 di depan (contoh: +62 812…).', 'After +62 or 62, drop the leading 0 (e.g. +62 812…).')],
    };
  }

  const national = `0${nsn}`;
  if (nsn.startsWith('8')) {
    // 080x are toll-free/premium service numbers, not reachable mobiles.
    if (!/^8[1-9]/.test(nsn)) {
      return {
        ok: false,
        errors: [issue('PHONE_MOBILE_PREFIX', `Awalan ${national.slice(0, 4)} bukan nomor seluler.`, `Prefix ${national.slice(0, 4)} is not a mobile number.`)],
      };
    }
    if (national.length < MOBILE_NATIONAL_LENGTH.min || national.length > MOBILE_NATIONAL_LENGTH.max) {
      return {
        ok: false,
        errors: [
          issue(
            'PHONE_MOBILE_LENGTH',
            `Nomor seluler harus ${MOBILE_NATIONAL_LENGTH.min}–${MOBILE_NATIONAL_LENGTH.max} digit termasuk 08 di depan (terisi ${national.length} digit).`,
            `A mobile number must have ${MOBILE_NATIONAL_LENGTH.min}–${MOBILE_NATIONAL_LENGTH.max} digits including the leading 08 (got ${national.length}).`,
            { length: national.length },
          ),
        ],
      };
    }
    return { ok: true, kind: 'mobile', e164: `+62${nsn}`, national, warnings: [] };
  }
  if (!/^[2-79]/.test(nsn)) {
    // 1xx are short service numbers (112, 1500…), not subscriber numbers.
    return {
      ok: false,
      errors: [
        issue(
          'PHONE_AREA_CODE',
          'Nomor telepon rumah/kantor harus diawali 0 dan kode wilayah (contoh: 021, 0361).',
          'A landline number must start with 0 and an area code (e.g. 021, 0361).',
        ),
      ],
    };
  }
  if (national.length < LANDLINE_NATIONAL_LENGTH.min || national.length > LANDLINE_NATIONAL_LENGTH.max) {
    return {
      ok: false,
      errors: [
        issue(
          'PHONE_LANDLINE_LENGTH',
          `Nomor telepon rumah/kantor harus ${LANDLINE_NATIONAL_LENGTH.min}–${LANDLINE_NATIONAL_LENGTH.max} digit termasuk kode wilayah (terisi ${national.length} digit).`,
          `A landline number must have ${LANDLINE_NATIONAL_LENGTH.min}–${LANDLINE_NATIONAL_LENGTH.max} digits including the area code (got ${national.length}).`,
          { length: national.length },
        ),
      ],
    };
  }
  return { ok: true, kind: 'landline', e164: `+62${nsn}`, national, warnings: [] };
}

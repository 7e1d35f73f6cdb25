import { describe, expect, it } from 'vitest';
import type { Issue } from '../../common/domain/issue';
import { compareNikWithDocument, maskNik, parseNik, type NikInfo } from '../../common/domain/identity/nik';
import { PROVINCES, isProvinceCode } from '../../common/domain/identity/provinces';
import { parseKk } from '../../common/domain/identity/kk';
import { formatNpwp, legacyNpwpCheckDigitMatches, parseNpwp } from '../../common/domain/identity/npwp';
import { parseNib } from '../../common/domain/identity/nib';
import { parsePhone } from '../../common/domain/identity/phone';

const TODAY = new Date('2026-03-10T03:00:00Z'); // 10:00 WIB, Tuesday 10 March 2026

/** Every user-facing issue must carry distinct, non-empty Indonesian and English texts. */
function expectBilingual(issues: Issue[]): void {
  for (const i of issues) {
    expect(i.code).toMatch(/^[A-Z_]+$/);
    expect(i.message.length).toBeGreaterThan(5);
    expect(i.messageEn.length).toBeGreaterThan(5);
    expect(i.message).not.toBe(i.messageEn);
  }
}

function okNik(input: string, opts: Parameters<typeof parseNik>[1] = { today: TODAY }): NikInfo & { warnings: Issue[] } {
  const r = parseNik(input, opts);
  if (!r.ok) throw new Error(`expected valid NIK ${input}: ${r.errors.map((e) => e.code).join()}`);
  return r;
}

describe('provinces', () => {
  it('holds exactly the 38 Kemendagri province codes of the README', () => {
    const expected = ['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '51', '52', '53', '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76', '81', '82', '91', '92', '93', '94', '95', '96'];
    expect(Object.keys(PROVINCES).sort()).toEqual(expected);
    expect(PROVINCES['31']).toBe('DKI Jakarta');
    expect(PROVINCES['96']).toBe('Papua Barat Daya');
  });
  it.each(['10', '20', '22', '30', '37', '50', '54', '60', '66', '70', '77', '80', '83', '90', '97', '99', '00'])('rejects %s', (code) => {
    expect(isProvinceCode(code)).toBe(false);
  });
});

describe('parseNik: valid numbers', () => {
  it.each([
    // input, birthDate, sex, province, regency, district, serial
    ['3175045205900001', '1990-05-12', 'F', '31', '3175', '317504', '0001'], // woman, Jakarta Timur
    ['3175 0452 0590 0001', '1990-05-12', 'F', '31', '3175', '317504', '0001'],
    ['31.75.04.520590.0001', '1990-05-12', 'F', '31', '3175', '317504', '0001'],
    ['3175-0452-0590-0001', '1990-05-12', 'F', '31', '3175', '317504', '0001'],
    ['  3175045205900001\t', '1990-05-12', 'F', '31', '3175', '317504', '0001'],
    ['3273011203850002', '1985-03-12', 'M', '32', '3273', '327301', '0002'], // man, Kota Bandung
    ['3578017101950005', '1995-01-31', 'F', '35', '3578', '357801', '0005'], // day 71 = 31st for a woman
    ['3578014101950005', '1995-01-01', 'F', '35', '3578', '357801', '0005'], // day 41 = 1st for a woman
    ['3578013101950005', '1995-01-31', 'M', '35', '3578', '357801', '0005'], // day 31, man
    ['3201016902000003', '2000-02-29', 'F', '32', '3201', '320101', '0003'], // Feb 29, leap year 2000
    ['3301012902960004', '1996-02-29', 'M', '33', '3301', '330101', '0004'], // Feb 29, leap year 1996
    ['9601010101019999', '2001-01-01', 'M', '96', '9601', '960101', '9999'], // Papua Barat Daya, serial 9999
    ['1101011512991234', '1999-12-15', 'M', '11', '1101', '110101', '1234'],
  ])('%s', (input, birthDate, sex, province, regency, district, serial) => {
    const r = okNik(input);
    expect(r).toMatchObject({ nik: input.replace(/\D/g, ''), birthDate, sex, province, regency, district, serial, warnings: [] });
    expect(r.provinceName).toBe(PROVINCES[province as keyof typeof PROVINCES]);
  });
});

describe('parseNik: invalid numbers', () => {
  it.each([
    ['empty', '', ['NIK_EMPTY']],
    ['only separators', ' . - ', ['NIK_EMPTY']],
    ['a letter', '31750452059000A1', ['NIK_NOT_DIGITS']],
    ['letter O for zero', '317504520590OOO1', ['NIK_NOT_DIGITS']],
    ['slash', '3175/045205900001', ['NIK_NOT_DIGITS']],
    ['15 digits', '317504520590001', ['NIK_LENGTH']],
    ['17 digits', '31750452059000011', ['NIK_LENGTH']],
    ['province 20', '2075045205900001', ['NIK_PROVINCE']],
    ['province 99', '9975045205900001', ['NIK_PROVINCE']],
    ['province 00', '0075045205900001', ['NIK_PROVINCE']],
    ['province 37', '3775045205900001', ['NIK_PROVINCE']],
    ['serial 0000', '3175045205900000', ['NIK_SERIAL']],
    ['day 00', '3175040005900001', ['NIK_DAY']],
    ['day 32', '3175043205900001', ['NIK_DAY']],
    ['day 40 (between men and women)', '3175044005900001', ['NIK_DAY']],
    ['day 72', '3175047205900001', ['NIK_DAY']],
    ['month 00', '3175041200900001', ['NIK_MONTH']],
    ['month 13', '3175041213900001', ['NIK_MONTH']],
    ['Feb 29 in a non-leap year (woman, 2001)', '3201016902010003', ['NIK_DATE']],
    ['Feb 29 in a non-leap year (man, 1995)', '3201012902950003', ['NIK_DATE']],
    ['Feb 30 (woman)', '3201017002000003', ['NIK_DATE']],
    ['April 31 (man)', '3201013104900003', ['NIK_DATE']],
    ['several faults at once', '9975040013900000', ['NIK_PROVINCE', 'NIK_DAY', 'NIK_MONTH', 'NIK_SERIAL']],
  ])('%s', (_name, input, codes) => {
    const r = parseNik(input, { today: TODAY });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code).sort()).toEqual([...codes].sort());
    expectBilingual(r.errors);
  });

  it('reports the length it found', () => {
    const r = parseNik('31750452059000011');
    expect(r.ok ? null : r.errors[0]?.details).toEqual({ length: 17 });
  });
});

describe('parseNik: century rule', () => {
  it.each([
    // YYMMDD of birth, today, expected birth date
    ['260310', TODAY, '2026-03-10'], // born today: not in the future
    ['260311', TODAY, '1926-03-11'], // tomorrow in 2026 would be the future
    ['251231', TODAY, '2025-12-31'],
    ['270101', TODAY, '1927-01-01'],
    ['000101', TODAY, '2000-01-01'],
    ['991231', TODAY, '1999-12-31'],
    ['000229', new Date('2026-01-01T00:00:00Z'), '2000-02-29'],
  ])('YYMMDD %s, today %s → %s', (yymmdd, today, expected) => {
    const [yy, mm, dd] = [yymmdd.slice(0, 2), yymmdd.slice(2, 4), yymmdd.slice(4, 6)];
    expect(okNik(`327301${dd}${mm}${yy}0001`, { today }).birthDate).toBe(expected);
  });

  it('Feb 29 of year 00 is impossible when the century rule gives 1900', () => {
    const r = parseNik('3273012902000001', { today: new Date('1999-12-31T00:00:00Z') });
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual(['NIK_DATE']);
  });

  it('decides "today" in the mall time zone, not in UTC', () => {
    const lateUtc = new Date('2026-03-10T18:00:00Z'); // already 11 March 01:00 in WIB
    expect(okNik('3273011103260001', { today: lateUtc, utcOffsetMinutes: 420 }).birthDate).toBe('2026-03-11');
    expect(okNik('3273011103260001', { today: lateUtc, utcOffsetMinutes: 0 }).birthDate).toBe('1926-03-11');
  });
});

describe('parseNik: region warnings', () => {
  const nik = '3175045205900001';
  it.each([
    ['plain codes known', new Set(['3175', '317504']), []],
    ['dotted codes known', new Set(['31.75', '31.75.04']), []],
    ['district unknown', new Set(['3175', '317501']), ['NIK_DISTRICT_UNKNOWN']],
    ['regency unknown', new Set(['3171', '317101']), ['NIK_REGENCY_UNKNOWN']],
    ['empty list', new Set<string>(), ['NIK_REGENCY_UNKNOWN']],
  ])('%s', (_name, knownRegions, codes) => {
    const r = okNik(nik, { today: TODAY, knownRegions });
    expect(r.warnings.map((w) => w.code)).toEqual(codes);
    expectBilingual(r.warnings);
  });

  it('warns without a list when a region part is 00, still accepting the number', () => {
    expect(okNik('3100015205900001').warnings.map((w) => w.code)).toEqual(['NIK_REGION_ZERO']);
    expect(okNik('3175005205900001').warnings.map((w) => w.code)).toEqual(['NIK_REGION_ZERO']);
  });
});

describe('compareNikWithDocument', () => {
  const nik = okNik('3175045205900001');
  it.each([
    ['matching document', { birthDate: '1990-05-12', sex: 'F' as const }, []],
    ['nothing to compare', {}, []],
    ['other birth date', { birthDate: '1990-05-13' }, ['NIK_BIRTHDATE_MISMATCH']],
    ['other century', { birthDate: '1890-05-12' }, ['NIK_BIRTHDATE_MISMATCH']],
    ['other sex', { sex: 'M' as const }, ['NIK_SEX_MISMATCH']],
    ['both differ', { birthDate: '1991-05-12', sex: 'M' as const }, ['NIK_BIRTHDATE_MISMATCH', 'NIK_SEX_MISMATCH']],
    ['unreadable document date', { birthDate: '12-05-1990' }, ['DOC_BIRTHDATE_INVALID']],
  ])('%s', (_name, doc, codes) => {
    const w = compareNikWithDocument(nik, doc);
    expect(w.map((x) => x.code)).toEqual(codes);
    expectBilingual(w);
  });

  it('names both values in the message', () => {
    const [w] = compareNikWithDocument(nik, { birthDate: '1990-05-13' });
    expect(w?.message).toContain('1990-05-13');
    expect(w?.message).toContain('1990-05-12');
  });
});

describe('maskNik', () => {
  it.each([
    ['3174015205900001', '3174••••••••0001'],
    ['3174 0152 0590 0001', '3174••••••••0001'],
    ['3175045205909876', '3175••••••••9876'],
    ['317401520590001', '••••••••••••••••'], // not a NIK: show nothing
    ['31740152059000012', '••••••••••••••••'],
    ['', '••••••••••••••••'],
  ])('%s → %s', (input, masked) => {
    expect(maskNik(input)).toBe(masked);
  });
  it('never shows the birth date digits', () => {
    expect(maskNik('3175045205900001')).not.toMatch(/520590/);
  });
});

describe('parseKk', () => {
  it.each([
    ['3175041203150007', '2015-03-12', '3175', '0007'],
    ['3175 0412 0315 0007', '2015-03-12', '3175', '0007'],
    ['3273013112990001', '1999-12-31', '3273', '0001'],
    ['3273012902240001', '2024-02-29', '3273', '0001'], // leap year
    ['3273011003260001', '2026-03-10', '3273', '0001'], // issued today
    ['3273011103260001', '1926-03-11', '3273', '0001'], // tomorrow → previous century
  ])('valid %s', (input, issueDate, regency, serial) => {
    const r = parseKk(input, { today: TODAY });
    expect(r).toMatchObject({ ok: true, kk: input.replace(/\D/g, ''), issueDate, regency, serial });
  });

  it.each([
    ['', ['KK_EMPTY']],
    ['31750412031500X7', ['KK_NOT_DIGITS']],
    ['317504120315007', ['KK_LENGTH']],
    ['31750412031500071', ['KK_LENGTH']],
    ['2075041203150007', ['KK_PROVINCE']],
    ['3175045203150007', ['KK_DAY']], // no +40 in a KK
    ['3175040003150007', ['KK_DAY']],
    ['3175041213150007', ['KK_MONTH']],
    ['3175042902230007', ['KK_DATE']], // 2023 is not a leap year
    ['3175043104150007', ['KK_DATE']],
    ['3175041203150000', ['KK_SERIAL']],
  ])('invalid %s', (input, codes) => {
    const r = parseKk(input, { today: TODAY });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual(codes);
    expectBilingual(r.errors);
  });

  it('warns on an unknown regency', () => {
    const r = parseKk('3175041203150007', { today: TODAY, knownRegions: new Set(['3171', '317101']) });
    expect(r.ok ? r.warnings.map((w) => w.code) : null).toEqual(['KK_REGENCY_UNKNOWN']);
  });
});

describe('parseNpwp', () => {
  it.each([
    ['09.254.294.3-407.000', 'legacy15', '0092542943407000', null, '09.254.294.3-407.000'],
    ['092542943407000', 'legacy15', '0092542943407000', null, '09.254.294.3-407.000'],
    ['09 254 294 3 407 000', 'legacy15', '0092542943407000', null, '09.254.294.3-407.000'],
    ['0092542943407000', 'npwp16', '0092542943407000', null, '0092542943407000'],
    ['3175045205900001', 'nik', '3175045205900001', null, '3175045205900001'], // individual: NIK as NPWP
    ['0092542943407000000001', 'nitku22', '0092542943407000', '000001', '0092542943407000000001'],
    ['3175045205900001000000', 'nitku22', '3175045205900001', '000000', '3175045205900001000000'],
  ])('valid %s', (input, kind, npwp16, nitkuSequence, formatted) => {
    const r = parseNpwp(input, { today: TODAY });
    expect(r).toMatchObject({ ok: true, kind, npwp16, nitkuSequence, formatted, warnings: [] });
  });

  it.each(['09.254.294.4-407.000', '0092542944407000', '0092542944407000000001'])(
    'only warns when the unofficial check digit does not match: %s',
    (input) => {
      const r = parseNpwp(input);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.warnings.map((w) => w.code)).toEqual(['NPWP_CHECK_DIGIT']);
      expectBilingual(r.warnings);
    },
  );

  it.each([
    ['', ['NPWP_EMPTY']],
    ['09.254.294.3-407.00A', ['NPWP_NOT_DIGITS']],
    ['09254294340700', ['NPWP_LENGTH']], // 14
    ['00925429434070001', ['NPWP_LENGTH']], // 17
    ['009254294340700000001', ['NPWP_LENGTH']], // 21
    ['9999999999999999', ['NPWP_NIK_INVALID', 'NIK_PROVINCE', 'NIK_DAY', 'NIK_MONTH']],
    ['3175045205900000', ['NPWP_NIK_INVALID', 'NIK_SERIAL']],
    ['3175045205900000000001', ['NPWP_NIK_INVALID', 'NIK_SERIAL']],
  ])('invalid %s', (input, codes) => {
    const r = parseNpwp(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual(codes);
    expectBilingual(r.errors);
  });

  it('Luhn check digit over the first 8 digits: only the right 9th digit matches', () => {
    const matching = [...'0123456789'].filter((c) => legacyNpwpCheckDigitMatches(`09254294${c}407000`));
    expect(matching).toEqual(['3']);
    expect(legacyNpwpCheckDigitMatches('011111115000000')).toBe(false);
  });

  it.each([
    ['092542943407000', '09.254.294.3-407.000'],
    ['09-254-294-3-407-000', '09.254.294.3-407.000'],
    ['0092542943407000', '0092542943407000'],
    ['  not an npwp ', 'not an npwp'],
  ])('formatNpwp(%s) → %s', (input, out) => {
    expect(formatNpwp(input)).toBe(out);
  });
});

describe('parseNib', () => {
  it.each([
    ['8120000123456', '8120000123456'],
    ['8120 0001 23456', '8120000123456'],
    ['0220000000001', '0220000000001'],
  ])('valid %s', (input, nib) => {
    expect(parseNib(input)).toEqual({ ok: true, nib, warnings: [] });
  });
  it.each([
    ['', 'NIB_EMPTY'],
    ['812000012345', 'NIB_LENGTH'],
    ['81200001234567', 'NIB_LENGTH'],
    ['812000012345X', 'NIB_NOT_DIGITS'],
  ])('invalid %s', (input, code) => {
    const r = parseNib(input);
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual([code]);
    if (!r.ok) expectBilingual(r.errors);
  });
});

describe('parsePhone', () => {
  it.each([
    ['081234567890', 'mobile', '+6281234567890', '081234567890'],
    ['+62 812-3456-7890', 'mobile', '+6281234567890', '081234567890'],
    ['62 812 3456 7890', 'mobile', '+6281234567890', '081234567890'],
    ['0812.3456.7890', 'mobile', '+6281234567890', '081234567890'],
    ['0812345678', 'mobile', '+62812345678', '0812345678'], // 10 digits, the shortest
    ['0812345678901', 'mobile', '+62812345678901', '0812345678901'], // 13 digits, the longest
    ['0895 1234 5678', 'mobile', '+6289512345678', '089512345678'],
    ['(021) 5551234', 'landline', '+62215551234', '0215551234'],
    ['021-5551-2345', 'landline', '+622155512345', '02155512345'],
    ['+62 21 5551234', 'landline', '+62215551234', '0215551234'],
    ['0361 234567', 'landline', '+62361234567', '0361234567'],
    ['0274 12345', 'landline', '+6227412345', '027412345'],
  ])('valid %s', (input, kind, e164, national) => {
    expect(parsePhone(input)).toEqual({ ok: true, kind, e164, national, warnings: [] });
  });

  it.each([
    ['', 'PHONE_EMPTY'],
    ['   ', 'PHONE_EMPTY'],
    ['0812-3456-789a', 'PHONE_NOT_DIGITS'],
    ['+62+8123456789', 'PHONE_NOT_DIGITS'],
    ['0812 3456 7890 ext 1', 'PHONE_NOT_DIGITS'],
    ['+1 202 555 0100', 'PHONE_COUNTRY'],
    ['+60 12 345 6789', 'PHONE_COUNTRY'],
    ['812345678', 'PHONE_PREFIX'],
    ['112', 'PHONE_PREFIX'],
    ['+62 0812 3456 7890', 'PHONE_EXTRA_ZERO'],
    ['6208123456789', 'PHONE_EXTRA_ZERO'],
    ['081234567', 'PHONE_MOBILE_LENGTH'], // 9 digits
    ['08123456789012', 'PHONE_MOBILE_LENGTH'], // 14 digits
    ['0800 1234 567', 'PHONE_MOBILE_PREFIX'],
    ['0112345678', 'PHONE_AREA_CODE'],
    ['021 12345', 'PHONE_LANDLINE_LENGTH'], // 8 digits
    ['021 123456789', 'PHONE_LANDLINE_LENGTH'], // 12 digits
  ])('invalid %s', (input, code) => {
    const r = parsePhone(input);
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual([code]);
    if (!r.ok) expectBilingual(r.errors);
  });
});

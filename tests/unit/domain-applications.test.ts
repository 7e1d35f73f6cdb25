import { describe, expect, it } from 'vitest';
import {
  ALLOWED,
  APPLICATION_STATUSES,
  ApplicationStatusSchema,
  STATUS_LABELS,
  assertTransition,
  canTransition,
  clockEffect,
  type ApplicationStatus,
} from '../../common/domain/applications/status';
import { formatRegistrationNumber, mod3736CheckChar, parseRegistrationNumber, type RegistrationNumberParts } from '../../common/domain/applications/registration-number';
import { formatRupiah, validateFee } from '../../common/domain/applications/fee';

/** The workflow written out independently of ALLOWED, pair by pair. */
const EXPECTED_ALLOWED: ReadonlyArray<[ApplicationStatus, ApplicationStatus]> = [
  ['diterima', 'diverifikasi'],
  ['diterima', 'berkas_belum_lengkap'],
  ['diterima', 'ditolak'],
  ['diterima', 'dibatalkan'],
  ['berkas_belum_lengkap', 'diverifikasi'],
  ['berkas_belum_lengkap', 'ditolak'],
  ['berkas_belum_lengkap', 'dibatalkan'],
  ['diverifikasi', 'diproses'],
  ['diverifikasi', 'berkas_belum_lengkap'],
  ['diverifikasi', 'ditolak'],
  ['diverifikasi', 'dibatalkan'],
  ['diproses', 'selesai'],
  ['diproses', 'berkas_belum_lengkap'],
  ['diproses', 'ditolak'],
  ['diproses', 'dibatalkan'],
  ['selesai', 'diambil'],
];
const allowedKey = new Set(EXPECTED_ALLOWED.map(([a, b]) => `${a}>${b}`));
const ALL_PAIRS = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.map((to) => [from, to] as [ApplicationStatus, ApplicationStatus]));
const REFUSED = ALL_PAIRS.filter(([a, b]) => !allowedKey.has(`${a}>${b}`));
const NEEDS_REASON = new Set<ApplicationStatus>(['ditolak', 'dibatalkan', 'berkas_belum_lengkap']);

describe('application status workflow', () => {
  it('has the eight statuses', () => {
    expect([...APPLICATION_STATUSES].sort()).toEqual(['berkas_belum_lengkap', 'diambil', 'dibatalkan', 'diproses', 'diterima', 'ditolak', 'diverifikasi', 'selesai']);
    expect(ApplicationStatusSchema.safeParse('diproses').success).toBe(true);
    expect(ApplicationStatusSchema.safeParse('DIPROSES').success).toBe(false);
  });

  it.each(EXPECTED_ALLOWED)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(ALLOWED[from]).toContain(to);
    const r = assertTransition(from, to, { reason: '  Dokumen KTP tidak terbaca  ' });
    expect(r).toEqual({ ok: true, reason: 'Dokumen KTP tidak terbaca' });
  });

  it.each(REFUSED)('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const r = assertTransition(from, to, { reason: 'alasan' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('STATUS_TRANSITION');
    expect(r.error.message).toContain(STATUS_LABELS[from].id);
    expect(r.error.messageEn).toContain(STATUS_LABELS[to].en);
    expect(r.error.details).toEqual({ from, to });
  });

  it('covers all 64 pairs: 16 allowed, 48 refused', () => {
    expect(ALL_PAIRS.filter(([a, b]) => canTransition(a, b))).toHaveLength(16);
    expect(REFUSED).toHaveLength(48);
  });

  it.each(['diambil', 'ditolak', 'dibatalkan'] as const)('%s is final', (s) => {
    expect(ALLOWED[s]).toEqual([]);
    const r = assertTransition(s, 'diproses');
    expect(r.ok ? null : r.error.message).toMatch(/sudah final/);
    expect(r.ok ? null : r.error.messageEn).toMatch(/is final/);
  });

  it.each(EXPECTED_ALLOWED.filter(([, to]) => NEEDS_REASON.has(to)))('%s → %s needs a reason', (from, to) => {
    for (const reason of [undefined, '', '   \n ']) {
      const r = assertTransition(from, to, reason === undefined ? {} : { reason });
      expect(r.ok ? null : r.error.code).toBe('STATUS_REASON_REQUIRED');
    }
  });

  it.each(EXPECTED_ALLOWED.filter(([, to]) => !NEEDS_REASON.has(to)))('%s → %s needs no reason', (from, to) => {
    expect(assertTransition(from, to)).toEqual({ ok: true, reason: null });
  });

  it('limits the reason length', () => {
    expect(assertTransition('diterima', 'ditolak', { reason: 'x'.repeat(500) }).ok).toBe(true);
    const r = assertTransition('diterima', 'ditolak', { reason: 'x'.repeat(501) });
    expect(r.ok ? null : r.error.code).toBe('STATUS_REASON_TOO_LONG');
  });

  it('labels every status in both languages', () => {
    for (const s of APPLICATION_STATUSES) {
      expect(STATUS_LABELS[s].id.length).toBeGreaterThan(3);
      expect(STATUS_LABELS[s].en.length).toBeGreaterThan(3);
    }
    expect(STATUS_LABELS.diambil).toEqual({ id: 'Sudah diambil', en: 'Handed over' });
  });

  it.each([
    ['diverifikasi', 'start_or_resume'],
    ['berkas_belum_lengkap', 'pause'],
    ['selesai', 'stop'],
    ['ditolak', 'stop'],
    ['dibatalkan', 'stop'],
    ['diproses', 'none'],
    ['diambil', 'none'],
    ['diterima', 'none'],
  ] as const)('entering %s → clock %s', (to, effect) => {
    expect(clockEffect(to)).toBe(effect);
  });
});

describe('registration numbers', () => {
  const SAMPLES: RegistrationNumberParts[] = [
    { agencyCode: 'DUKCAPIL', date: '2026-03-12', stationCode: 'L03', seq: 42 },
    { agencyCode: 'IMIGRASI', date: '2025-12-31', stationCode: 'OFF1', seq: 9999 },
    { agencyCode: 'BPJSKES', date: '2026-02-28', stationCode: '7', seq: 1 },
    { agencyCode: 'PN', date: '2028-02-29', stationCode: 'K12AB9', seq: 1234 },
  ];

  it.each(SAMPLES)('round-trips %o', (parts) => {
    const f = formatRegistrationNumber(parts);
    if (!f.ok) throw new Error(f.errors.map((e) => e.code).join());
    expect(f.value).toMatch(/^[A-Z0-9]+-\d{6}-[A-Z0-9]+-\d{4}-[A-Z0-9]$/);
    const p = parseRegistrationNumber(f.value);
    expect(p).toEqual({ ok: true, ...parts, value: f.value, warnings: [] });
  });

  it('has the documented layout', () => {
    const f = formatRegistrationNumber({ agencyCode: 'dukcapil', date: '2026-03-12', stationCode: 'l03', seq: 42 });
    expect(f.ok ? f.value : null).toBe(`DUKCAPIL-260312-L03-0042-${mod3736CheckChar('DUKCAPIL260312L030042')}`);
  });

  it('differs between stations, days and sequence numbers', () => {
    const values = new Set<string>();
    for (const stationCode of ['L01', 'L02', 'OFF1']) {
      for (const date of ['2026-03-12', '2026-03-13']) {
        for (const seq of [1, 2]) {
          const f = formatRegistrationNumber({ agencyCode: 'DUKCAPIL', date, stationCode, seq });
          if (f.ok) values.add(f.value);
        }
      }
    }
    expect(values.size).toBe(12);
  });

  it.each([
    ['lower case', (v: string) => v.toLowerCase()],
    ['spaces for dashes', (v: string) => v.replace(/-/g, ' ')],
    ['surrounding spaces', (v: string) => `  ${v} `],
    ['no dash before the check character', (v: string) => v.replace(/-(.)$/, '$1')],
    ['en dashes', (v: string) => v.replace(/-/g, '–')],
  ])('accepts what an officer types: %s', (_name, mangle) => {
    const f = formatRegistrationNumber(SAMPLES[0]!);
    if (!f.ok) throw new Error('format failed');
    const p = parseRegistrationNumber(mangle(f.value));
    expect(p.ok ? p.value : p.errors).toBe(f.value);
  });

  it('catches every one-character typo', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let tried = 0;
    for (const parts of SAMPLES) {
      const f = formatRegistrationNumber(parts);
      if (!f.ok) throw new Error('format failed');
      const v = f.value;
      for (let i = 0; i < v.length; i++) {
        if (v[i] === '-') continue;
        for (const c of alphabet) {
          if (c === v[i]) continue;
          const typo = `${v.slice(0, i)}${c}${v.slice(i + 1)}`;
          tried++;
          const r = parseRegistrationNumber(typo);
          if (r.ok) throw new Error(`typo not caught: ${typo} for ${v}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(2000);
  });

  it('reports a typo with the check-character error', () => {
    const f = formatRegistrationNumber(SAMPLES[0]!);
    if (!f.ok) throw new Error('format failed');
    const typo = f.value.replace('L03', 'L08');
    const r = parseRegistrationNumber(typo);
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual(['REGNO_CHECK']);
    expect(r.ok ? '' : r.errors[0]?.message).toMatch(/salah ketik/);
    expect(r.ok ? '' : r.errors[0]?.messageEn).toMatch(/typo/);
  });

  it('catches nearly all swaps of two neighbouring characters', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let missed = 0;
    let total = 0;
    for (const a of alphabet) {
      for (const b of alphabet) {
        if (a === b) continue;
        total++;
        if (mod3736CheckChar(`DUK${a}${b}260312`) === mod3736CheckChar(`DUK${b}${a}260312`)) missed++;
      }
    }
    expect(missed / total).toBeLessThan(0.01);
  });

  it.each([
    ['', 'REGNO_EMPTY'],
    ['DUKCAPIL', 'REGNO_FORMAT'],
    ['DUKCAPIL-26031-L03-0042-7', 'REGNO_FORMAT'],
    ['DUKCAPIL-260312-L03-042-7', 'REGNO_FORMAT'],
    ['DUKCAPIL-260312-L03-00042-7', 'REGNO_FORMAT'],
    ['DUKCAPIL-260312-L03-0042', 'REGNO_FORMAT'],
    ['DUK_CAPIL-260312-L03-0042-7', 'REGNO_FORMAT'],
    ['DUKCAPIL-260312-LOKET03-0042-7', 'REGNO_FORMAT'],
  ])('refuses malformed %j', (input, code) => {
    const r = parseRegistrationNumber(input);
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual([code]);
  });

  it.each([
    ['an impossible date', '260230', 1, 'REGNO_DATE'],
    ['sequence 0000', '260312', 0, 'REGNO_SEQUENCE'],
  ])('refuses %s even with a correct check character', (_name, yymmdd, seq, code) => {
    const seqText = String(seq).padStart(4, '0');
    const check = mod3736CheckChar(`DUKCAPIL${yymmdd}L03${seqText}`);
    const r = parseRegistrationNumber(`DUKCAPIL-${yymmdd}-L03-${seqText}-${check}`);
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual([code]);
  });

  it.each([
    ['agency code with a dash', { agencyCode: 'DUK-CAPIL' }, 'REGNO_AGENCY_CODE'],
    ['agency code too short', { agencyCode: 'D' }, 'REGNO_AGENCY_CODE'],
    ['agency code too long', { agencyCode: 'ABCDEFGHIJKLM' }, 'REGNO_AGENCY_CODE'],
    ['station code too long', { stationCode: 'LOKET03' }, 'REGNO_STATION_CODE'],
    ['station code empty', { stationCode: '' }, 'REGNO_STATION_CODE'],
    ['sequence 0', { seq: 0 }, 'REGNO_SEQUENCE'],
    ['sequence 10000', { seq: 10000 }, 'REGNO_SEQUENCE'],
    ['fractional sequence', { seq: 1.5 }, 'REGNO_SEQUENCE'],
    ['date before 2000', { date: '1999-12-31' }, 'REGNO_DATE'],
    ['impossible date', { date: '2026-02-29' }, 'REGNO_DATE'],
  ])('format refuses %s', (_name, over, code) => {
    const r = formatRegistrationNumber({ ...SAMPLES[0]!, ...over });
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual([code]);
    if (!r.ok) expect(r.errors[0]?.message).not.toBe(r.errors[0]?.messageEn);
  });
});

describe('fees', () => {
  it.each([
    ['DUKCAPIL', 0],
    ['dukcapil', 0],
    ['IMIGRASI', 350_000],
    ['IMIGRASI', 0],
    ['SAMSAT', 1],
  ])('accepts %s with Rp %i', (agencyCode, fee) => {
    expect(validateFee({ agencyCode, fee })).toEqual({ ok: true, fee, warnings: [] });
  });

  it.each([
    ['DUKCAPIL', 10_000, ['FEE_DUKCAPIL_FREE']],
    [' Disdukcapil ', 1, ['FEE_DUKCAPIL_FREE']],
    ['IMIGRASI', -1, ['FEE_INVALID']],
    ['IMIGRASI', 1500.5, ['FEE_INVALID']],
    ['IMIGRASI', Number.NaN, ['FEE_INVALID']],
    ['IMIGRASI', Number.POSITIVE_INFINITY, ['FEE_INVALID']],
    ['DUKCAPIL', 2500.5, ['FEE_INVALID', 'FEE_DUKCAPIL_FREE']],
  ])('refuses %s with %s', (agencyCode, fee, codes) => {
    const r = validateFee({ agencyCode, fee });
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual(codes);
  });

  it('cites UU 24/2013 Pasal 79A in both languages', () => {
    const r = validateFee({ agencyCode: 'DUKCAPIL', fee: 5000 });
    expect(r.ok ? '' : r.errors[0]?.message).toMatch(/UU No\. 24 Tahun 2013 Pasal 79A/);
    expect(r.ok ? '' : r.errors[0]?.messageEn).toMatch(/Law No\. 24 of 2013, Article 79A/);
  });

  it('uses the configured population agency codes', () => {
    expect(validateFee({ agencyCode: 'CAPIL', fee: 5000 }).ok).toBe(true);
    expect(validateFee({ agencyCode: 'CAPIL', fee: 5000 }, { populationAgencyCodes: new Set(['CAPIL']) }).ok).toBe(false);
  });

  it.each([
    [0, 'Gratis'],
    [1, 'Rp 1'],
    [999, 'Rp 999'],
    [1000, 'Rp 1.000'],
    [50_000, 'Rp 50.000'],
    [350_000, 'Rp 350.000'],
    [1_234_567, 'Rp 1.234.567'],
    [-5000, '-Rp 5.000'],
  ])('formatRupiah(%i) = %s', (n, text) => {
    expect(formatRupiah(n)).toBe(text);
  });

  it('takes another label for free services and refuses fractions', () => {
    expect(formatRupiah(0, { freeLabel: 'Free' })).toBe('Free');
    expect(() => formatRupiah(10.5)).toThrow(RangeError);
  });
});

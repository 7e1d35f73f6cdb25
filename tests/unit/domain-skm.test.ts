import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SKM_ELEMENT_IDS, SKM_ELEMENTS, type SkmElementId } from '../../common/domain/skm/elements';
import { KREJCIE_MORGAN_TABLE } from '../../common/domain/skm/krejcie-morgan';
import { computeIkm, gradeOf, minimumSample, SKM_GRADES, SkmResponseSchema, type SkmAnswer, type SkmAnswers } from '../../common/domain/skm/skm';

const shared = (name: string): unknown => JSON.parse(fs.readFileSync(fileURLToPath(new URL(`../../../shared/domain/${name}`, import.meta.url)), 'utf8'));

/** One respondent from nine answers in U1..U9 order (null = skipped). */
const resp = (...a: (SkmAnswer | null)[]): { answers: SkmAnswers } => {
  const answers: SkmAnswers = {};
  SKM_ELEMENT_IDS.forEach((id, i) => {
    const v = a[i];
    if (v !== undefined && v !== null) answers[id] = v;
  });
  return { answers };
};

/** n respondents answering every element whose answers add up to `total` (9n ≤ total ≤ 36n). */
function withTotal(n: number, total: number): { answers: SkmAnswers }[] {
  const flat: number[] = Array.from({ length: 9 * n }, () => 1);
  let extra = total - 9 * n;
  for (let k = 0; k < flat.length && extra > 0; k++) {
    const add = Math.min(3, extra);
    flat[k] = 1 + add;
    extra -= add;
  }
  return Array.from({ length: n }, (_, r) => resp(...(flat.slice(r * 9, r * 9 + 9) as SkmAnswer[])));
}

/** n respondents; element i's answers add up to sums[i]. */
function withElementSums(n: number, sums: readonly number[]): { answers: SkmAnswers }[] {
  const columns = sums.map((s) => {
    const col: SkmAnswer[] = Array.from({ length: n }, () => 1);
    let extra = s - n;
    for (let k = 0; k < n && extra > 0; k++) {
      const add = Math.min(3, extra);
      col[k] = (1 + add) as SkmAnswer;
      extra -= add;
    }
    return col;
  });
  return Array.from({ length: n }, (_, r) => resp(...columns.map((c) => c[r] ?? null)));
}

describe('SKM elements and reference data', () => {
  it('ships the same nine elements, questions and answer wording as skm.json, keyed by ID', () => {
    const ref = shared('skm.json') as { elements: { id: string; name: string; question: string; answers: string[] }[] };
    expect(ref.elements).toHaveLength(9);
    for (const e of ref.elements) {
      const mine = SKM_ELEMENTS[e.id as SkmElementId];
      expect(mine).toMatchObject({ id: e.id, name: e.name, question: e.question, answers: e.answers });
    }
    expect(SKM_ELEMENTS.U8.name).toBe('Sarana dan Prasarana');
    expect(SKM_ELEMENTS.U9.name).toBe('Penanganan Pengaduan, Saran dan Masukan');
  });

  it('ships the same grades as skm.json', () => {
    const ref = shared('skm.json') as { grades: { grade: string; label: string; min_ikm: number }[] };
    expect(SKM_GRADES.map((g) => [g.grade, g.label, g.minIkm])).toEqual(ref.grades.map((g) => [g.grade, g.label, g.min_ikm]));
  });

  it('ships the same Krejcie–Morgan table', () => {
    const ref = shared('krejcie-morgan.json') as { rows: { population: number; sample: number }[] };
    expect(KREJCIE_MORGAN_TABLE.map(([n, s]) => ({ population: n, sample: s }))).toEqual(ref.rows);
  });
});

describe('computeIkm', () => {
  it('worked example by hand: 3 respondents', () => {
    //            U1 U2 U3 U4 U5 U6 U7 U8 U9
    const r1 = resp(4, 4, 3, 4, 3, 4, 4, 3, 3);
    const r2 = resp(3, 3, 3, 4, 3, 3, 4, 3, 2);
    const r3 = resp(3, 4, 2, 4, 3, 4, 4, 3, 3);
    // Sums 10 11 8 12 9 11 12 9 8 = 90; NRR = sums / 3; Σ NRR = 30; index = 30/9 = 3.3333;
    // IKM = 3.3333 × 25 = 83.333… → 83.33, grade B (Baik).
    const r = computeIkm([r1, r2, r3]);
    expect(r.respondents).toBe(3);
    expect(r.elements.U1).toMatchObject({ id: 'U1', count: 3, sum: 10 });
    expect(r.elements.U1.nrr).toBeCloseTo(3.33333, 5);
    expect(r.elements.U1.weightedNrr).toBeCloseTo(0.37037, 5); // 3.3333 / 9
    expect(r.elements.U4.nrr).toBe(4);
    expect(r.elements.U9.nrr).toBeCloseTo(2.6667, 4);
    expect(r.index).toBeCloseTo(3.33333, 5);
    expect(r.ikm).toBe(83.33);
    expect(r.grade?.grade).toBe('B');
    expect(r.grade?.label).toBe('Baik');
    expect(r.missingElements).toEqual([]);
  });

  it('divides each element by the answers given for it (a skipped answer is not a zero)', () => {
    const r = computeIkm([resp(4, 4, 3, 4, 3, 4, 4, 3, 3), resp(3, 3, 3, 4, 3, 3, 4, 3, 2), resp(3, 4, 2, 4, 3, 4, 4, 3, null)]);
    // U9: (3 + 2) / 2 = 2.5. Σ NRR = 10/3 + 11/3 + 8/3 + 4 + 3 + 11/3 + 4 + 3 + 2.5 = 29.8333…
    // IKM = 29.8333… × 25 / 9 = 82.870… → 82.87.
    expect(r.elements.U9).toMatchObject({ count: 2, sum: 5, nrr: 2.5 });
    expect(r.respondents).toBe(3);
    expect(r.ikm).toBe(82.87);
    expect(r.grade?.grade).toBe('B');
  });

  it('uses the exact 1/9: the printed 0,111 would give another grade', () => {
    // 5 respondents; U1–U6 answers 4,4,4,3,3 (NRR 3.6), U7–U9 4,4,3,3,3 (NRR 3.4).
    const rows = [resp(4, 4, 4, 4, 4, 4, 4, 4, 4), resp(4, 4, 4, 4, 4, 4, 4, 4, 4), resp(4, 4, 4, 4, 4, 4, 3, 3, 3), resp(3, 3, 3, 3, 3, 3, 3, 3, 3), resp(3, 3, 3, 3, 3, 3, 3, 3, 3)];
    // Σ NRR = 6 × 3.6 + 3 × 3.4 = 31.8. Exact: 31.8 × 25 / 9 = 88.333… → 88.33 (A).
    // With 0,111: 31.8 × 0.111 × 25 = 88.245 → 88.25 (B).
    const r = computeIkm(rows);
    expect(r.ikm).toBe(88.33);
    expect(r.grade?.grade).toBe('A');
    expect(Math.round(31.8 * 0.111 * 25 * 100) / 100).toBeLessThan(88.31);
  });

  it('all answers 4 give exactly 100 (0,111 would cap at 99.90)', () => {
    const r = computeIkm([resp(4, 4, 4, 4, 4, 4, 4, 4, 4)]);
    expect(r.ikm).toBe(100);
    expect(r.grade?.grade).toBe('A');
    expect(computeIkm([resp(1, 1, 1, 1, 1, 1, 1, 1, 1)]).ikm).toBe(25);
  });

  it('rounds only at the end, half up, free of floating-point error', () => {
    // 8 respondents; element sums 10,15,16,10,12,8,9,10,9 = 99; Σ NRR = 99/8 = 12.375;
    // IKM = 12.375 × 25 / 9 = 34.375 exactly → 34.38. Summing NRR × (1/9) in floating point
    // gives 34.37499999… and would round to 34.37.
    const r = computeIkm(withElementSums(8, [10, 15, 16, 10, 12, 8, 9, 10, 9]));
    expect(r.ikm).toBe(34.38);
    expect(r.grade?.grade).toBe('D');
    // 8 respondents, total 81: 81/8 × 25/9 = 28.125 → 28.13 (not banker's 28.12).
    expect(computeIkm(withTotal(8, 81)).ikm).toBe(28.13);
  });

  it.each([
    [24, 763, 88.31, 'A'],
    [19, 604, 88.3, 'B'],
    [19, 524, 76.61, 'B'],
    [26, 717, 76.6, 'C'],
    [5, 117, 65.0, 'C'],
    [38, 889, 64.99, 'D'],
  ])('boundary: %i respondents, total %i → IKM %f, grade %s', (n, total, ikm, grade) => {
    const r = computeIkm(withTotal(n, total));
    expect(r.respondents).toBe(n);
    expect(r.ikm).toBe(ikm);
    expect(r.grade?.grade).toBe(grade);
  });

  it('gives no IKM until all nine elements have answers, but still the NRR of the others', () => {
    const r = computeIkm([resp(4, 4, 4, null, 4, 4, 4, 4, 4), resp(3, 3, 3, null, 3, 3, 3, 3, 3)]);
    expect(r.missingElements).toEqual(['U4']);
    expect(r.ikm).toBeNull();
    expect(r.index).toBeNull();
    expect(r.grade).toBeNull();
    expect(r.elements.U4).toEqual({ id: 'U4', count: 0, sum: 0, nrr: null, weightedNrr: null });
    expect(r.elements.U1.nrr).toBe(3.5);
    expect(r.respondents).toBe(2);
  });

  it('handles no responses and empty responses', () => {
    const empty = computeIkm([]);
    expect(empty).toMatchObject({ respondents: 0, ikm: null, grade: null });
    expect(empty.missingElements).toEqual([...SKM_ELEMENT_IDS]);
    expect(computeIkm([{ answers: {} }]).respondents).toBe(0);
  });

  it('refuses an out-of-range stored answer instead of skewing the index', () => {
    const corrupt = { answers: { U1: 5 } } as unknown as { answers: SkmAnswers };
    expect(() => computeIkm([corrupt])).toThrow(RangeError);
  });
});

describe('gradeOf', () => {
  it.each([
    [100, 'A'],
    [88.31, 'A'],
    [88.3, 'B'],
    [76.61, 'B'],
    [76.6, 'C'],
    [65.0, 'C'],
    [64.99, 'D'],
    [25, 'D'],
  ])('%f → %s', (ikm, grade) => expect(gradeOf(ikm).grade).toBe(grade));

  it('labels grades in both languages and refuses values off the scale', () => {
    expect(gradeOf(90)).toMatchObject({ label: 'Sangat Baik', labelEn: 'Very good' });
    expect(gradeOf(70)).toMatchObject({ label: 'Kurang Baik' });
    expect(gradeOf(50)).toMatchObject({ label: 'Tidak Baik' });
    expect(() => gradeOf(24.99)).toThrow(RangeError);
    expect(() => gradeOf(100.01)).toThrow(RangeError);
    expect(() => gradeOf(Number.NaN)).toThrow(RangeError);
  });
});

describe('minimumSample (Krejcie–Morgan)', () => {
  it.each([
    [0, 0],
    [7, 7],
    [10, 10],
    [11, 14],
    [15, 14],
    [16, 19],
    [100, 80],
    [101, 86],
    [1000, 278],
    [1001, 285],
    [75001, 384],
    [1_000_000, 384],
    [5_000_000, 384],
  ])('population %i → %i', (population, sample) => expect(minimumSample(population)).toBe(sample));

  it('refuses impossible populations', () => {
    expect(() => minimumSample(-1)).toThrow(RangeError);
    expect(() => minimumSample(10.5)).toThrow(RangeError);
  });
});

describe('SkmResponseSchema', () => {
  const full = { U1: 4, U2: 3, U3: 3, U4: 4, U5: 3, U6: 4, U7: 4, U8: 3, U9: 2 };

  it('accepts answers with an optional suggestion and profile', () => {
    const ok = SkmResponseSchema.safeParse({
      answers: full,
      suggestion: 'Ruang tunggu kurang kursi.',
      profile: { sex: 'female', ageGroup: '30_39', education: 'bachelor', occupation: 'private_employee', serviceId: 'svc-ktp' },
    });
    expect(ok.success).toBe(true);
    expect(SkmResponseSchema.safeParse({ answers: { U3: 2 } }).success).toBe(true);
  });

  it.each([
    ['an answer of 5', { answers: { ...full, U1: 5 } }],
    ['an answer of 0', { answers: { ...full, U2: 0 } }],
    ['a fractional answer', { answers: { ...full, U2: 2.5 } }],
    ['a text answer', { answers: { ...full, U2: '3' } }],
    ['an unknown element', { answers: { ...full, U10: 3 } }],
    ['no answer at all', { answers: {} }],
    ['a suggestion over 1000 characters', { answers: full, suggestion: 'a'.repeat(1001) }],
    ['a name', { answers: full, name: 'Budi' }],
    ['a NIK in the profile', { answers: full, profile: { nik: '3171234567890001' } }],
    ['a name in the profile', { answers: full, profile: { name: 'Budi' } }],
    ['an unknown occupation', { answers: full, profile: { occupation: 'astronaut' } }],
  ])('refuses %s', (_label, input) => expect(SkmResponseSchema.safeParse(input).success).toBe(false));

  it('accepts a suggestion of exactly 1000 characters', () => {
    expect(SkmResponseSchema.safeParse({ answers: full, suggestion: 'a'.repeat(1000) }).success).toBe(true);
  });
});

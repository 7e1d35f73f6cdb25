import { z } from 'zod';
import { id } from '../../ipc/limits';
import { SKM_ELEMENT_IDS, type SkmElementId } from './elements';
import { KREJCIE_MORGAN_TABLE } from './krejcie-morgan';

/**
 * Survei Kepuasan Masyarakat (PermenPANRB No. 14 Tahun 2017): the index and its grade.
 *
 * For each element NRR = sum of answers / number of answers given FOR THAT ELEMENT; the index
 * (1–4) = Σ NRR × 1/9 with the exact weight (the regulation prints 0,111, which would cap the
 * IKM at 99.9); IKM = index × 25, rounded half-up to 2 decimals only at the end.
 * The sum is computed as an exact fraction (BigInt) so the rounding cannot be moved by
 * floating-point error, and counter, server and report give the same figure.
 *
 * Missing elements: an IKM needs all nine elements. If any element has no answer at all the
 * IKM, index and grade are null and `missingElements` says which; per-element NRRs are still
 * given. (Dropping the element or scoring it 0 would both misstate the index.)
 */

export type SkmAnswer = 1 | 2 | 3 | 4;
export type SkmAnswers = Partial<Record<SkmElementId, SkmAnswer>>;

export type SkmGrade = 'A' | 'B' | 'C' | 'D';

export interface SkmGradeInfo {
  grade: SkmGrade;
  label: string;
  labelEn: string;
  /** Lowest IKM (25–100, 2 decimals) of the grade. */
  minIkm: number;
}

/** Highest first; classification is on the IKM rounded to 2 decimals. */
export const SKM_GRADES: readonly SkmGradeInfo[] = [
  { grade: 'A', label: 'Sangat Baik', labelEn: 'Very good', minIkm: 88.31 },
  { grade: 'B', label: 'Baik', labelEn: 'Good', minIkm: 76.61 },
  { grade: 'C', label: 'Kurang Baik', labelEn: 'Poor', minIkm: 65.0 },
  { grade: 'D', label: 'Tidak Baik', labelEn: 'Very poor', minIkm: 25.0 },
];

export const SKM_CONVERSION = 25;

/**
 * Grade of an IKM on the 25–100 scale. Expects the IKM already rounded to 2 decimals (as
 * `computeIkm` returns it); compares in whole hundredths so 88.31 is never read as 88.3099….
 */
export function gradeOf(ikm: number): SkmGradeInfo {
  if (!Number.isFinite(ikm) || ikm < 25 || ikm > 100) throw new RangeError(`IKM must be 25–100: ${ikm}`);
  const hundredths = Math.round(ikm * 100);
  const found = SKM_GRADES.find((g) => hundredths >= Math.round(g.minIkm * 100));
  if (!found) throw new RangeError(`No grade for IKM ${ikm}`);
  return found;
}

export interface SkmElementResult {
  id: SkmElementId;
  /** Answers given for this element. */
  count: number;
  sum: number;
  /** Nilai rata-rata: sum / count; null without answers. */
  nrr: number | null;
  /** NRR × 1/9; null without answers. */
  weightedNrr: number | null;
}

export interface IkmResult {
  /** Responses with at least one answer. */
  respondents: number;
  elements: Record<SkmElementId, SkmElementResult>;
  missingElements: SkmElementId[];
  /** Σ NRR × 1/9 (1–4), unrounded; null if an element has no answer. */
  index: number | null;
  /** index × 25 rounded half-up to 2 decimals (25–100). */
  ikm: number | null;
  grade: SkmGradeInfo | null;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function computeIkm(responses: readonly { answers: SkmAnswers }[]): IkmResult {
  const sums = new Map<SkmElementId, { count: number; sum: number }>(SKM_ELEMENT_IDS.map((e) => [e, { count: 0, sum: 0 }]));
  let respondents = 0;
  for (const r of responses) {
    let answered = false;
    for (const e of SKM_ELEMENT_IDS) {
      const v: unknown = r.answers[e];
      if (v === undefined) continue;
      // Stored data that bypassed the schema must not silently shift a published index.
      if (v !== 1 && v !== 2 && v !== 3 && v !== 4) throw new RangeError(`SKM answer for ${e} must be 1–4: ${String(v)}`);
      const acc = sums.get(e);
      if (acc) {
        acc.count += 1;
        acc.sum += v;
      }
      answered = true;
    }
    if (answered) respondents += 1;
  }

  const elements = {} as Record<SkmElementId, SkmElementResult>;
  const missingElements: SkmElementId[] = [];
  // Exact Σ sum_i / count_i as the fraction num/den.
  let num = 0n;
  let den = 1n;
  for (const e of SKM_ELEMENT_IDS) {
    const { count, sum } = sums.get(e) ?? { count: 0, sum: 0 };
    const nrr = count > 0 ? sum / count : null;
    elements[e] = { id: e, count, sum, nrr, weightedNrr: nrr === null ? null : nrr / 9 };
    if (count === 0) {
      missingElements.push(e);
      continue;
    }
    num = num * BigInt(count) + BigInt(sum) * den;
    den = den * BigInt(count);
    const g = gcd(num, den);
    num /= g;
    den /= g;
  }

  if (missingElements.length > 0) return { respondents, elements, missingElements, index: null, ikm: null, grade: null };

  // IKM in hundredths = 2500 × Σ / 9, rounded half-up: floor((5000·num + 9·den) / (18·den)).
  const hundredths = (5000n * num + 9n * den) / (18n * den);
  const ikm = Number(hundredths) / 100;
  return {
    respondents,
    elements,
    missingElements,
    index: Number(num) / Number(den) / 9,
    ikm,
    grade: gradeOf(ikm),
  };
}

/**
 * Minimum number of respondents (Krejcie–Morgan): populations up to 10 are surveyed whole;
 * otherwise the first table row whose N ≥ population; beyond the last row, its sample (384).
 * The population is the number of visitors served in the period.
 */
export function minimumSample(population: number): number {
  if (!Number.isSafeInteger(population) || population < 0) throw new RangeError(`Population must be a whole number ≥ 0: ${population}`);
  if (population <= 10) return population;
  const row = KREJCIE_MORGAN_TABLE.find(([n]) => n >= population) ?? KREJCIE_MORGAN_TABLE[KREJCIE_MORGAN_TABLE.length - 1];
  if (!row) throw new RangeError('Empty Krejcie–Morgan table');
  return row[1];
}

// --- One survey response, as filled in at the kiosk or on paper -------------------------

const answer = z.literal([1, 2, 3, 4]);

/** Any subset of the nine elements, at least one; unknown keys refused. */
export const SkmAnswersSchema = z
  .strictObject({
    U1: answer.optional(),
    U2: answer.optional(),
    U3: answer.optional(),
    U4: answer.optional(),
    U5: answer.optional(),
    U6: answer.optional(),
    U7: answer.optional(),
    U8: answer.optional(),
    U9: answer.optional(),
  })
  .refine((a) => Object.values(a).some((v) => v !== undefined), { message: 'at least one answer' });

export const SKM_SEXES = ['male', 'female'] as const;
export const SKM_AGE_GROUPS = ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus'] as const;
export const SKM_EDUCATION = ['primary', 'junior_secondary', 'senior_secondary', 'diploma', 'bachelor', 'master', 'doctorate'] as const;
export const SKM_OCCUPATIONS = ['civil_servant', 'military', 'police', 'private_employee', 'entrepreneur', 'student', 'other'] as const;

type Labels<T extends string> = Record<T, { id: string; en: string }>;

export const SKM_PROFILE_LABELS: {
  sex: Labels<(typeof SKM_SEXES)[number]>;
  ageGroup: Labels<(typeof SKM_AGE_GROUPS)[number]>;
  education: Labels<(typeof SKM_EDUCATION)[number]>;
  occupation: Labels<(typeof SKM_OCCUPATIONS)[number]>;
} = {
  sex: { male: { id: 'Laki-laki', en: 'Male' }, female: { id: 'Perempuan', en: 'Female' } },
  ageGroup: {
    under_20: { id: '< 20 tahun', en: 'Under 20' },
    '20_29': { id: '20–29 tahun', en: '20–29' },
    '30_39': { id: '30–39 tahun', en: '30–39' },
    '40_49': { id: '40–49 tahun', en: '40–49' },
    '50_59': { id: '50–59 tahun', en: '50–59' },
    '60_plus': { id: '≥ 60 tahun', en: '60 and over' },
  },
  education: {
    primary: { id: 'SD ke bawah', en: 'Primary school or less' },
    junior_secondary: { id: 'SMP', en: 'Junior secondary' },
    senior_secondary: { id: 'SMA/SMK', en: 'Senior secondary' },
    diploma: { id: 'D1–D3', en: 'Diploma (D1–D3)' },
    bachelor: { id: 'D4/S1', en: "Bachelor's (D4/S1)" },
    master: { id: 'S2', en: "Master's" },
    doctorate: { id: 'S3', en: 'Doctorate' },
  },
  occupation: {
    civil_servant: { id: 'PNS', en: 'Civil servant' },
    military: { id: 'TNI', en: 'Armed forces' },
    police: { id: 'POLRI', en: 'Police' },
    private_employee: { id: 'Pegawai swasta', en: 'Private employee' },
    entrepreneur: { id: 'Wirausaha', en: 'Self-employed' },
    student: { id: 'Pelajar/Mahasiswa', en: 'Student' },
    other: { id: 'Lainnya', en: 'Other' },
  },
};

/**
 * Respondent profile: every field optional. Deliberately no name, NIK or contact field, and
 * unknown keys are refused so none can be smuggled in (README §1, UU 27/2022).
 */
export const SkmProfileSchema = z.strictObject({
  sex: z.enum(SKM_SEXES).optional(),
  ageGroup: z.enum(SKM_AGE_GROUPS).optional(),
  education: z.enum(SKM_EDUCATION).optional(),
  occupation: z.enum(SKM_OCCUPATIONS).optional(),
  serviceId: id.optional(),
});

export const SkmResponseSchema = z.strictObject({
  answers: SkmAnswersSchema,
  suggestion: z.string().trim().max(1000).optional(),
  profile: SkmProfileSchema.optional(),
});
export type SkmResponse = z.infer<typeof SkmResponseSchema>;

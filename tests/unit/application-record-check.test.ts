import { describe, expect, it } from 'vitest';
import { parseApplicationRecord, quickApplicationRecord } from '../../common/sync/application-record-check';
import { ApplicationRecordSchema, NO_REGISTRATION } from '../../common/sync/applications';

const base = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  agencyId: 'ag-dukcapil',
  serviceId: 'sv-dukcapil-kk',
  applicantName: 'Siti Rahmawati',
  applicantNik: '3201010101900000',
  notes: 'Berkas lengkap.',
  status: 'diterima',
  statusReason: null,
  version: 1,
  createdAt: '2026-03-02T01:00:00.000Z',
  createdBy: 'of-petugas-dukcapil',
  updatedAt: '2026-03-02T01:00:00.000Z',
  updatedBy: 'of-petugas-dukcapil',
  ...NO_REGISTRATION,
};

/** One change per field and rule the schema enforces, valid or not. */
const variants: [string, unknown][] = [
  ['id', 'short'], ['id', 'has space in it'], ['id', 'x'.repeat(65)], ['id', 12345678],
  ['agencyId', ''], ['agencyId', 'ag/dukcapil'], ['agencyId', 'a'.repeat(65)], ['serviceId', null],
  ['applicantName', ''], ['applicantName', 'n'.repeat(201)], ['applicantName', 'n'.repeat(200)],
  ['applicantNik', null], ['applicantNik', '320101010190000'], ['applicantNik', '32010101019000001'], ['applicantNik', '320101010190000x'], ['applicantNik', '３２０１０１０１０１９０００００'],
  ['notes', null], ['notes', 'n'.repeat(1000)], ['notes', 'n'.repeat(1001)], ['notes', 5],
  ['status', 'selesai'], ['status', 'unknown'], ['statusReason', 'r'.repeat(500)], ['statusReason', 'r'.repeat(501)],
  ['version', 0], ['version', -1], ['version', 1.5], ['version', '1'], ['version', 2 ** 53],
  ['createdAt', '2026-03-02'], ['createdAt', '2026-03'], ['createdAt', 'x'.repeat(41)], ['createdBy', 'of petugas'],
  ['registrationNumber', 'REG-2026-0001'], ['registrationNumber', 'r'.repeat(41)],
  ['ticketId', 'tk-1'], ['ticketId', 'tk 1'], ['ticketNumber', 'A-001'], ['ticketNumber', 't'.repeat(21)],
  ['counterId', 'ct-1'], ['counterId', ''], ['applicantPhone', '0812345678'], ['applicantPhone', 'p'.repeat(21)],
  ['applicantSex', 'F'], ['applicantSex', 'M'], ['applicantSex', 'X'], ['applicantBirthDate', '1990-01-01'], ['applicantBirthDate', '1990-01-01T'],
  ['serviceVersion', 1], ['serviceVersion', 0], ['serviceVersion', 2.5], ['slaWorkingDays', 0], ['slaWorkingDays', -1], ['fee', 0], ['fee', 1.5],
  ['checklist', []], ['documents', []], ['history', []], ['history', 'x'],
  ['completeAt', '2026-03-02T01:00:00.000Z'], ['completeAt', 'short'], ['completeBy', 'of-x'], ['completeBy', 'of x'],
  ['dueAt', '2026-03-09T01:00:00.000Z'], ['dueDate', '2026-03-09'], ['dueDate', '2026-03-09x'],
];

describe('the quick application record check', () => {
  it('takes the common record as it is (no copy)', () => {
    const r = { ...base };
    expect(quickApplicationRecord(r)).toBe(r);
    expect(ApplicationRecordSchema.safeParse(r).success).toBe(true);
  });

  it.each(variants)('never accepts what the schema refuses, and agrees on common records (%s = %j)', (field, value) => {
    const r: Record<string, unknown> = { ...base, [field]: value };
    const quick = quickApplicationRecord(r);
    const zod = ApplicationRecordSchema.safeParse(r);
    if (quick) expect(zod.success && zod.data).toEqual(quick);
    // Without nested lists, the quick check decides exactly like the schema.
    if (!['checklist', 'documents', 'history'].includes(field)) expect(quick !== null).toBe(zod.success);
    expect(parseApplicationRecord(r) !== null).toBe(zod.success);
  });

  it('refuses missing, extra and inherited keys, and non-objects', () => {
    const { notes: _notes, ...missing } = base;
    expect(quickApplicationRecord(missing)).toBeNull();
    expect(quickApplicationRecord({ ...base, extra: 1 })).toBeNull();
    expect(quickApplicationRecord(Object.assign(Object.create({ notes: null }) as object, missing))).toBeNull();
    for (const v of [null, [], 'x', 1]) expect(quickApplicationRecord(v)).toBeNull();
    expect(parseApplicationRecord({ ...base, extra: 1 })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { quickApplicationCreate, quickPushRequest } from '../../common/sync/push-quick-checks';
import { ApplicationCreateIntentSchema } from '../../common/sync/applications';
import { MAX_PUSH_ENTRIES, PushRequestSchema } from '../../common/sync/protocol';

const create = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  agencyId: 'ag-dukcapil',
  serviceId: 'sv-dukcapil-kk',
  applicantName: 'Siti Rahmawati',
  applicantNik: '3201010101900000',
  notes: null,
  at: '2026-03-02T01:00:00.000Z',
};
const entry = { id: 'c1d2e3f4-0000-4000-8000-000000000001', kind: 'application.create', payload: create, createdAt: '2026-03-02T01:00:00.000Z' };
const request = { protocol: 1, installationId: 'counter-1', entries: [entry] };

const createVariants: [string, unknown][] = [
  ['id', 'short'], ['id', 'a b c d e f g h'], ['id', 'x'.repeat(65)], ['agencyId', ''], ['agencyId', 'ag dukcapil'], ['serviceId', 5],
  ['applicantName', ''], ['applicantName', ' Siti '], ['applicantName', '   '], ['applicantName', 'n'.repeat(200)], ['applicantName', 'n'.repeat(201)],
  ['applicantNik', null], ['applicantNik', '123'], ['applicantNik', '320101010190000a'], ['notes', ''], ['notes', 'n'.repeat(1000)], ['notes', 'n'.repeat(1001)],
  ['at', '2026-03-02'], ['at', '2026-03'], ['at', 'x'.repeat(41)], ['at', null],
];

const entryVariants: [string, unknown][] = [
  ['id', 'short'], ['id', 'has/slash'], ['id', 'x'.repeat(64)], ['kind', 'ab'], ['kind', 'Application.create'], ['kind', 'application.create.x'], ['kind', 'ticket.call'],
  ['payload', null], ['payload', []], ['payload', 'x'], ['payload', {}], ['createdAt', ''], ['createdAt', 'x'.repeat(41)], ['createdAt', 1],
];

const requestVariants: [string, unknown][] = [
  ['protocol', 2], ['protocol', '1'], ['installationId', ''], ['installationId', 'i'.repeat(65)], ['entries', []], ['entries', 'x'],
  ['entries', new Array(MAX_PUSH_ENTRIES + 1).fill(entry)], ['entries', new Array(MAX_PUSH_ENTRIES).fill(entry)],
];

describe('push quick checks', () => {
  it('take the common request and create intent as they are', () => {
    expect(quickPushRequest(request)).toBe(request);
    expect(quickApplicationCreate(create)).toBe(create);
  });

  it.each(createVariants)('application.create: decides like the schema (%s = %j)', (field, value) => {
    const p = { ...create, [field]: value };
    const quick = quickApplicationCreate(p);
    const zod = ApplicationCreateIntentSchema.safeParse(p);
    if (quick) expect(zod.success && zod.data).toEqual(quick);
    // A name with spaces around it is valid but changed by the schema: left to the schema.
    if (field === 'applicantName' && value === ' Siti ') expect(quick).toBeNull();
    else expect(quick !== null).toBe(zod.success);
  });

  it.each(entryVariants)('entry: decides like the schema (%s = %j)', (field, value) => {
    const r = { ...request, entries: [entry, { ...entry, [field]: value }] };
    const quick = quickPushRequest(r);
    const zod = PushRequestSchema.safeParse(r);
    expect(quick !== null).toBe(zod.success);
    if (quick) expect(zod.success && zod.data).toEqual(quick);
  });

  it.each(requestVariants)('request: decides like the schema (%s = %j)', (field, value) => {
    const r = { ...request, [field]: value };
    expect(quickPushRequest(r) !== null).toBe(PushRequestSchema.safeParse(r).success);
  });

  it('refuses extra, missing and inherited keys', () => {
    expect(quickPushRequest({ ...request, extra: 1 })).toBeNull();
    expect(quickPushRequest({ ...request, entries: [{ ...entry, extra: 1 }] })).toBeNull();
    const { createdAt: _c, ...noCreatedAt } = entry;
    expect(quickPushRequest({ ...request, entries: [noCreatedAt] })).toBeNull();
    expect(quickPushRequest({ ...request, entries: [Object.assign(Object.create({ createdAt: 'x' }) as object, noCreatedAt)] })).toBeNull();
    expect(quickApplicationCreate({ ...create, extra: 1 })).toBeNull();
    const { notes: _n, ...noNotes } = create;
    expect(quickApplicationCreate(noNotes)).toBeNull();
    for (const v of [null, [], 'x', 1]) {
      expect(quickPushRequest(v)).toBeNull();
      expect(quickApplicationCreate(v)).toBeNull();
    }
  });
});

/**
 * A hand-written check of the common application record (no checklist, documents or
 * history: what most pulled rows are), used before the zod schema on the pull path where it
 * runs 100,000 times for an initial sync. It accepts a subset of what
 * `ApplicationRecordSchema` accepts (same rules, field by field; tested against it) and
 * returns the object itself instead of a copy; anything else goes to the schema.
 */
import { APPLICATION_STATUSES, MAX_REASON_LENGTH } from '../domain/applications/status';
import { ApplicationRecordSchema, type ApplicationRecord } from './applications';

const ENTITY_ID = /^[A-Za-z0-9_-]+$/;
const REF_ID = /^[A-Za-z0-9_.:-]+$/;
const NIK = /^\d{16}$/;
const STATUSES: ReadonlySet<unknown> = new Set(APPLICATION_STATUSES);
const KEYS = Object.keys(ApplicationRecordSchema.shape);

const str = (v: unknown, min: number, max: number): boolean => typeof v === 'string' && v.length >= min && v.length <= max;
const optStr = (v: unknown, max: number): boolean => v === null || (typeof v === 'string' && v.length <= max);
const ref = (v: unknown): boolean => str(v, 1, 64) && REF_ID.test(v as string);
const optRef = (v: unknown): boolean => v === null || ref(v);
const iso = (v: unknown): boolean => str(v, 10, 40);
const optIso = (v: unknown): boolean => v === null || iso(v);
const optInt = (v: unknown, min: number): boolean => v === null || (Number.isSafeInteger(v) && (v as number) >= min);

/** The record when it passes the common-shape check, else null (then ask the schema). */
export function quickApplicationRecord(data: unknown): ApplicationRecord | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const r = data as Record<string, unknown>;
  let n = 0;
  for (const k in r) {
    if (!Object.prototype.hasOwnProperty.call(r, k)) return null;
    n += 1;
  }
  if (n !== KEYS.length) return null;
  for (const k of KEYS) if (!Object.prototype.hasOwnProperty.call(r, k)) return null;
  const ok =
    str(r.id, 8, 64) &&
    ENTITY_ID.test(r.id as string) &&
    ref(r.agencyId) &&
    ref(r.serviceId) &&
    str(r.applicantName, 1, 200) &&
    (r.applicantNik === null || (typeof r.applicantNik === 'string' && NIK.test(r.applicantNik))) &&
    optStr(r.notes, 1000) &&
    STATUSES.has(r.status) &&
    optStr(r.statusReason, MAX_REASON_LENGTH) &&
    Number.isSafeInteger(r.version) &&
    (r.version as number) >= 0 &&
    iso(r.createdAt) &&
    ref(r.createdBy) &&
    iso(r.updatedAt) &&
    ref(r.updatedBy) &&
    optStr(r.registrationNumber, 40) &&
    optRef(r.ticketId) &&
    optStr(r.ticketNumber, 20) &&
    optRef(r.counterId) &&
    optStr(r.applicantPhone, 20) &&
    (r.applicantSex === null || r.applicantSex === 'F' || r.applicantSex === 'M') &&
    optStr(r.applicantBirthDate, 10) &&
    optInt(r.serviceVersion, 1) &&
    optInt(r.slaWorkingDays, 0) &&
    optInt(r.fee, 0) &&
    // Nested lists have schemas of their own: rows that carry them go to zod.
    r.checklist === null &&
    r.documents === null &&
    r.history === null &&
    optIso(r.completeAt) &&
    optRef(r.completeBy) &&
    optIso(r.dueAt) &&
    optStr(r.dueDate, 10);
  return ok ? (r as unknown as ApplicationRecord) : null;
}

/** The quick check, then the schema for whatever it does not take. */
export function parseApplicationRecord(data: unknown): ApplicationRecord | null {
  const quick = quickApplicationRecord(data);
  if (quick) return quick;
  const r = ApplicationRecordSchema.safeParse(data);
  return r.success ? r.data : null;
}

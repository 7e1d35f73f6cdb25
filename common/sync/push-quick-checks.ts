/**
 * Hand-written checks of a push request and of the commonest intent (application.create),
 * run by the server before the zod schemas: a batch carries up to 5,000 entries, and the
 * schemas copy every object they accept. Each check accepts a subset of what its schema
 * accepts (same rules; tested against it) and returns the input itself; anything else goes
 * to the schema, which also words the error.
 */
import { ApplicationCreateIntentSchema, type ApplicationCreateIntent } from './applications';
import { MAX_PUSH_ENTRIES, OutboxEntrySchema, PushRequestSchema, SYNC_PROTOCOL_VERSION, type PushRequest } from './protocol';

const ENTRY_ID = /^[A-Za-z0-9_-]+$/;
const KIND = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;
const REF_ID = /^[A-Za-z0-9_.:-]+$/;
const NIK = /^\d{16}$/;

const REQUEST_KEYS = Object.keys(PushRequestSchema.shape);
const ENTRY_KEYS = Object.keys(OutboxEntrySchema.shape);
const CREATE_KEYS = Object.keys(ApplicationCreateIntentSchema.shape);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Exactly these own keys, no others (zod's strict objects). */
function hasExactly(o: Record<string, unknown>, keys: readonly string[]): boolean {
  let n = 0;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) return false;
    n += 1;
  }
  if (n !== keys.length) return false;
  for (const k of keys) if (!Object.prototype.hasOwnProperty.call(o, k)) return false;
  return true;
}

const str = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;

/** The request when it passes the check, else null (then ask PushRequestSchema). */
export function quickPushRequest(body: unknown): PushRequest | null {
  if (!isPlainObject(body) || !hasExactly(body, REQUEST_KEYS)) return null;
  if (body.protocol !== SYNC_PROTOCOL_VERSION || !str(body.installationId, 1, 64)) return null;
  const entries = body.entries;
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_PUSH_ENTRIES) return null;
  for (const e of entries as unknown[]) {
    if (!isPlainObject(e) || !hasExactly(e, ENTRY_KEYS)) return null;
    if (!str(e.id, 8, 64) || !ENTRY_ID.test(e.id)) return null;
    if (!str(e.kind, 3, 64) || !KIND.test(e.kind)) return null;
    if (!isPlainObject(e.payload) || !str(e.createdAt, 0, 40)) return null;
  }
  return body as unknown as PushRequest;
}

const ref = (v: unknown): boolean => str(v, 1, 64) && REF_ID.test(v);

/** The application.create payload when it passes the check, else null (then ask its schema). */
export function quickApplicationCreate(payload: unknown): ApplicationCreateIntent | null {
  if (!isPlainObject(payload) || !hasExactly(payload, CREATE_KEYS)) return null;
  const p = payload;
  const ok =
    str(p.id, 8, 64) &&
    ENTRY_ID.test(p.id) &&
    ref(p.agencyId) &&
    ref(p.serviceId) &&
    // The schema trims the name: only an already-trimmed name comes out unchanged.
    str(p.applicantName, 1, 200) &&
    p.applicantName.trim() === p.applicantName &&
    (p.applicantNik === null || (typeof p.applicantNik === 'string' && NIK.test(p.applicantNik))) &&
    (p.notes === null || str(p.notes, 0, 1000)) &&
    str(p.at, 10, 40);
  return ok ? (p as unknown as ApplicationCreateIntent) : null;
}

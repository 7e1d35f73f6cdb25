/**
 * Agencies (instansi), their services (layanan) and counters (loket): the
 * mall's catalog, which every counter downloads after sign-in.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { LoketError } from '../../../common/ipc/result';
import type { Agency, Catalog, Counter, Service } from '../../../common/ipc/models';
import type { AgencyRow, CounterRow, ServiceRow } from '../db/rows';
import { getMallName } from '../settings/settings-repo';
import { together } from '../db/together';
import { serviceDaysFromWeekdays, serviceWeekdaysCode } from '../../../common/domain/calendar/working-days';

const toAgency = (r: AgencyRow): Agency => ({ id: r.id, code: r.code, name: r.name, serviceWeekdays: serviceDaysFromWeekdays(r.service_days).weekdays });
const toService = (r: ServiceRow): Service => ({ id: r.id, agencyId: r.agency_id, code: r.code, name: r.name });
const toCounter = (r: CounterRow): Counter => ({ id: r.id, agencyId: r.agency_id, number: Number(r.number), name: r.name });

// Stable orders so two downloads of the same catalog are byte-identical.
export async function listAgencies(db: Knex): Promise<Agency[]> {
  return (await db<AgencyRow>('agencies').select().orderBy([{ column: 'code' }, { column: 'id' }])).map(toAgency);
}

export async function listServices(db: Knex, agencyId?: string): Promise<Service[]> {
  const q = db<ServiceRow>('services').select();
  if (agencyId !== undefined) q.where({ agency_id: agencyId });
  return (await q.orderBy([{ column: 'agency_id' }, { column: 'code' }, { column: 'id' }])).map(toService);
}

export async function listCounters(db: Knex, agencyId?: string): Promise<Counter[]> {
  const q = db<CounterRow>('counters').select();
  if (agencyId !== undefined) q.where({ agency_id: agencyId });
  return (await q.orderBy([{ column: 'number' }, { column: 'id' }])).map(toCounter);
}

export async function loadCatalog(db: Knex): Promise<Catalog> {
  const [mallName, agencies, services, counters] = await together(db, () => getMallName(db), () => listAgencies(db), () => listServices(db), () => listCounters(db));
  return { mallName, agencies, services, counters };
}

export async function findAgencyById(db: Knex, id: string): Promise<Agency | null> {
  const row = await db<AgencyRow>('agencies').where({ id }).first();
  return row ? toAgency(row) : null;
}

export async function findAgencyByCode(db: Knex, code: string): Promise<Agency | null> {
  const row = await db<AgencyRow>('agencies').where({ code: normalizeCode(code) }).first();
  return row ? toAgency(row) : null;
}

export const normalizeCode = (code: string): string => code.trim().toUpperCase();

const codeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9_-]{2,32}$/));
const nameSchema = z.string().trim().min(2).max(200);

export const NewAgencySchema = z
  .object({
    code: codeSchema,
    name: nameSchema,
    id: z.string().regex(/^[a-z0-9_.:-]{1,64}$/).optional(),
    /** ISO weekdays the unit serves; Monday–Friday when absent. */
    serviceWeekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
  })
  .strict();
export const NewCounterSchema = z
  .object({ agencyCode: z.string().min(1), number: z.number().int().min(1).max(9999), name: nameSchema, id: z.string().regex(/^[a-z0-9_.:-]{1,64}$/).optional() })
  .strict();
export const NewServiceSchema = z
  .object({ agencyCode: z.string().min(1), code: codeSchema, name: nameSchema, id: z.string().regex(/^[a-z0-9_.:-]{1,64}$/).optional() })
  .strict();

const invalid = (what: string, whatEn: string) => new LoketError('VALIDATION', `${what} tidak valid.`, `Invalid ${whatEn}.`);

async function requireAgency(db: Knex, code: string): Promise<Agency> {
  const agency = await findAgencyByCode(db, code);
  if (!agency) {
    throw new LoketError('NOT_FOUND', `Instansi dengan kode "${normalizeCode(code)}" tidak ditemukan.`, `No agency with code "${normalizeCode(code)}".`, {
      agencyCode: normalizeCode(code),
    });
  }
  return agency;
}

export async function createAgency(db: Knex, input: z.input<typeof NewAgencySchema>): Promise<Agency> {
  const parsed = NewAgencySchema.safeParse(input);
  if (!parsed.success) throw invalid('Kode atau nama instansi', 'agency code or name (code: 2–32 letters, digits, - or _)');
  const { code, name } = parsed.data;
  if (await findAgencyByCode(db, code)) {
    throw new LoketError('CONFLICT', `Kode instansi "${code}" sudah dipakai.`, `Agency code "${code}" is already in use.`);
  }
  const row: AgencyRow = { id: parsed.data.id ?? `ag-${code.toLowerCase()}`, code, name, service_days: serviceWeekdaysCode(serviceDaysFromWeekdays(parsed.data.serviceWeekdays)) };
  await db<AgencyRow>('agencies').insert(row);
  return toAgency(row);
}

export async function createCounter(db: Knex, input: z.input<typeof NewCounterSchema>): Promise<Counter> {
  const parsed = NewCounterSchema.safeParse(input);
  if (!parsed.success) throw invalid('Nomor atau nama loket', 'counter number (1–9999) or name');
  const agency = await requireAgency(db, parsed.data.agencyCode);
  const taken = await db<CounterRow>('counters').where({ number: parsed.data.number }).first();
  if (taken) {
    throw new LoketError('CONFLICT', `Nomor loket ${parsed.data.number} sudah dipakai.`, `Counter number ${parsed.data.number} is already in use.`);
  }
  const row: CounterRow = { id: parsed.data.id ?? `ct-${randomUUID()}`, agency_id: agency.id, number: parsed.data.number, name: parsed.data.name };
  await db<CounterRow>('counters').insert(row);
  return toCounter(row);
}

export async function createService(db: Knex, input: z.input<typeof NewServiceSchema>): Promise<Service> {
  const parsed = NewServiceSchema.safeParse(input);
  if (!parsed.success) throw invalid('Kode atau nama layanan', 'service code or name');
  const agency = await requireAgency(db, parsed.data.agencyCode);
  const taken = await db<ServiceRow>('services').where({ agency_id: agency.id, code: parsed.data.code }).first();
  if (taken) {
    throw new LoketError('CONFLICT', `Kode layanan "${parsed.data.code}" sudah dipakai.`, `Service code "${parsed.data.code}" is already in use.`);
  }
  const row: ServiceRow = { id: parsed.data.id ?? `sv-${randomUUID()}`, agency_id: agency.id, code: parsed.data.code, name: parsed.data.name };
  await db<ServiceRow>('services').insert(row);
  return toService(row);
}

/** Officer accounts (petugas, resepsionis, supervisor, admin). */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { LoketError } from '../../../common/ipc/result';
import { MIN_PASSWORD_LENGTH, RoleSchema, type Role } from '../../../common/domain/roles';
import type { LoginResponse } from '../../../common/server-api/auth';
import { hashPassword } from '../../../node-shared/scrypt';
import type { AgencyRow, OfficerRow } from '../db/rows';
import { findAgencyByCode, normalizeCode } from '../catalog/catalog-repo';

export type ServerOfficer = LoginResponse['officer'];

/** The signed-in officer as the auth guard hands it to routes. */
export interface AuthOfficer extends ServerOfficer {
  active: boolean;
}

export const normalizeUsername = (u: string): string => u.trim().toLowerCase();

type OfficerWithAgency = OfficerRow & { agency_name: string | null };

const officerQuery = (db: Knex) =>
  db<OfficerRow>('officers')
    .leftJoin<AgencyRow>('agencies', 'agencies.id', 'officers.agency_id')
    .select<OfficerWithAgency[]>('officers.*', 'agencies.name as agency_name');

export function toAuthOfficer(r: OfficerWithAgency): AuthOfficer {
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    role: r.role,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    // SQLite stores booleans as 0/1.
    active: r.active === true || r.active === 1,
  };
}

export const toServerOfficer = ({ active: _active, ...o }: AuthOfficer): ServerOfficer => o;

export async function findOfficerByUsername(db: Knex, username: string): Promise<(AuthOfficer & { passwordHash: string }) | null> {
  const row = await officerQuery(db).where('officers.username', normalizeUsername(username)).first();
  return row ? { ...toAuthOfficer(row), passwordHash: row.password_hash } : null;
}

export async function findOfficerById(db: Knex, id: string): Promise<AuthOfficer | null> {
  const row = await officerQuery(db).where('officers.id', id).first();
  return row ? toAuthOfficer(row) : null;
}

export const passwordTooShort = () =>
  new LoketError(
    'VALIDATION',
    `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`,
    `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
    { minLength: MIN_PASSWORD_LENGTH },
  );

export const NewOfficerSchema = z
  .object({
    username: z
      .string()
      .transform(normalizeUsername)
      .pipe(z.string().regex(/^[a-z0-9._-]{3,64}$/)),
    name: z.string().trim().min(2).max(200),
    role: RoleSchema,
    agencyCode: z.string().min(1).nullable().optional(),
    password: z.string().max(256),
    id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type NewOfficer = z.input<typeof NewOfficerSchema>;

export interface CreateOfficerOptions {
  now?: () => Date;
  /** Precomputed verifier (seeding many accounts with one password). */
  passwordHash?: string;
}

export async function createOfficer(db: Knex, input: NewOfficer, opts: CreateOfficerOptions = {}): Promise<ServerOfficer> {
  // Checked first and on its own so the message names the actual rule (BSSN: at least 12 characters).
  if (typeof input.password === 'string' && input.password.length < MIN_PASSWORD_LENGTH) throw passwordTooShort();
  const parsed = NewOfficerSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    const hints: Record<string, [string, string]> = {
      username: ['Nama pengguna harus 3–64 karakter: huruf kecil, angka, titik, - atau _.', 'The username must be 3–64 characters: lowercase letters, digits, dot, - or _.'],
      name: ['Nama petugas harus 2–200 karakter.', 'The officer name must be 2–200 characters.'],
      role: ['Peran harus officer, frontdesk, supervisor atau admin.', 'The role must be officer, frontdesk, supervisor or admin.'],
    };
    const [id, en] = hints[field] ?? ['Data petugas tidak valid.', 'Invalid officer data.'];
    throw new LoketError('VALIDATION', id, en, { field });
  }
  const o = parsed.data;
  let agencyId: string | null = null;
  if (o.agencyCode) {
    const agency = await findAgencyByCode(db, o.agencyCode);
    if (!agency) {
      const code = normalizeCode(o.agencyCode);
      throw new LoketError('NOT_FOUND', `Instansi dengan kode "${code}" tidak ditemukan.`, `No agency with code "${code}".`, { agencyCode: code });
    }
    agencyId = agency.id;
  }
  if (o.role === 'officer' && !agencyId) {
    throw new LoketError('VALIDATION', 'Petugas loket harus terdaftar pada satu instansi (--agency).', 'A counter officer must belong to an agency (--agency).');
  }
  if (await db<OfficerRow>('officers').where({ username: o.username }).first()) {
    throw new LoketError('CONFLICT', `Nama pengguna "${o.username}" sudah dipakai.`, `Username "${o.username}" is already taken.`);
  }
  const row: OfficerRow = {
    id: o.id ?? `of-${randomUUID()}`,
    username: o.username,
    name: o.name,
    role: o.role satisfies Role,
    agency_id: agencyId,
    password_hash: opts.passwordHash ?? (await hashPassword(o.password)),
    active: o.active ?? true,
    created_at: (opts.now ?? (() => new Date()))().toISOString(),
  };
  await db<OfficerRow>('officers').insert(row);
  const created = await findOfficerById(db, row.id);
  if (!created) throw new Error('officer vanished after insert');
  return toServerOfficer(created);
}

export async function setOfficerActive(db: Knex, username: string, active: boolean): Promise<boolean> {
  const n = await db<OfficerRow>('officers').where({ username: normalizeUsername(username) }).update({ active });
  return n > 0;
}

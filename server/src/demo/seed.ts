/**
 * The demo mall: realistic agencies, services and counters of a Mal Pelayanan
 * Publik, and one account per role. Idempotent: seeds only an empty mall.
 */
import type { Knex } from 'knex';
import type { Role } from '../../../common/domain/roles';
import { hashPassword } from '../../../node-shared/scrypt';
import { createOfficer } from '../auth/officers';
import type { AgencyRow, CounterRow, ServiceRow } from '../db/rows';
import { DEFAULT_MALL_NAME, SETTING_KEYS, getSetting, setSetting } from '../settings/settings-repo';
import { countRows } from '../db/connect';
import { seedDemoQueue } from '../queue/demo';
import { seedDemoStandards } from '../catalog/standards-repo';

export const DEMO_MALL_NAME = 'MPP Kota Demo';
/** The one password of every demo account (12+ characters, per BSSN guidance). */
export const DEMO_PASSWORD = 'Loket-Demo-2026!';

interface DemoAgency {
  id: string;
  code: string;
  name: string;
  services: { code: string; name: string }[];
  counters: number;
  /** ISO weekday digits the unit serves; Monday–Friday when absent. */
  serviceDays?: string;
}

export const DEMO_AGENCIES: readonly DemoAgency[] = [
  {
    id: 'ag-dukcapil',
    code: 'DUKCAPIL',
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    services: [
      { code: 'KK', name: 'Penerbitan Kartu Keluarga' },
      { code: 'KTP-EL', name: 'Penerbitan KTP-el' },
      { code: 'AKTA-LAHIR', name: 'Akta Kelahiran' },
      { code: 'AKTA-MATI', name: 'Akta Kematian' },
      { code: 'PINDAH-DATANG', name: 'Pindah Datang' },
    ],
    counters: 3,
  },
  {
    id: 'ag-imigrasi',
    code: 'IMIGRASI',
    name: 'Kantor Imigrasi',
    services: [
      { code: 'PASPOR-BARU', name: 'Paspor Baru' },
      { code: 'PASPOR-GANTI', name: 'Penggantian Paspor' },
    ],
    counters: 2,
  },
  {
    id: 'ag-samsat',
    code: 'SAMSAT',
    name: 'Samsat',
    // Samsat units in MPPs serve on Saturday too.
    serviceDays: '123456',
    services: [
      { code: 'PKB-TAHUNAN', name: 'Pembayaran Pajak Kendaraan Tahunan' },
      { code: 'BBN', name: 'Balik Nama Kendaraan' },
    ],
    counters: 3,
  },
  {
    id: 'ag-bpjs-kesehatan',
    code: 'BPJSKES',
    name: 'BPJS Kesehatan',
    services: [
      { code: 'DAFTAR', name: 'Pendaftaran Peserta' },
      { code: 'UBAH-DATA', name: 'Perubahan Data Peserta' },
    ],
    counters: 2,
  },
  {
    id: 'ag-dpmptsp',
    code: 'DPMPTSP',
    name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    services: [
      { code: 'NIB', name: 'Perizinan Berusaha / NIB' },
      { code: 'PBG', name: 'Persetujuan Bangunan Gedung' },
    ],
    counters: 2,
  },
];

export interface DemoAccount {
  username: string;
  role: Role;
  /** Agency code, or null for mall-wide roles. */
  agency: string | null;
  name: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'petugas.dukcapil', role: 'officer', agency: 'DUKCAPIL', name: 'Siti Rahmawati' },
  { username: 'petugas.imigrasi', role: 'officer', agency: 'IMIGRASI', name: 'Agus Santoso' },
  { username: 'petugas.samsat', role: 'officer', agency: 'SAMSAT', name: 'Dewi Lestari' },
  { username: 'petugas.bpjs', role: 'officer', agency: 'BPJSKES', name: 'Rudi Hartono' },
  { username: 'petugas.dpmptsp', role: 'officer', agency: 'DPMPTSP', name: 'Nur Aini' },
  { username: 'resepsionis', role: 'frontdesk', agency: null, name: 'Putri Anggraini' },
  { username: 'supervisor', role: 'supervisor', agency: null, name: 'Bambang Wijaya' },
  { username: 'admin', role: 'admin', agency: null, name: 'Admin MPP' },
];

export interface SeedOptions {
  now?: () => Date;
  /** Override the demo password (tests); must still be 12+ characters. */
  password?: string;
}

/** Seeds the demo mall when there are no agencies yet; returns whether it did. */
export async function seedDemo(db: Knex, opts: SeedOptions = {}): Promise<boolean> {
  if ((await countRows(db, 'agencies')) > 0) return false;
  const password = opts.password ?? DEMO_PASSWORD;
  // Hashed before the transaction: scrypt is slow and SQLite has one connection.
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(password)));
  return db.transaction(async (trx) => {
    // Re-checked inside the transaction: two starts racing must not seed twice.
    if ((await countRows(trx, 'agencies')) > 0) return false;
    const current = await getSetting(trx, SETTING_KEYS.mallName);
    if (current === null || current === DEFAULT_MALL_NAME) await setSetting(trx, SETTING_KEYS.mallName, DEMO_MALL_NAME);
    let counterNumber = 0;
    for (const a of DEMO_AGENCIES) {
      await trx<AgencyRow>('agencies').insert({ id: a.id, code: a.code, name: a.name, service_days: a.serviceDays ?? '12345' });
      const slug = a.id.replace(/^ag-/, '');
      await trx<ServiceRow>('services').insert(
        a.services.map((s) => ({ id: `sv-${slug}-${s.code.toLowerCase()}`, agency_id: a.id, code: s.code, name: s.name })),
      );
      const counters: CounterRow[] = [];
      for (let i = 0; i < a.counters; i++) {
        counterNumber += 1;
        counters.push({ id: `ct-${String(counterNumber).padStart(2, '0')}`, agency_id: a.id, number: counterNumber, name: `Loket ${counterNumber}` });
      }
      await trx<CounterRow>('counters').insert(counters);
    }
    for (const [i, acc] of DEMO_ACCOUNTS.entries()) {
      await createOfficer(
        trx,
        { id: `of-${acc.username.replace(/\./g, '-')}`, username: acc.username, name: acc.name, role: acc.role, agencyCode: acc.agency, password },
        { passwordHash: hashes[i] ?? (await hashPassword(password)), ...(opts.now ? { now: opts.now } : {}) },
      );
    }
    await seedDemoQueue(trx, (opts.now ?? (() => new Date()))());
    await seedDemoStandards(trx, (opts.now ?? (() => new Date()))().toISOString());
    return true;
  });
}

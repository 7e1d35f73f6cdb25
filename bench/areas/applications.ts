/**
 * applications: search over a large local database (by NIK, registration number, name prefix)
 * through the real dispatcher, and registering an application with 5 scans of 2 MB.
 * LOKET_BENCH_APPS scales the number of applications (default 1,000,000).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Knex } from 'knex';
import { createLoket, type Loket } from '../../main/app/compose';
import { silentLogger } from '../../node-shared/logger';
import { startServer } from '../../server/src/main';
import { formatRegistrationNumber } from '../../common/domain/applications/registration-number';
import { nameKey, type ApplicationDetail, type SearchResult } from '../../common/applications/application';
import type { ServiceStandard } from '../../common/catalog/standard';
import type { Result } from '../../common/ipc/result';
import { DEMO_PASSWORD } from '../../tests/support/stack';
import { tempDir } from '../../tests/support/temp';
import { pngOfSize } from '../../tests/support/sample-files';
import { checklist, uploadOk } from '../../tests/support/applications-fixtures';
import { percentile, round, type Figures } from '../report';

const N = Number(process.env.LOKET_BENCH_APPS ?? 1_000_000);
const QUERIES = 300;
const REGISTRATIONS = 10;
const FIRST = ['Siti', 'Budi', 'Agus', 'Dewi', 'Rina', 'Ahmad', 'Nur', 'Putri', 'Eko', 'Sri', 'Joko', 'Wahyu', 'Indah', 'Fitri', 'Rudi', 'Yusuf', 'Lestari', 'Bambang', 'Ratna', 'Hendra'];
const LAST = ['Rahmawati', 'Santoso', 'Wijaya', 'Lestari', 'Hartono', 'Saputra', 'Kurniawan', 'Hidayat', 'Susanti', 'Pratama', 'Nugroho', 'Setiawan', 'Purnomo', 'Handayani', 'Siregar', 'Nasution', 'Simanjuntak', 'Hasibuan', 'Wibowo', 'Gunawan', 'Suryani', 'Fauzi', 'Aminah', 'Maharani', 'Permata'];
const SERVICES = ['sv-dukcapil-kk', 'sv-dukcapil-ktp-el', 'sv-dukcapil-akta-lahir', 'sv-dukcapil-akta-mati', 'sv-dukcapil-pindah-datang'];
const STATUSES = ['diverifikasi', 'diproses', 'selesai', 'diambil', 'diambil', 'diambil', 'berkas_belum_lengkap'];

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.messageEn}`);
  return r.value as T;
};

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** N applications over a year, in ONE transaction, multi-row inserts of 400. */
async function seed(db: Knex, n: number): Promise<{ niks: string[]; regnos: string[]; names: string[] }> {
  const r = rng(42);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  const start = Date.parse('2025-03-03T01:00:00Z');
  const sample = { niks: [] as string[], regnos: [] as string[], names: [] as string[] };
  const seqs = new Map<string, number>();
  const cols = ['id', 'agency_id', 'service_id', 'applicant_name', 'applicant_nik', 'applicant_phone', 'notes', 'status', 'status_reason', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'registration_number', 'name_key', 'due_at', 'due_date', 'service_version'];
  await db.transaction(async (trx) => {
    let batch: unknown[][] = [];
    const flush = async () => {
      if (!batch.length) return;
      const sql = `insert into applications (${cols.join(',')}) values ${batch.map(() => `(${cols.map(() => '?').join(',')})`).join(',')}`;
      await trx.raw(sql, batch.flat() as Knex.RawBinding[]);
      batch = [];
    };
    for (let i = 0; i < n; i++) {
      const at = new Date(start + Math.floor((i / n) * 365 * 86_400_000));
      const day = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
      const station = `L0${1 + (i % 3)}`;
      const key = `${day}${station}`;
      const seq = (seqs.get(key) ?? 0) + 1;
      seqs.set(key, seq);
      const regno = formatRegistrationNumber({ agencyCode: 'DUKCAPIL', date: day, stationCode: station, seq: Math.min(seq, 9999) });
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      const dd = 1 + Math.floor(r() * 28) + (r() < 0.5 ? 40 : 0);
      const nik = `3174${String(1 + Math.floor(r() * 10)).padStart(2, '0')}${String(dd).padStart(2, '0')}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(60 + Math.floor(r() * 40))}${String(1 + Math.floor(r() * 9999)).padStart(4, '0')}`;
      const phone = `+628${String(Math.floor(r() * 1e10)).padStart(10, '0')}`;
      const iso = at.toISOString();
      const status = pick(STATUSES);
      batch.push([randomUUID(), 'ag-dukcapil', pick(SERVICES), name, nik, phone, null, status, null, 1, iso, 'of-petugas-dukcapil', iso, 'of-petugas-dukcapil', regno.ok ? regno.value : null, nameKey(name), new Date(at.getTime() + 2 * 86_400_000).toISOString(), day, 1]);
      if (i % Math.max(1, Math.floor(n / 2000)) === 0) {
        sample.niks.push(nik);
        if (regno.ok) sample.regnos.push(regno.value);
        sample.names.push(name);
      }
      if (batch.length === 400) await flush();
    }
    await flush();
  });
  return sample;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function searchP99(loket: Loket, queries: string[]): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const q = queries[i % queries.length] ?? '';
    times.push(await timeIt(async () => value<SearchResult>(await loket.dispatch('applications.search', { query: q }))));
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
}

export async function benchApplications(): Promise<Figures> {
  const t = tempDir('loket-bench-apps-');
  const server = await startServer({ port: 0, host: '127.0.0.1', sqliteFile: path.join(t.dir, 'server.sqlite'), demo: true, quiet: true });
  const loket = await createLoket({ dataDir: path.join(t.dir, 'counter'), runtime: 'harness', version: 'bench', defaultServerUrl: server.url, tickMs: 0, logger: silentLogger, sync: { debounceMs: 3_600_000 } });
  try {
    value(await loket.dispatch('auth.signIn', { username: 'petugas.dukcapil', password: DEMO_PASSWORD }));
    value(await loket.dispatch('counter.open', { counterId: 'ct-01' }));
    const t0 = performance.now();
    const sample = await seed(loket.db, N);
    const seedMs = performance.now() - t0;
    await loket.db.raw('analyze');

    // Warm-up, then measured queries (each through the dispatcher: zod, access, query, output parse).
    await searchP99(loket, sample.niks.slice(0, 20));
    const nik = await searchP99(loket, sample.niks);
    const regno = await searchP99(loket, sample.regnos);
    // Name prefix as officers type it: first name + the start of the family name ("siti rah").
    const name = await searchP99(loket, sample.names.map((n) => n.toLowerCase().slice(0, n.indexOf(' ') + 4)));
    // A first name alone matches ~1/20 of all rows: the worst case of a name search.
    const firstOnly = await searchP99(loket, FIRST.map((f) => f.toLowerCase()));

    // Register with 5 scans of 2 MB: the scans are saved as they are attached (encrypt + fsync each),
    // then the registration commits (row + outbox + scan links + upload queue in one transaction).
    const kk = value<ServiceStandard>(await loket.dispatch('catalog.standard', { serviceId: 'sv-dukcapil-kk' }));
    const scans = Array.from({ length: 5 }, () => pngOfSize(2 * 1024 * 1024));
    const register: number[] = [];
    const saves: number[] = [];
    for (let i = 0; i < REGISTRATIONS; i++) {
      const draftId = `draft-bench-${i}-${randomUUID()}`;
      for (const [j, bytes] of scans.entries()) {
        bytes.writeUInt32BE(i, 40); // a distinct file each run (inside the pixel data)
        const t1 = performance.now();
        await loket.documents.save({ bytes, fileName: `scan-${j}.png`, declaredType: 'image/png', draftId, requirementCode: kk.requirements[j % 3]?.code ?? null, agencyId: 'ag-dukcapil', officerId: 'of-petugas-dukcapil' });
        saves.push(performance.now() - t1);
      }
      const input = {
        draftId,
        serviceId: 'sv-dukcapil-kk',
        serviceVersion: kk.version,
        ticketId: null,
        applicant: { name: 'Siti Aminah', nik: '3174054507900001', phone: '081234567890', sex: null, birthDate: null },
        checklist: checklist(kk),
        complete: true,
        notes: null,
      };
      register.push(await timeIt(async () => value<ApplicationDetail>(await loket.dispatch('applications.register', input))));
    }
    register.sort((a, b) => a - b);
    saves.sort((a, b) => a - b);
    // Through IPC as the renderer sends it (160 KiB base64 chunks), one 2 MB scan.
    const ipcUpload = await timeIt(() => uploadOk(loket, `draft-ipc-${randomUUID()}`, 'F101', 'ipc.png', 'image/png', pngOfSize(2 * 1024 * 1024)));
    return {
      'apps.count': N,
      'apps.seed_s': round(seedMs / 1000, 1),
      'apps.search_nik_p50_ms': nik.p50,
      'apps.search_nik_p99_ms': nik.p99,
      'apps.search_regno_p50_ms': regno.p50,
      'apps.search_regno_p99_ms': regno.p99,
      'apps.search_name_p50_ms': name.p50,
      'apps.search_name_p99_ms': name.p99,
      'apps.search_name_first_only_p99_ms': firstOnly.p99,
      'apps.register_with_scans_ms': round(percentile(register, 50)),
      'apps.register_with_scans_p99_ms': round(percentile(register, 99)),
      'apps.scan_save_2mb_ms': round(percentile(saves, 50)),
      'apps.register_with_scans_total_ms': round(percentile(register, 50) + 5 * percentile(saves, 50)),
      'apps.scan_upload_ipc_2mb_ms': round(ipcUpload),
    };
  } finally {
    await loket.close();
    await server.close();
    t.cleanup();
  }
}

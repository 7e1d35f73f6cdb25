/**
 * Administration CLI of the reference server:
 *   tsx server/src/cli.ts <command> [flags]
 * Database: DATABASE_URL=postgres://… (plus --schema / LOKET_DB_SCHEMA), otherwise
 * the SQLite file given by --data (default .data/server.sqlite). Migrates first.
 * Exit codes: 0 done, 1 failed, 2 bad usage or invalid input.
 */
import { parseArgs } from 'node:util';
import { isLoketError, LoketError } from '../../common/ipc/result';
import { MIN_PASSWORD_LENGTH, ROLES, RoleSchema } from '../../common/domain/roles';
import { createOfficer, passwordTooShort } from './auth/officers';
import { createAgency, createCounter, createService } from './catalog/catalog-repo';
import { migrateServer } from './db/migrate';
import { openSelectedDb } from './db/select';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo/seed';
import { SETTING_KEYS, setSetting } from './settings/settings-repo';
import type { ServerDb } from './db/connect';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

const USAGE = `Penggunaan / Usage: cli <perintah/command> [--data <file.sqlite>] [--schema <pg schema>]
  create-officer --username <u> --name <nama> --role <${ROLES.join('|')}> [--agency <kode>] --password <min. ${MIN_PASSWORD_LENGTH} karakter>
  create-agency  --code <KODE> --name <nama>
  create-service --agency <KODE> --code <KODE> --name <nama>
  create-counter --agency <KODE> --number <n> --name <nama>
  set-mall       --name <nama MPP> [--timezone Asia/Jakarta|Asia/Makassar|Asia/Jayapura]
  load-demo      (hanya jika belum ada instansi / only when there are no agencies)
  migrate
DATABASE_URL=postgres://… memilih PostgreSQL / selects PostgreSQL.`;

const TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

const usage = (id: string, en: string) => new LoketError('VALIDATION', id, en);

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw usage(`Opsi --${name} wajib diisi.`, `Option --${name} is required.`);
  return v;
}

type Command = (db: ServerDb, v: Record<string, string | boolean | undefined>, io: CliIo) => Promise<void>;

const COMMANDS: Record<string, { check?: (v: Record<string, string | boolean | undefined>) => void; run: Command }> = {
  'create-officer': {
    // Checked before the database is opened: a weak password never gets near it.
    check: (v) => {
      const password = required(v, 'password');
      if (password.length < MIN_PASSWORD_LENGTH) throw passwordTooShort();
      for (const f of ['username', 'name', 'role']) required(v, f);
      if (!RoleSchema.safeParse(v.role).success) throw usage(`Peran harus salah satu dari: ${ROLES.join(', ')}.`, `The role must be one of: ${ROLES.join(', ')}.`);
    },
    run: async (db, v, io) => {
      const o = await createOfficer(db, {
        username: required(v, 'username'),
        name: required(v, 'name'),
        role: RoleSchema.parse(v.role),
        agencyCode: typeof v.agency === 'string' ? v.agency : null,
        password: required(v, 'password'),
      });
      io.out(`Petugas dibuat / Officer created: ${o.username} (${o.role}${o.agencyName ? `, ${o.agencyName}` : ''}) id=${o.id}`);
    },
  },
  'create-agency': {
    run: async (db, v, io) => {
      const a = await createAgency(db, { code: required(v, 'code'), name: required(v, 'name') });
      io.out(`Instansi dibuat / Agency created: ${a.code} ${a.name} id=${a.id}`);
    },
  },
  'create-service': {
    run: async (db, v, io) => {
      const s = await createService(db, { agencyCode: required(v, 'agency'), code: required(v, 'code'), name: required(v, 'name') });
      io.out(`Layanan dibuat / Service created: ${s.code} ${s.name} id=${s.id}`);
    },
  },
  'create-counter': {
    check: (v) => {
      if (!/^\d{1,4}$/.test(required(v, 'number'))) throw usage('Nomor loket harus bilangan bulat 1–9999.', 'The counter number must be an integer 1–9999.');
    },
    run: async (db, v, io) => {
      const c = await createCounter(db, { agencyCode: required(v, 'agency'), number: Number(required(v, 'number')), name: required(v, 'name') });
      io.out(`Loket dibuat / Counter created: ${c.number} ${c.name} id=${c.id}`);
    },
  },
  'set-mall': {
    check: (v) => {
      const name = required(v, 'name').trim();
      if (name.length < 2 || name.length > 200) throw usage('Nama MPP harus 2–200 karakter.', 'The mall name must be 2–200 characters.');
      if (typeof v.timezone === 'string' && !TIMEZONES.includes(v.timezone)) {
        throw usage(`Zona waktu harus salah satu dari: ${TIMEZONES.join(', ')}.`, `The time zone must be one of: ${TIMEZONES.join(', ')}.`);
      }
    },
    run: async (db, v, io) => {
      await setSetting(db, SETTING_KEYS.mallName, required(v, 'name').trim());
      if (typeof v.timezone === 'string') await setSetting(db, SETTING_KEYS.timezone, v.timezone);
      io.out(`Nama MPP disimpan / Mall name saved: ${required(v, 'name').trim()}`);
    },
  },
  'load-demo': {
    run: async (db, _v, io) => {
      if (!(await seedDemo(db))) {
        io.out('Data demo tidak dimuat: sudah ada instansi. / Demo data not loaded: agencies already exist.');
        return;
      }
      io.out(`Data demo dimuat / Demo data loaded. Kata sandi semua akun / password of all accounts: ${DEMO_PASSWORD}`);
      for (const a of DEMO_ACCOUNTS) io.out(`  ${a.username.padEnd(18)} ${a.role.padEnd(10)} ${a.agency ?? '-'}`);
    },
  },
  migrate: {
    run: async (_db, _v, io) => {
      io.out('Basis data mutakhir / Database up to date.');
    },
  },
};

const printError = (io: CliIo, e: LoketError) => {
  io.err(`Galat: ${e.messageId}`);
  io.err(`Error: ${e.message}`);
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Perintah tidak dikenal / Unknown command: ${name}`);
    io.err(USAGE);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: Object.fromEntries(['data', 'schema', 'username', 'name', 'role', 'agency', 'password', 'code', 'number', 'timezone'].map((k) => [k, { type: 'string' as const }])),
      strict: true,
    }).values;
    command.check?.(values);
  } catch (e) {
    if (isLoketError(e)) printError(io, e);
    else io.err(`Opsi tidak valid / Invalid options: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const databaseUrl = io.env.DATABASE_URL || undefined;
  const searchPath = (typeof values.schema === 'string' ? values.schema : undefined) ?? (io.env.LOKET_DB_SCHEMA || undefined);
  let db: ServerDb | null = null;
  try {
    db = openSelectedDb({
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(searchPath ? { searchPath } : {}),
      ...(typeof values.data === 'string' ? { sqliteFile: values.data } : {}),
    }).db;
    await migrateServer(db);
    await command.run(db, values, io);
    return 0;
  } catch (e) {
    if (isLoketError(e)) {
      printError(io, e);
      return e.code === 'VALIDATION' ? 2 : 1;
    }
    io.err(`Gagal / Failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  runCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

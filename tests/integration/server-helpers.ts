/**
 * Shared fixtures for the reference-server integration suites: a fresh database
 * per suite (a temp SQLite file, or a unique schema in a real PostgreSQL) and a
 * small fetch wrapper. PostgreSQL being unreachable is a failure, never a skip.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import { openServerDb } from '../../server/src/db/connect';
import type { DbSelection } from '../../server/src/db/select';

export type Backend = 'sqlite' | 'postgres';

export const PG_URL = process.env.LOKET_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  backend: Backend;
  /** Options for startServer / the CLI to reach this database. */
  selection: DbSelection;
  /** Environment and flags for a CLI child process on this database. */
  cliEnv: Record<string, string>;
  cliArgs: string[];
  open(): Knex;
  drop(): Promise<void>;
}

async function assertPostgresReachable(): Promise<void> {
  const probe = knexFactory({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 1 }, acquireConnectionTimeout: 5000 });
  try {
    await probe.raw('select 1');
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL} (${e instanceof Error ? e.message : String(e)}). ` +
        'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  } finally {
    await probe.destroy();
  }
}

export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loket-server-'));
    const file = path.join(dir, 'server.sqlite');
    return {
      backend,
      selection: { sqliteFile: file },
      cliEnv: {},
      cliArgs: ['--data', file],
      open: () => openServerDb({ sqliteFile: file }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  await assertPostgresReachable();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    backend,
    selection: { databaseUrl: PG_URL, searchPath: schema },
    cliEnv: { DATABASE_URL: PG_URL, LOKET_DB_SCHEMA: schema },
    cliArgs: [],
    open: () => openServerDb({ databaseUrl: PG_URL, searchPath: schema }),
    drop: async () => {
      const admin = knexFactory({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 1 } });
      try {
        await admin.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await admin.destroy();
      }
    },
  };
}

export interface CallResult {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as-is (for malformed bodies); implies no JSON encoding. */
  rawBody?: string;
  contentType?: string;
  token?: string;
}

export async function call(baseUrl: string, method: 'GET' | 'POST', urlPath: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(new URL(urlPath, baseUrl), { method, headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/**
 * Fixtures for the sync tests: demo servers (in-process or a child process running the
 * bundled server), counter installations built by the real composition root, and the
 * row-by-row comparison between the server and a counter.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Knex } from 'knex';
import { createLoket, type Loket } from '../../main/app/compose';
import { fromRow } from '../../main/applications/applications';
import { silentLogger } from '../../node-shared/logger';
import { toApplicationRecord, type ApplicationRow } from '../../server/src/applications/applications';
import type { ApplicationRecord } from '../../common/sync/applications';
import { DEMO_PASSWORD } from '../../server/src/demo/seed';
import { LoginResponseSchema } from '../../common/server-api/auth';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER_BUNDLE = path.join(ROOT, 'dist/server/main.cjs');

export interface ChildServer {
  url: string;
  port: number;
  proc: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs the bundled server (node dist/server/main.cjs) as its own process. */
export async function startChildServer(args: string[], env: Record<string, string> = {}): Promise<ChildServer> {
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`Missing ${SERVER_BUNDLE}: run "node scripts/build.mjs --skip-renderer" first.`);
  const proc = spawn(process.execPath, [SERVER_BUNDLE, '--host', '127.0.0.1', ...args], {
    env: { ...process.env, LOKET_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LOKET_SERVER_LISTENING (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  return {
    url,
    port: Number(new URL(url).port),
    proc,
    kill: async (signal = 'SIGKILL') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
}

export async function serverLogin(url: string, username: string): Promise<string> {
  const res = await fetch(new URL('/api/v1/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, installationId: 'sync-test' }),
  });
  expect(res.status).toBe(200);
  return LoginResponseSchema.parse(await res.json()).token;
}

export async function openCounter(dataDir: string, serverUrl: string, sync: Parameters<typeof createLoket>[0]['sync'] = {}): Promise<Loket> {
  return createLoket({
    dataDir,
    runtime: 'harness',
    version: 'test',
    defaultServerUrl: serverUrl,
    logger: silentLogger,
    tickMs: 0,
    sync: { debounceMs: 60_000, backoffBaseMs: 60_000, ...sync },
  });
}

/** Calls a channel through the real dispatcher and unwraps the result. */
export async function call<T = unknown>(loket: Loket, channel: string, input: unknown = {}): Promise<T> {
  const r = await loket.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.messageEn}`);
  return r.value as T;
}

export async function signIn(loket: Loket, username: string): Promise<void> {
  await call(loket, 'auth.signIn', { username, password: DEMO_PASSWORD });
}

export async function serverApplications(db: Knex, agencyId?: string): Promise<ApplicationRecord[]> {
  const q = db('applications').select();
  if (agencyId) q.where({ agency_id: agencyId });
  return ((await q.orderBy('id')) as ApplicationRow[]).map(toApplicationRecord);
}

export async function counterApplications(loket: Loket): Promise<ApplicationRecord[]> {
  return ((await loket.db('applications').select().orderBy('id')) as Parameters<typeof fromRow>[0][]).map(fromRow);
}

/** After recovery: nothing left to send, and the counter holds exactly the server's rows. */
export async function expectInSync(loket: Loket, serverDb: Knex, agencyId?: string): Promise<void> {
  const pending = await loket.db('outbox').where({ state: 'pending' }).count({ n: '*' }).first();
  expect(Number((pending as { n: number }).n)).toBe(0);
  const server = await serverApplications(serverDb, agencyId);
  const counter = await counterApplications(loket);
  expect(counter.length).toBe(server.length);
  for (let i = 0; i < server.length; i++) expect(counter[i], `row ${i}`).toEqual(server[i]);
}

export const DUKCAPIL = 'ag-dukcapil';
export const KK_SERVICE = 'sv-dukcapil-kk';
export const KTP_SERVICE = 'sv-dukcapil-ktp-el';

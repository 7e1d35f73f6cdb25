/**
 * Entry of the reference central server: `tsx server/src/main.ts` in
 * development, `node dist/server/main.cjs` once bundled (hence no top-level
 * await and no import.meta). Prints exactly one stdout line,
 * `LOKET_SERVER_LISTENING <url>`, which launchers wait for; logs go to stderr.
 *
 *   --port <n>      default 4780, 0 = random free port
 *   --host <addr>   default 127.0.0.1
 *   --data <file>   SQLite file, default .data/server.sqlite
 *   --schema <name> PostgreSQL schema (or LOKET_DB_SCHEMA)
 *   --demo          seed the demo mall when the database is empty
 *   --clock-from <ISO instant>  the server's clock starts at this instant and runs on
 *                   (demos, training and benchmarks outside the mall's opening hours)
 *   DATABASE_URL=postgres://…  selects PostgreSQL instead of SQLite
 */
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { createLogger, silentLogger, type LogLevel, type Logger } from '../../node-shared/logger';
import { migrateServer } from './db/migrate';
import { openSelectedDb, type DbSelection } from './db/select';
import { seedDemo } from './demo/seed';
import { buildServer } from './http/app';
import { runMaintenance } from './maintenance';

export const DEFAULT_PORT = 4780;
export const DEFAULT_HOST = '127.0.0.1';

export interface StartServerOptions extends DbSelection {
  port?: number;
  host?: string;
  /** Use this open database instead of opening one (it is then not closed by close()). */
  db?: Knex;
  /** Seed the demo mall if the database has no agencies. */
  demo?: boolean;
  /** Log sink; default JSON lines on stderr. */
  logger?: Logger;
  /** No logs at all (tests that do not inspect them). Ignored when `logger` is given. */
  quiet?: boolean;
  now?: () => Date;
  tokenTtlHours?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Knex;
  app: FastifyInstance;
  /** Stops accepting requests, waits for running ones, closes the database it opened. */
  close(): Promise<void>;
}

const stderrLogger = (): Logger => {
  const level = (process.env.LOKET_LOG_LEVEL ?? 'info') as LogLevel;
  return createLogger((line) => process.stderr.write(`${line}\n`), ['debug', 'info', 'warn', 'error'].includes(level) ? level : 'info', { svc: 'loket-server' });
};

const urlFor = (host: string, port: number): string => {
  // A wildcard bind is reachable locally through loopback.
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
};

export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const logger = opts.logger ?? (opts.quiet ? silentLogger : stderrLogger());
  const owned = !opts.db;
  const selected = opts.db ? { db: opts.db, description: 'provided' } : openSelectedDb(opts);
  const { db } = selected;
  const clock = opts.now ?? (() => new Date());
  let app: FastifyInstance | null = null;
  try {
    const ran = await migrateServer(db);
    logger.info('database ready', { database: selected.description, migrationsRun: ran.length });
    if (opts.demo && (await seedDemo(db, opts.now ? { now: opts.now } : {}))) logger.info('demo mall seeded');

    let maintaining: Promise<void> = Promise.resolve();
    const maintain = () =>
      (maintaining = runMaintenance(db, clock()).then(
        (n) => logger.debug('maintenance done', n),
        (e: unknown) => logger.warn('maintenance failed', { error: e }),
      ));
    await maintain();

    const server = buildServer({ db, logger, now: clock, ...(opts.tokenTtlHours ? { tokenTtlHours: opts.tokenTtlHours } : {}) });
    app = server;
    const host = opts.host ?? DEFAULT_HOST;
    await server.listen({ port: opts.port ?? DEFAULT_PORT, host });
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : (opts.port ?? DEFAULT_PORT);
    const url = urlFor(host, port);
    logger.info('listening', { url });

    const timer = setInterval(() => void maintain(), 3600_000);
    timer.unref();
    let closing: Promise<void> | null = null;
    return {
      url,
      port,
      db,
      app: server,
      close: () =>
        (closing ??= (async () => {
          clearInterval(timer);
          await server.close();
          // Let a running pass finish before the pool goes away.
          await maintaining;
          if (owned) await db.destroy();
          logger.info('stopped');
        })()),
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    if (owned) await db.destroy().catch(() => undefined);
    throw e;
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new Error(`Invalid --port: ${value}`);
  return n;
}

/** A clock that starts at `iso` now and runs at the real pace. */
export function clockFrom(iso: string): () => Date {
  const start = Date.parse(iso);
  if (!Number.isFinite(start)) throw new Error(`--clock-from needs an ISO instant such as 2026-03-02T01:00:00Z, not "${iso}".`);
  const offset = start - Date.now();
  return () => new Date(Date.now() + offset);
}

/** CLI entry: parse flags, start, print the ready line, stop cleanly on SIGTERM/SIGINT. */
export async function runMain(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      schema: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'clock-from': { type: 'string' },
    },
    strict: true,
  });
  const logger = stderrLogger();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const searchPath = values.schema ?? (process.env.LOKET_DB_SCHEMA || undefined);
  const server = await startServer({
    port: parsePort(values.port),
    host: values.host ?? DEFAULT_HOST,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(searchPath ? { searchPath } : {}),
    ...(values.data ? { sqliteFile: values.data } : {}),
    demo: values.demo,
    logger,
    ...(values['clock-from'] !== undefined ? { now: clockFrom(values['clock-from']) } : {}),
  });
  process.stdout.write(`LOKET_SERVER_LISTENING ${server.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal means "now".
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error('shutdown failed', { error: e });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

// Run only as the entry point (tsx or the esbuild CJS bundle), not when imported by tests.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  runMain().catch((e: unknown) => {
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: 'error', msg: 'server failed to start', error: e instanceof Error ? e.message : String(e) })}\n`);
    process.exit(1);
  });
}

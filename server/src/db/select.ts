/** Database selection shared by the server entry and the admin CLI. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isPostgresUrl, openServerDb, type ServerDb } from './connect';

export const DEFAULT_DATA_FILE = path.join('.data', 'server.sqlite');

export interface DbSelection {
  /** PostgreSQL URL (from DATABASE_URL); wins over the SQLite file. */
  databaseUrl?: string;
  /** PostgreSQL schema (--schema / LOKET_DB_SCHEMA). */
  searchPath?: string;
  /** SQLite file (--data); default .data/server.sqlite. */
  sqliteFile?: string;
}

export function openSelectedDb(sel: DbSelection): { db: ServerDb; description: string } {
  if (sel.databaseUrl) {
    if (!isPostgresUrl(sel.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    const db = openServerDb({ databaseUrl: sel.databaseUrl, ...(sel.searchPath ? { searchPath: sel.searchPath } : {}) });
    return { db, description: `postgresql${sel.searchPath ? ` (schema ${sel.searchPath})` : ''}` };
  }
  const file = path.resolve(sel.sqliteFile ?? DEFAULT_DATA_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  return { db: openServerDb({ sqliteFile: file }), description: `sqlite (${file})` };
}

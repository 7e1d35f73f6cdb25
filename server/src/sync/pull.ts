/**
 * Pull and snapshot (repair). Both run in one read transaction (REPEATABLE READ on
 * PostgreSQL) so the horizon, the page and the digest describe the same moment. The JSON
 * is assembled from the stored change text: no parse/serialise per row.
 */
import type { Knex } from 'knex';
import { agencyScope } from '../auth/guard';
import type { AuthOfficer } from '../auth/officers';
import { isPostgres } from '../db/connect';
import { readDigest, readHorizon } from './changelog';
import { DIGEST_ENTITY_NAMES, ENTITIES } from './registry';
import { SUPERVISOR_SCOPE } from '../../../common/server-api/counter-activity';

export interface ReadScope {
  /** 'all', or the scope values (agency ids and '*') the caller may read. */
  scopes: 'all' | string[];
  /** With 'all': scopes left out all the same (the front desk reads every agency, not supervisors' data). */
  exclude: string[];
  key: string;
}

export function readScopeOf(officer: Pick<AuthOfficer, 'role' | 'agencyId'>): ReadScope {
  const s = agencyScope(officer, 'read');
  if (s === 'all') {
    return officer.role === 'supervisor' || officer.role === 'admin' ? { scopes: 'all', exclude: [], key: 'all' } : { scopes: 'all', exclude: [SUPERVISOR_SCOPE], key: 'agencies' };
  }
  return { scopes: [...s, '*'], exclude: [], key: `agency:${[...s].sort().join(',')}` };
}

const readTx = <T>(db: Knex, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> =>
  isPostgres(db) ? db.transaction(fn, { isolationLevel: 'repeatable read', readOnly: true }) : db.transaction(fn);

interface ChangeRow {
  seq: number | string;
  entity: string;
  entity_id: string;
  op: string;
  data: string | null;
}

/**
 * The no-change answer per read scope, valid for the horizon it was read at: every digest
 * change moves the horizon, so the same horizon means the same digest. The TTL bounds what
 * a restore under a running server could leave behind.
 */
const IDLE_ANSWER_MS = 5000;
interface IdleAnswer {
  horizon: number;
  json: string;
  at: number;
}
const idleAnswers = new WeakMap<Knex, Map<string, IdleAnswer>>();

/** The PullResponse as JSON text. */
export async function pullJson(db: Knex, officer: AuthOfficer, after: number, limit: number): Promise<string> {
  const scope = readScopeOf(officer);
  // Nothing new since the caller's cursor (the everyday poll): one read when this horizon's
  // answer is known, else three and no transaction. Every digest change moves the horizon in
  // the same transaction (push), so an unchanged horizon around the digest read means the
  // digest is the horizon's; otherwise the full read below.
  const horizon = await readHorizon(db);
  if (horizon === after) {
    let answers = idleAnswers.get(db);
    const known = answers?.get(scope.key);
    const now = Date.now();
    if (known && known.horizon === horizon && now - known.at < IDLE_ANSWER_MS && now >= known.at) return known.json;
    const digest = await readDigest(db, scope.scopes, DIGEST_ENTITY_NAMES);
    if ((await readHorizon(db)) === horizon) {
      const json = `{"changes":[],"cursor":${horizon},"hasMore":false,"scope":${JSON.stringify(scope.key)},"digest":${JSON.stringify(digest)}}`;
      if (!answers) idleAnswers.set(db, (answers = new Map()));
      // Bounded: scope keys are the mall's agency sets, but never let them pile up.
      if (answers.size >= 256) answers.clear();
      answers.set(scope.key, { horizon, json, at: now });
      return json;
    }
  }
  return readTx(db, async (trx) => {
    const horizon = await readHorizon(trx);
    const page = (only: string | null) => {
      const q = trx('changes').select('seq', 'entity', 'entity_id', 'op', 'data').where('seq', '>', after).andWhere('seq', '<=', horizon);
      if (only !== null) q.where({ scope: only });
      else if (scope.exclude.length > 0) q.whereNotIn('scope', scope.exclude);
      return q.orderBy('seq').limit(limit + 1);
    };
    // One ordered index range per scope (each limited), in ONE statement, merged here: no
    // database sort of everything after the cursor, one round trip whatever the scopes.
    let rows: ChangeRow[];
    if (scope.scopes === 'all') rows = (await page(null)) as ChangeRow[];
    else {
      const [first, ...others] = scope.scopes.map((s) => trx.select('*').from(page(s).as('p')));
      const parts = first ? ((await (others.length ? first.unionAll(others) : first)) as ChangeRow[]) : [];
      rows = others.length ? parts.sort((a, b) => Number(a.seq) - Number(b.seq)).slice(0, limit + 1) : parts;
    }
    const hasMore = rows.length > limit;
    if (hasMore) rows.length = limit;
    const last = rows[rows.length - 1];
    // On the last page everything up to the horizon was considered: jump the cursor there,
    // so changes outside the caller's scope are never scanned again.
    const cursor = hasMore && last ? Number(last.seq) : horizon;
    const parts: string[] = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as ChangeRow;
      parts[i] = `{"seq":${Number(r.seq)},"entity":${JSON.stringify(r.entity)},"id":${JSON.stringify(r.entity_id)},"op":${JSON.stringify(r.op)},"data":${r.data ?? 'null'}}`;
    }
    let json = `{"changes":[${parts.join(',')}],"cursor":${cursor},"hasMore":${hasMore},"scope":${JSON.stringify(scope.key)}`;
    if (!hasMore) json += `,"digest":${JSON.stringify(await readDigest(trx, scope.scopes, DIGEST_ENTITY_NAMES))}`;
    return `${json}}`;
  });
}

export async function snapshotJson(db: Knex, officer: AuthOfficer, entity: string, after: string, limit: number): Promise<string | null> {
  const def = ENTITIES.get(entity);
  if (!def) return null;
  const scope = readScopeOf(officer);
  return readTx(db, async (trx) => {
    const horizon = await readHorizon(trx);
    const q = trx(def.table).select(def.columns).where('id', '>', after);
    if (scope.scopes !== 'all') q.whereIn(def.scopeColumn, scope.scopes);
    const rows = (await q.orderBy('id').limit(limit + 1)) as Record<string, unknown>[];
    const hasMore = rows.length > limit;
    if (hasMore) rows.length = limit;
    const all = rows.map((r) => def.fromRow(r));
    const next = hasMore ? (all[all.length - 1]?.id ?? null) : null;
    const records = scope.exclude.length > 0 ? all.filter((r) => !scope.exclude.includes(def.scopeOf(r))) : all;
    return JSON.stringify({ entity, rows: records, next, horizon });
  });
}

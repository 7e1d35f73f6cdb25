/**
 * The ticket updates of a claim or event group in ONE statement, each conditional on the
 * version the group read (never a lost update). The rows travel as one JSON parameter:
 * SQLite joins `json_each` to the primary key, PostgreSQL `json_to_recordset`; RETURNING
 * names the tickets written, so a ticket changed meanwhile is found and the group fails like
 * the per-ticket updates did before (nothing of it is written).
 *
 * Why: a group of 16 claims wrote 32 updates, each a statement with its own binding, thread
 * hop (SQLite) or round trip (PostgreSQL runs a transaction's statements one after the
 * other); the whole group is now one.
 */
import type { Knex } from 'knex';
import { LoketError } from '../../../common/ipc/result';
import { isPostgres } from '../db/connect';
import { hotRows } from '../db/hot';
import type { TicketRow } from './rows';

export interface TicketStep {
  before: TicketRow;
  after: TicketRow;
}

/** Columns a state-machine step changes (the note only for ticket events). */
const STEP_COLUMNS = ['status', 'counter_id', 'officer_id', 'target_counter_id', 'called_at', 'serving_started_at', 'finished_at', 'recalls', 'version', 'updated_at'] as const;
const INTEGER_COLUMNS = new Set<string>(['recalls', 'version']);

function sqliteSql(columns: readonly string[]): string {
  const set = columns.map((c) => `${c} = json_extract(v.value, '$.${c}')`).join(', ');
  return `update tickets set ${set} from json_each(?) as v where tickets.id = json_extract(v.value, '$.id') and tickets.version = json_extract(v.value, '$.old_version') returning tickets.id`;
}

function pgSql(columns: readonly string[]): string {
  const defs = ['id text', 'old_version integer', ...columns.map((c) => `${c} ${INTEGER_COLUMNS.has(c) ? 'integer' : 'text'}`)].join(', ');
  const set = columns.map((c) => `${c} = v.${c}`).join(', ');
  return `update tickets as t set ${set} from json_to_recordset(?::json) as v(${defs}) where t.id = v.id and t.version = v.old_version returning t.id`;
}

const SQL = {
  sqlite: { plain: sqliteSql(STEP_COLUMNS), note: sqliteSql([...STEP_COLUMNS, 'note']) },
  pg: { plain: pgSql(STEP_COLUMNS), note: pgSql([...STEP_COLUMNS, 'note']) },
};

/** Writes the steps in the caller's transaction; throws CONFLICT (the group fails) when a ticket's version moved. */
export async function writeTicketSteps(trx: Knex.Transaction, steps: readonly TicketStep[], withNote: boolean): Promise<void> {
  if (steps.length === 0) return;
  const rows = steps.map(({ before, after }) => {
    const r: Record<string, unknown> = { id: before.id, old_version: Number(before.version) };
    for (const c of STEP_COLUMNS) r[c] = INTEGER_COLUMNS.has(c) ? Number(after[c]) : (after[c] ?? null);
    if (withNote) r.note = after.note ?? null;
    return r;
  });
  const sql = (isPostgres(trx) ? SQL.pg : SQL.sqlite)[withNote ? 'note' : 'plain'];
  const written = new Set((await hotRows<{ id: string }>(trx, trx.raw(sql, [JSON.stringify(rows)]))).map((r) => r.id));
  const moved = steps.find((s) => !written.has(s.before.id));
  if (moved) {
    const n = moved.before.display_number;
    throw new LoketError('CONFLICT', `Antrian ${n} baru saja diubah di loket lain. Coba lagi.`, `Ticket ${n} was just changed elsewhere. Try again.`);
  }
}

/**
 * One step per ticket: a ticket stepped twice in a group (started by an event, then finished by
 * a claim) is written once, from the version read to the last one (an UPDATE … FROM applies one
 * joined row per target row). Order of first appearance.
 */
export function collapseSteps(steps: readonly TicketStep[]): TicketStep[] {
  const byId = new Map<string, TicketStep>();
  for (const s of steps) {
    const prev = byId.get(s.before.id);
    byId.set(s.before.id, prev ? { before: prev.before, after: s.after } : s);
  }
  return [...byId.values()];
}

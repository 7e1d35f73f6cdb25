/**
 * Per-day rollup of supervisor_ticket_facts (005_supervisor) for the dashboard.
 *
 * supervisor_day_groups: one row per service day and (agency, service, counter, officer, status,
 * transfer leg) with the number of tickets and the group's exact durations in ms as comma lists
 * (wait, walk, service, total; NULLs left out like group_concat), plus the UTC quarter-hour of
 * each arrival and of each end (for "busiest hours" in any zone whose offset is a multiple of
 * 15 minutes, i.e. every real one). A month is then ~20 × (groups of a day) short rows instead
 * of a GROUP BY over every ticket, and medians/p90 stay exact (the values themselves are kept).
 * Counter and officer are '' when NULL (they are part of the key).
 *
 * Kept by triggers on supervisor_ticket_facts (which 005's triggers keep from queue_tickets):
 * an insert appends the row's values to its group, a delete removes one occurrence of each
 * value, an update does both. No read of the facts table on a write.
 */
import type { Knex } from 'knex';

const KEY = ['service_day', 'agency_id', 'service_id', 'counter_id', 'officer_id', 'status', 'is_leg'] as const;
const LISTS = ['w', 'k', 'v', 't', 'ia', 'se'] as const;

/** The list values of a facts row (NEW/OLD/table alias), in LISTS order, as INTEGER or NULL. */
const values = (r: string): string[] => [
  `${r}.wait_ms`,
  `${r}.walk_ms`,
  `${r}.svc_ms`,
  `${r}.total_ms`,
  `IFNULL((${r}.arrived_ms / 1000) % 86400 / 900, -1)`,
  `CASE WHEN ${r}.total_ms IS NOT NULL AND ${r}.arrived_ms IS NOT NULL THEN ((${r}.arrived_ms + ${r}.total_ms) / 1000) % 86400 / 900 END`,
];

const keyOf = (r: string): string[] => KEY.map((k) => (k === 'counter_id' || k === 'officer_id' ? `IFNULL(${r}.${k}, '')` : `${r}.${k}`));
const whereKey = (r: string): string => KEY.map((k, i) => `${k} = ${keyOf(r)[i]}`).join(' AND ');

/** Appends a value (skipped when NULL) to a comma list. */
const append = (col: string, v: string): string => `CASE WHEN ${v} IS NULL THEN ${col} WHEN ${col} IS NULL OR ${col} = '' THEN CAST(${v} AS TEXT) ELSE ${col} || ',' || ${v} END`;

/** Removes one occurrence of a value (nothing when NULL) from a comma list. */
const remove = (col: string, v: string): string => {
  const s = `(',' || IFNULL(${col}, '') || ',')`;
  const needle = `(',' || ${v} || ',')`;
  const at = `instr(${s}, ${needle})`;
  return `CASE WHEN ${v} IS NULL OR ${at} = 0 THEN ${col} ELSE trim(substr(${s}, 1, ${at} - 1) || ',' || substr(${s}, ${at} + length(${needle})), ',') END`;
};

const addRow = (r: string): string => {
  const v = values(r);
  return `INSERT INTO supervisor_day_groups (${KEY.join(', ')}, n, ${LISTS.join(', ')})
    VALUES (${keyOf(r).join(', ')}, 1, ${v.map((x) => `CAST(${x} AS TEXT)`).join(', ')})
    ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET n = n + 1, ${LISTS.map((l, i) => `${l} = ${append(l, v[i] as string)}`).join(', ')};`;
};

const removeRow = (r: string): string => {
  const v = values(r);
  return `UPDATE supervisor_day_groups SET n = n - 1, ${LISTS.map((l, i) => `${l} = ${remove(l, v[i] as string)}`).join(', ')} WHERE ${whereKey(r)};
    DELETE FROM supervisor_day_groups WHERE ${whereKey(r)} AND n <= 0;`;
};

export async function up(db: Knex): Promise<void> {
  await db.raw(`CREATE TABLE supervisor_day_groups (
    service_day TEXT NOT NULL, agency_id TEXT NOT NULL, service_id TEXT NOT NULL, counter_id TEXT NOT NULL, officer_id TEXT NOT NULL,
    status TEXT NOT NULL, is_leg INTEGER NOT NULL, n INTEGER NOT NULL,
    w TEXT, k TEXT, v TEXT, t TEXT, ia TEXT, se TEXT,
    PRIMARY KEY (${KEY.join(', ')})) WITHOUT ROWID`);
  const v = values('f');
  await db.raw(`INSERT INTO supervisor_day_groups (${KEY.join(', ')}, n, ${LISTS.join(', ')})
    SELECT ${keyOf('f').join(', ')}, COUNT(*), ${v.map((x) => `group_concat(${x})`).join(', ')}
    FROM supervisor_ticket_facts f GROUP BY ${keyOf('f').join(', ')}`);
  await db.raw(`CREATE TRIGGER supervisor_day_groups_ai AFTER INSERT ON supervisor_ticket_facts BEGIN ${addRow('NEW')} END`);
  await db.raw(`CREATE TRIGGER supervisor_day_groups_ad AFTER DELETE ON supervisor_ticket_facts BEGIN ${removeRow('OLD')} END`);
  await db.raw(`CREATE TRIGGER supervisor_day_groups_au AFTER UPDATE ON supervisor_ticket_facts BEGIN ${removeRow('OLD')} ${addRow('NEW')} END`);
}

export async function down(db: Knex): Promise<void> {
  for (const trg of ['supervisor_day_groups_ai', 'supervisor_day_groups_ad', 'supervisor_day_groups_au']) await db.raw(`DROP TRIGGER IF EXISTS ${trg}`);
  await db.schema.dropTableIfExists('supervisor_day_groups');
}

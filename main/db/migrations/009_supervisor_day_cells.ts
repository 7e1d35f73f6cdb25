/**
 * Supervisor: the days' pre-aggregated cells (main/supervisor/day-cells.ts) in binary, per day
 * and part (M: the mall; A: agencies; R: agency × service / counter / officer; G: the finest cells),
 * with the day's change counter (supervisor_day_versions, 008) and the waiting targets they were
 * built with: a copy is used only while both are current. A derived copy: deleting rows only
 * costs a rebuild from the rollup (supervisor_day_groups, 007).
 *
 * Officer productivity reads the sessions and pauses open during a range: indexes on their length
 * (the longest bounds how long before the range one can have opened) and on the still-open
 * ones, so that read scans the range's rows instead of every row opened before the range's end.
 * Applications overdue at the end of a past range include those completed after it, which are
 * necessarily late: a covering index of the late completions counts them without visiting every
 * application completed since.
 *
 * Replaces supervisor_day_blobs (008), the previous form of the copy (whole-day group lists the
 * dashboard had to rank on every view); nothing reads it any more.
 */
import type { Knex } from 'knex';

const SPANS = [
  ['supervisor_counter_sessions', 'opened_at', 'closed_at', 'supervisor_sessions'],
  ['supervisor_counter_pauses', 'started_at', 'ended_at', 'supervisor_pauses'],
] as const;

export async function up(db: Knex): Promise<void> {
  await db.raw(`CREATE TABLE supervisor_day_cells (
    service_day TEXT NOT NULL, part TEXT NOT NULL, version INTEGER NOT NULL, targets TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (service_day, part))`);
  await db.raw('DROP TABLE IF EXISTS supervisor_day_blobs');
  await db.raw('CREATE INDEX supervisor_apps_late_idx ON supervisor_applications (completed_at, due_at, received_at, agency_id, service_id) WHERE completed_at > due_at');
  for (const [table, open, close, name] of SPANS) {
    await db.raw(`CREATE INDEX ${name}_len_idx ON ${table} ((julianday(${close}) - julianday(${open})))`);
    await db.raw(`CREATE INDEX ${name}_still_open_idx ON ${table} (${open}) WHERE ${close} IS NULL`);
  }
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP INDEX IF EXISTS supervisor_apps_late_idx');
  for (const [, , , name] of SPANS) {
    await db.raw(`DROP INDEX IF EXISTS ${name}_len_idx`);
    await db.raw(`DROP INDEX IF EXISTS ${name}_still_open_idx`);
  }
  await db.raw('DROP TABLE IF EXISTS supervisor_day_cells');
  await db.raw('CREATE TABLE supervisor_day_blobs (service_day TEXT PRIMARY KEY, version INTEGER NOT NULL, data BLOB NOT NULL)');
}

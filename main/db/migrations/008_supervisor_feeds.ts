/**
 * Supervisor: what sync feeds and what the dashboard's cache needs.
 *
 * - supervisor_day_versions: a change counter per service day for the dashboard's in-memory
 *   cache of parsed rollup rows (main/supervisor/day-groups.ts). Every insert, update or delete
 *   of supervisor_ticket_facts bumps its day (both days when a ticket moves) in the writing
 *   transaction, so a cached day is reused only while nothing of that day changed.
 * - supervisor_day_blobs: a past day's parsed rollup in binary (main/supervisor/day-blob.ts),
 *   written by the dashboard after it read the day from the rollup, used while its version is
 *   the day's current one (a derived copy: deleting rows only costs a re-read).
 * - supervisor_applications kept from `applications` (the working copy sync fills; a supervisor's
 *   installation pulls every agency's) by triggers, in the transaction that wrote the synced row:
 *   received = created_at, "berkas lengkap" = complete_at, due = due_at, closed = the first
 *   history entry into selesai/diambil/ditolak/dibatalkan (updated_at if the history lacks it;
 *   only selesai/diambil count as completed), days in the mall's zone (settings queue.config
 *   utcOffsetMinutes, WIB by default). No applicant data is copied.
 * - a covering index for the applications completed in a range (status, completion and due
 *   instant of ~20,000 rows a month read without visiting the table).
 *
 * Counter sessions and pauses are written by their sync entities (main/supervisor/sync-entities.ts).
 */
import type { Knex } from 'knex';

const bump = (day: string): string =>
  `INSERT INTO supervisor_day_versions (service_day, version) VALUES (${day}, 1) ON CONFLICT (service_day) DO UPDATE SET version = version + 1;`;

const OFFSET = `IFNULL((SELECT CAST(json_extract(value, '$.utcOffsetMinutes') AS INTEGER) FROM settings WHERE key = 'queue.config' AND json_valid(value)), 420)`;
const localDay = (instant: string): string => `strftime('%Y-%m-%d', ${instant}, (${OFFSET}) || ' minutes')`;
const CLOSED = `('selesai', 'diambil', 'ditolak', 'dibatalkan')`;
const closedAt = (r: string): string => `CASE WHEN ${r}.status IN ${CLOSED} THEN COALESCE(
    (SELECT min(json_extract(h.value, '$.at')) FROM json_each(CASE WHEN json_valid(${r}.history_json) THEN ${r}.history_json ELSE '[]' END) h
      WHERE json_extract(h.value, '$.to') IN ${CLOSED}), ${r}.updated_at) END`;
const APP_COLUMNS = 'id, agency_id, service_id, status, received_at, received_day, complete_at, due_at, completed_at, completed_day';
const appSelect = (r: string): string =>
  `SELECT ${r}.id, ${r}.agency_id, ${r}.service_id, ${r}.status, ${r}.created_at, ${localDay(`${r}.created_at`)}, ${r}.complete_at, ${r}.due_at, ${closedAt(r)}, ${localDay(closedAt(r))}`;

export async function up(db: Knex): Promise<void> {
  await db.raw('CREATE TABLE supervisor_day_versions (service_day TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID');
  await db.raw('CREATE TABLE supervisor_day_blobs (service_day TEXT PRIMARY KEY, version INTEGER NOT NULL, data BLOB NOT NULL)');
  await db.raw('INSERT INTO supervisor_day_versions (service_day, version) SELECT DISTINCT service_day, 1 FROM supervisor_ticket_facts');
  await db.raw(`CREATE TRIGGER supervisor_day_versions_ai AFTER INSERT ON supervisor_ticket_facts BEGIN ${bump('NEW.service_day')} END`);
  await db.raw(`CREATE TRIGGER supervisor_day_versions_ad AFTER DELETE ON supervisor_ticket_facts BEGIN ${bump('OLD.service_day')} END`);
  await db.raw(`CREATE TRIGGER supervisor_day_versions_au AFTER UPDATE ON supervisor_ticket_facts BEGIN ${bump('OLD.service_day')}
    INSERT INTO supervisor_day_versions (service_day, version) SELECT NEW.service_day, 1 WHERE NEW.service_day <> OLD.service_day
      ON CONFLICT (service_day) DO UPDATE SET version = version + 1; END`);

  await db.raw(`INSERT OR REPLACE INTO supervisor_applications (${APP_COLUMNS}) ${appSelect('a')} FROM applications a`);
  // DELETE then INSERT, never OR REPLACE: an upsert's conflict policy overrides the trigger's.
  await db.raw(`CREATE TRIGGER supervisor_apps_ai AFTER INSERT ON applications BEGIN
    DELETE FROM supervisor_applications WHERE id = NEW.id;
    INSERT INTO supervisor_applications (${APP_COLUMNS}) ${appSelect('NEW')}; END`);
  await db.raw(`CREATE TRIGGER supervisor_apps_au AFTER UPDATE ON applications BEGIN
    DELETE FROM supervisor_applications WHERE id IN (OLD.id, NEW.id);
    INSERT INTO supervisor_applications (${APP_COLUMNS}) ${appSelect('NEW')}; END`);
  await db.raw(`CREATE TRIGGER supervisor_apps_ad AFTER DELETE ON applications BEGIN
    DELETE FROM supervisor_applications WHERE id = OLD.id; END`);

  await db.raw('CREATE INDEX supervisor_apps_completed_cover_idx ON supervisor_applications (completed_day, status, agency_id, service_id, completed_at, due_at)');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP INDEX IF EXISTS supervisor_apps_completed_cover_idx');
  for (const trg of ['supervisor_apps_ai', 'supervisor_apps_au', 'supervisor_apps_ad', 'supervisor_day_versions_ai', 'supervisor_day_versions_ad', 'supervisor_day_versions_au']) {
    await db.raw(`DROP TRIGGER IF EXISTS ${trg}`);
  }
  await db.schema.dropTableIfExists('supervisor_day_blobs');
  await db.schema.dropTableIfExists('supervisor_day_versions');
}

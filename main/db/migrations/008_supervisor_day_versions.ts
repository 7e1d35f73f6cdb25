/**
 * A change counter per service day for the supervisor dashboard's in-memory cache of parsed
 * rollup rows (main/supervisor/day-cache.ts): every insert, update or delete of
 * supervisor_ticket_facts bumps its day (both days when a ticket moves), in the same statement's
 * transaction, so a cached day is reused only while nothing of that day changed.
 * Also a covering index for the applications completed in a range (the SLA figures read status,
 * completion and due instant of ~20,000 rows a month without visiting the table).
 */
import type { Knex } from 'knex';

const bump = (day: string): string =>
  `INSERT INTO supervisor_day_versions (service_day, version) VALUES (${day}, 1) ON CONFLICT (service_day) DO UPDATE SET version = version + 1;`;

export async function up(db: Knex): Promise<void> {
  await db.raw('CREATE TABLE supervisor_day_versions (service_day TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID');
  await db.raw('INSERT INTO supervisor_day_versions (service_day, version) SELECT DISTINCT service_day, 1 FROM supervisor_ticket_facts');
  await db.raw('CREATE INDEX supervisor_apps_completed_cover_idx ON supervisor_applications (completed_day, status, agency_id, service_id, completed_at, due_at)');
  await db.raw(`CREATE TRIGGER supervisor_day_versions_ai AFTER INSERT ON supervisor_ticket_facts BEGIN ${bump('NEW.service_day')} END`);
  await db.raw(`CREATE TRIGGER supervisor_day_versions_ad AFTER DELETE ON supervisor_ticket_facts BEGIN ${bump('OLD.service_day')} END`);
  await db.raw(`CREATE TRIGGER supervisor_day_versions_au AFTER UPDATE ON supervisor_ticket_facts BEGIN ${bump('OLD.service_day')}
    INSERT INTO supervisor_day_versions (service_day, version) SELECT NEW.service_day, 1 WHERE NEW.service_day <> OLD.service_day
      ON CONFLICT (service_day) DO UPDATE SET version = version + 1; END`);
}

export async function down(db: Knex): Promise<void> {
  for (const trg of ['supervisor_day_versions_ai', 'supervisor_day_versions_ad', 'supervisor_day_versions_au']) await db.raw(`DROP TRIGGER IF EXISTS ${trg}`);
  await db.raw('DROP INDEX IF EXISTS supervisor_apps_completed_cover_idx');
  await db.schema.dropTableIfExists('supervisor_day_versions');
}

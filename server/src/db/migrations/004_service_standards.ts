/**
 * Service standards (versioned; an edit inserts a new version) and the holiday calendar the
 * server distributes (editable, versioned; seeded with the official 2025–2026 dates).
 */
import type { Knex } from 'knex';
import { HOLIDAYS_ID_2025_2026 } from '../../../../common/domain/calendar/holidays-id';
import { seedDemoStandards } from '../../catalog/standards-repo';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('service_standards', (t) => {
    t.string('service_id', 64).notNullable().references('id').inTable('services').onDelete('RESTRICT');
    t.integer('version').notNullable();
    t.text('data').notNullable();
    t.string('created_at', 40).notNullable();
    t.string('created_by', 64).notNullable();
    t.primary(['service_id', 'version']);
  });
  await db.schema.createTable('holiday_calendars', (t) => {
    t.string('version', 64).primary();
    t.integer('seq').notNullable().unique();
    t.text('data').notNullable();
    t.string('created_at', 40).notNullable();
    t.string('created_by', 64).notNullable();
  });
  const at = new Date().toISOString();
  await db('holiday_calendars').insert({ version: HOLIDAYS_ID_2025_2026.version, seq: 1, data: JSON.stringify(HOLIDAYS_ID_2025_2026), created_at: at, created_by: 'seed' });
  // A demo mall seeded before this migration gets its standards too.
  await seedDemoStandards(db, at);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('holiday_calendars');
  await db.schema.dropTableIfExists('service_standards');
}

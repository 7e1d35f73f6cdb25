/** The cached catalog carries each agency's service days (ISO weekday digits, "12345" = Monday–Friday). */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('agencies', (t) => {
    t.string('service_days').notNullable().defaultTo('12345');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('agencies', (t) => {
    t.dropColumn('service_days');
  });
}

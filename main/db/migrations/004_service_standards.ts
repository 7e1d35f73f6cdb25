/** Cache of the server's service standards: every version seen is kept (applications refer to theirs). */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('service_standards', (t) => {
    t.string('service_id').notNullable();
    t.integer('version').notNullable();
    t.text('data').notNullable();
    t.primary(['service_id', 'version']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('service_standards');
}

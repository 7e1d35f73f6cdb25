/** Anonymous SKM survey answers (server/src/survey): service, agency and day only. */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('skm_responses', (t) => {
    t.string('id', 64).primary();
    t.string('agency_id', 64).notNullable();
    t.string('service_id', 64).notNullable();
    t.string('service_day', 10).notNullable();
    for (let i = 1; i <= 9; i++) t.smallint(`u${i}`).nullable();
    t.text('suggestion').nullable();
    t.string('sex', 32).nullable();
    t.string('age_group', 32).nullable();
    t.string('education', 32).nullable();
    t.string('occupation', 32).nullable();
    t.integer('version').notNullable().defaultTo(1);
    t.index(['agency_id', 'service_day']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('skm_responses');
}

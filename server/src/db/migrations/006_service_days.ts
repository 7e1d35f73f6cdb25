/**
 * Per-unit service days (README "Applications", due dates): the ISO weekdays each agency serves,
 * as digits ("12345" = Monday–Friday, the default; "123456" = Monday–Saturday). Samsat units in
 * MPPs commonly open on Saturday, so an existing SAMSAT agency is set to Monday–Saturday.
 */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('agencies', (t) => {
    t.string('service_days', 7).notNullable().defaultTo('12345');
  });
  await db('agencies').where({ code: 'SAMSAT' }).update({ service_days: '123456' });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('agencies', (t) => {
    t.dropColumn('service_days');
  });
}

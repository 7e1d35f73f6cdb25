/**
 * Sync: the minimal application entity, the change log (seq assigned in commit order
 * through the sync_counter row), the idempotency record of pushed entries, the
 * incremental per-scope digest, and content-addressed document files.
 */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('applications', (t) => {
    t.string('id', 64).primary();
    t.string('agency_id', 64).notNullable().references('id').inTable('agencies').onDelete('RESTRICT');
    t.string('service_id', 64).notNullable().references('id').inTable('services').onDelete('RESTRICT');
    t.string('applicant_name', 200).notNullable();
    t.string('applicant_nik', 16).nullable();
    t.text('notes').nullable();
    t.string('status', 32).notNullable();
    t.text('status_reason').nullable();
    t.integer('version').notNullable();
    t.string('created_at', 40).notNullable();
    t.string('created_by', 64).notNullable();
    t.string('updated_at', 40).notNullable();
    t.string('updated_by', 64).notNullable();
    t.index(['agency_id', 'id']);
  });

  // One row per committed change; seq comes from sync_counter inside the writing transaction.
  await db.schema.createTable('changes', (t) => {
    t.bigInteger('seq').primary();
    t.string('entity', 32).notNullable();
    t.string('entity_id', 64).notNullable();
    t.string('op', 8).notNullable();
    t.text('data').nullable();
    // Agency id, or '*' for mall-wide data.
    t.string('scope', 64).notNullable();
    t.string('created_at', 40).notNullable();
    t.index(['scope', 'seq']);
  });

  await db.schema.createTable('sync_counter', (t) => {
    t.string('name', 32).primary();
    t.bigInteger('value').notNullable();
  });
  await db('sync_counter').insert({ name: 'changes', value: 0 });

  // Idempotency: every pushed entry id once, with its outcome.
  await db.schema.createTable('sync_applied', (t) => {
    t.string('entry_id', 64).primary();
    t.string('installation_id', 64).notNullable();
    t.string('officer_id', 64).notNullable();
    t.string('kind', 64).notNullable();
    t.string('status', 16).notNullable();
    t.string('code', 64).nullable();
    t.text('message').nullable();
    t.text('message_en').nullable();
    t.string('created_at', 40).notNullable();
  });

  // count + XOR of row hashes per entity and scope, kept in step with the rows.
  await db.schema.createTable('sync_digest', (t) => {
    t.string('entity', 32).notNullable();
    t.string('scope', 64).notNullable();
    t.bigInteger('count').notNullable();
    t.bigInteger('hi').notNullable();
    t.bigInteger('lo').notNullable();
    t.primary(['entity', 'scope']);
  });

  await db.schema.createTable('files', (t) => {
    t.string('sha256', 64).primary();
    t.bigInteger('size').notNullable();
    t.bigInteger('received').notNullable();
    t.boolean('complete').notNullable().defaultTo(false);
    t.string('agency_id', 64).nullable();
    t.string('created_by', 64).notNullable();
    t.string('created_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
  });
  await db.schema.createTable('file_chunks', (t) => {
    t.string('sha256', 64).notNullable().references('sha256').inTable('files').onDelete('CASCADE');
    t.bigInteger('offset').notNullable();
    t.binary('data').notNullable();
    t.primary(['sha256', 'offset']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['file_chunks', 'files', 'sync_digest', 'sync_applied', 'sync_counter', 'changes', 'applications']) {
    await db.schema.dropTableIfExists(table);
  }
}

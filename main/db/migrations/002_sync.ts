/**
 * Sync on the counter: the application working copy (version 0 = not yet on the server),
 * the sync state (cursor stored in the same transaction as the rows it covers), the
 * incremental digest of server-confirmed rows, and the queue of document files to upload.
 */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('applications', (t) => {
    t.string('id').primary();
    t.string('agency_id').notNullable();
    t.string('service_id').notNullable();
    t.string('applicant_name').notNullable();
    t.string('applicant_nik');
    t.text('notes');
    t.string('status').notNullable();
    t.text('status_reason');
    t.integer('version').notNullable().defaultTo(0);
    t.string('created_at').notNullable();
    t.string('created_by').notNullable();
    t.string('updated_at').notNullable();
    t.string('updated_by').notNullable();
    t.index(['agency_id', 'status']);
  });
  await db.schema.createTable('sync_state', (t) => {
    t.string('key').primary();
    t.text('value').notNullable();
  });
  await db.schema.createTable('sync_digest', (t) => {
    t.string('entity').primary();
    t.integer('count').notNullable();
    t.bigInteger('hi').notNullable();
    t.bigInteger('lo').notNullable();
  });
  await db.schema.createTable('file_uploads', (t) => {
    t.string('sha256').primary();
    t.text('path').notNullable();
    t.integer('size').notNullable();
    t.string('state').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.string('created_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const t of ['file_uploads', 'sync_digest', 'sync_state', 'applications']) await db.schema.dropTableIfExists(t);
}

/**
 * Sync on the counter: the application working copy (version 0 = not yet on the server),
 * the sync state (cursor stored in the same transaction as the rows it covers), the
 * incremental digest of server-confirmed rows, and the queue of document files to upload.
 */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.raw(`create table applications (
    id varchar(255) primary key not null,
    agency_id varchar(255) not null,
    service_id varchar(255) not null,
    applicant_name varchar(255) not null,
    applicant_nik varchar(255),
    notes text,
    status varchar(255) not null,
    status_reason text,
    version integer not null default '0',
    created_at varchar(255) not null,
    created_by varchar(255) not null,
    updated_at varchar(255) not null,
    updated_by varchar(255) not null
  )`);
  await db.raw('create index applications_agency_id_status_index on applications (agency_id, status)');
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

/**
 * Sync: the minimal application entity, the change log (seq assigned in commit order
 * through the sync_counter row), the idempotency record of pushed entries, the
 * incremental per-scope digest, and content-addressed document files.
 */
import type { Knex } from 'knex';

const isSqlite = (db: Knex) => db.client.config.client === 'sqlite3';

export async function up(db: Knex): Promise<void> {
  if (isSqlite(db)) {
    // Same columns as below; on SQLite seq is the rowid itself and the small idempotency rows
    // live in their primary-key B-tree (WITHOUT ROWID): fewer B-tree inserts per pushed entry.
    await db.raw(`create table applications (
      id varchar(64) primary key not null,
      agency_id varchar(64) not null references agencies(id) on delete restrict,
      service_id varchar(64) not null references services(id) on delete restrict,
      applicant_name varchar(200) not null,
      applicant_nik varchar(16),
      notes text,
      status varchar(32) not null,
      status_reason text,
      version integer not null,
      created_at varchar(40) not null,
      created_by varchar(64) not null,
      updated_at varchar(40) not null,
      updated_by varchar(64) not null
    )`);
    await db.raw('create index applications_agency_id_id_index on applications (agency_id, id)');
    await db.raw(`create table changes (
      seq integer primary key not null,
      entity varchar(32) not null,
      entity_id varchar(64) not null,
      op varchar(8) not null,
      data text,
      scope varchar(64) not null,
      created_at varchar(40) not null
    )`);
    await db.raw('create index changes_scope_seq_index on changes (scope, seq)');
    await db.raw(`create table sync_applied (
      entry_id varchar(64) primary key not null,
      installation_id varchar(64) not null,
      officer_id varchar(64) not null,
      kind varchar(64) not null,
      status varchar(16) not null,
      code varchar(64),
      message text,
      message_en text,
      created_at varchar(40) not null
    ) without rowid`);
  } else {
    await createPortable(db);
  }

  await db.schema.createTable('sync_counter', (t) => {
    t.string('name', 32).primary();
    t.bigInteger('value').notNullable();
  });
  await db('sync_counter').insert({ name: 'changes', value: 0 });


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

async function createPortable(db: Knex): Promise<void> {
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
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['file_chunks', 'files', 'sync_digest', 'sync_applied', 'sync_counter', 'changes', 'applications']) {
    await db.schema.dropTableIfExists(table);
  }
}

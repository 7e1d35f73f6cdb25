/**
 * Applications feature on the counter: registration columns of the application working copy
 * (search indexes for registration number, NIK, name prefix, phone, status/service/date), the
 * encrypted document scans, per-station registration sequences and the audit of record views.
 */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('applications', (t) => {
    t.string('registration_number');
    t.string('ticket_id');
    t.string('ticket_number');
    t.string('counter_id');
    t.string('applicant_phone');
    t.string('applicant_sex');
    t.string('applicant_birth_date');
    t.integer('service_version');
    t.integer('sla_working_days');
    t.integer('fee');
    t.text('checklist_json');
    t.text('documents_json');
    t.text('history_json');
    t.string('complete_at');
    t.string('complete_by');
    t.string('due_at');
    t.string('due_date');
    // Lower-cased, accent-free name for prefix search by range (uses the index whatever the case).
    t.string('name_key');
  });
  await db.schema.alterTable('applications', (t) => {
    t.index(['registration_number'], 'applications_regno');
    t.index(['applicant_nik'], 'applications_nik');
    t.index(['name_key'], 'applications_name_key');
    // Name search within an agency, in name order: the index gives the order, LIMIT stops early.
    t.index(['agency_id', 'name_key'], 'applications_agency_name');
    t.index(['applicant_phone'], 'applications_phone');
    t.index(['agency_id', 'created_at'], 'applications_agency_created');
    t.index(['service_id', 'created_at'], 'applications_service_created');
    t.index(['status', 'due_at'], 'applications_status_due');
  });
  await db.schema.createTable('documents', (t) => {
    t.string('id').primary();
    t.string('sha256').notNullable();
    t.string('blob').notNullable();
    t.string('mime').notNullable();
    t.integer('size').notNullable();
    t.string('file_name').notNullable();
    t.integer('rotation').notNullable().defaultTo(0);
    t.string('requirement_code');
    t.string('draft_id');
    t.string('application_id');
    t.string('agency_id');
    t.string('created_at').notNullable();
    t.string('created_by').notNullable();
    t.string('retention_until').notNullable();
    t.index(['sha256']);
    t.index(['draft_id']);
    t.index(['application_id']);
    t.index(['blob']);
    t.index(['retention_until']);
  });
  await db.schema.createTable('application_sequences', (t) => {
    t.string('prefix').primary(); // AGENCY-YYMMDD-STATION
    t.integer('last').notNullable();
  });
  // UU 27/2022 PDP: who opened which full applicant record, when.
  await db.schema.createTable('application_access_log', (t) => {
    t.increments('id');
    t.string('application_id').notNullable();
    t.string('officer_id').notNullable();
    t.string('officer_name').notNullable();
    t.string('at').notNullable();
    t.string('purpose').notNullable();
    t.index(['application_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('application_access_log');
  await db.schema.dropTableIfExists('application_sequences');
  await db.schema.dropTableIfExists('documents');
  await db.schema.alterTable('applications', (t) => {
    for (const i of ['applications_regno', 'applications_nik', 'applications_name_key', 'applications_agency_name', 'applications_phone', 'applications_agency_created', 'applications_service_created', 'applications_status_due']) t.dropIndex([], i);
  });
  await db.schema.alterTable('applications', (t) => {
    t.dropColumns(
      'registration_number', 'ticket_id', 'ticket_number', 'counter_id', 'applicant_phone', 'applicant_sex', 'applicant_birth_date', 'service_version',
      'sla_working_days', 'fee', 'checklist_json', 'documents_json', 'history_json', 'complete_at', 'complete_by', 'due_at', 'due_date', 'name_key',
    );
  });
}

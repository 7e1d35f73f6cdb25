/** Applications feature on the server: registration columns (registration numbers unique mall-wide) and search indexes. */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('applications', (t) => {
    t.string('registration_number', 40).nullable().unique();
    t.string('ticket_id', 64).nullable();
    t.string('ticket_number', 20).nullable();
    t.string('counter_id', 64).nullable();
    t.string('applicant_phone', 20).nullable();
    t.string('applicant_sex', 1).nullable();
    t.string('applicant_birth_date', 10).nullable();
    t.integer('service_version').nullable();
    t.integer('sla_working_days').nullable();
    t.integer('fee').nullable();
    t.text('checklist_json').nullable();
    t.text('documents_json').nullable();
    t.text('history_json').nullable();
    t.string('complete_at', 40).nullable();
    t.string('complete_by', 64).nullable();
    t.string('due_at', 40).nullable();
    t.string('due_date', 10).nullable();
  });
  await db.schema.alterTable('applications', (t) => {
    t.index(['applicant_nik'], 'applications_nik');
    t.index(['agency_id', 'status', 'due_at'], 'applications_agency_status_due');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('applications', (t) => {
    t.dropIndex([], 'applications_nik');
    t.dropIndex([], 'applications_agency_status_due');
  });
  await db.schema.alterTable('applications', (t) => {
    t.dropUnique(['registration_number']);
  });
  await db.schema.alterTable('applications', (t) => {
    t.dropColumns(
      'registration_number', 'ticket_id', 'ticket_number', 'counter_id', 'applicant_phone', 'applicant_sex', 'applicant_birth_date', 'service_version',
      'sla_working_days', 'fee', 'checklist_json', 'documents_json', 'history_json', 'complete_at', 'complete_by', 'due_at', 'due_date',
    );
  });
}

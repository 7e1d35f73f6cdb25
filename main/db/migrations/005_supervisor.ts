/**
 * Supervisor and SKM tables (main/supervisor, main/survey).
 *
 * - skm_responses: anonymous survey answers. Only the service, its agency and the service DAY are
 *   kept: no time of day, no ticket, counter, officer or applicant, so an answer cannot be joined
 *   back to the visit it followed (PermenPANRB 14/2017; UU 27/2022).
 * - supervisor_ticket_facts: one row per queue ticket with its durations in ms, kept by triggers
 *   on queue_tickets (the queue's mirror, 003_queue) so a month of a large mall is read from one
 *   clustered range instead of parsing a million timestamps per query.
 * - supervisor_counter_sessions / _pauses / _applications: the mall-wide facts the dashboard
 *   reads for officer productivity and application SLA (filled by sync from the server's
 *   counter_sessions, counter_pauses and application history).
 * - supervisor_service_targets: target waiting time and SLA per service (default 30 min / 5 days).
 * - supervisor_signoffs: the signed (frozen) recap of a day.
 */
import type { Knex } from 'knex';

const ms = (col: string) => `CAST(round((julianday(${col}) - 2440587.5) * 86400000) AS INTEGER)`;
const diff = (a: string, b: string) =>
  `CASE WHEN ${a} IS NOT NULL AND ${b} IS NOT NULL AND julianday(${b}) >= julianday(${a}) THEN CAST(round((julianday(${b}) - julianday(${a})) * 86400000) AS INTEGER) END`;

const factSelect = (n: string) => `SELECT ${n}.service_day, ${n}.id, ${n}.agency_id, ${n}.service_id, ${n}.counter_id, ${n}.officer_id, ${n}.status,
    CASE WHEN ${n}.channel = 'transfer' THEN 1 ELSE 0 END, ${ms(`${n}.arrived_at`)},
    ${diff(`${n}.arrived_at`, `${n}.called_at`)}, ${diff(`${n}.called_at`, `${n}.serving_started_at`)},
    ${diff(`${n}.serving_started_at`, `${n}.finished_at`)}, ${diff(`${n}.arrived_at`, `${n}.finished_at`)}`;

const FACT_COLUMNS = 'service_day, ticket_id, agency_id, service_id, counter_id, officer_id, status, is_leg, arrived_ms, wait_ms, walk_ms, svc_ms, total_ms';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('skm_responses', (t) => {
    t.string('id').primary();
    t.string('agency_id').notNullable();
    t.string('service_id').notNullable();
    t.string('service_day').notNullable();
    for (let i = 1; i <= 9; i++) t.integer(`u${i}`);
    t.text('suggestion');
    t.string('sex');
    t.string('age_group');
    t.string('education');
    t.string('occupation');
    // 0 until the server confirmed it.
    t.integer('version').notNullable().defaultTo(0);
    t.index(['service_day', 'service_id'], 'skm_responses_day_idx');
  });

  await db.raw(`CREATE TABLE supervisor_ticket_facts (
    service_day TEXT NOT NULL, ticket_id TEXT NOT NULL, agency_id TEXT NOT NULL, service_id TEXT NOT NULL,
    counter_id TEXT, officer_id TEXT, status TEXT NOT NULL, is_leg INTEGER NOT NULL,
    arrived_ms INTEGER, wait_ms INTEGER, walk_ms INTEGER, svc_ms INTEGER, total_ms INTEGER,
    PRIMARY KEY (service_day, ticket_id)) WITHOUT ROWID`);
  await db.raw(`INSERT INTO supervisor_ticket_facts (${FACT_COLUMNS}) ${factSelect('q')} FROM queue_tickets q`);
  await db.raw(`CREATE TRIGGER supervisor_facts_ai AFTER INSERT ON queue_tickets BEGIN
    INSERT OR REPLACE INTO supervisor_ticket_facts (${FACT_COLUMNS}) ${factSelect('NEW')}; END`);
  await db.raw(`CREATE TRIGGER supervisor_facts_au AFTER UPDATE ON queue_tickets BEGIN
    DELETE FROM supervisor_ticket_facts WHERE service_day = OLD.service_day AND ticket_id = OLD.id;
    INSERT OR REPLACE INTO supervisor_ticket_facts (${FACT_COLUMNS}) ${factSelect('NEW')}; END`);
  await db.raw(`CREATE TRIGGER supervisor_facts_ad AFTER DELETE ON queue_tickets BEGIN
    DELETE FROM supervisor_ticket_facts WHERE service_day = OLD.service_day AND ticket_id = OLD.id; END`);

  await db.schema.createTable('supervisor_counter_sessions', (t) => {
    t.string('id').primary();
    t.string('counter_id').notNullable();
    t.string('officer_id').notNullable();
    t.string('officer_name');
    t.string('opened_at').notNullable();
    t.string('closed_at');
    t.index(['opened_at'], 'supervisor_sessions_opened_idx');
  });
  await db.schema.createTable('supervisor_counter_pauses', (t) => {
    t.string('id').primary();
    t.string('counter_id').notNullable();
    t.string('officer_id').notNullable();
    t.string('reason').notNullable();
    t.string('started_at').notNullable();
    t.string('ended_at');
    t.index(['started_at'], 'supervisor_pauses_started_idx');
  });
  await db.schema.createTable('supervisor_applications', (t) => {
    t.string('id').primary();
    t.string('agency_id').notNullable();
    t.string('service_id').notNullable();
    t.string('status').notNullable();
    t.string('received_at').notNullable();
    t.string('received_day').notNullable();
    // "Berkas lengkap": day 0 of the SLA; null while not (yet) complete.
    t.string('complete_at');
    // Null while not started or paused (returned as incomplete).
    t.string('due_at');
    t.string('completed_at');
    t.string('completed_day');
    t.index(['received_day', 'agency_id', 'service_id'], 'supervisor_apps_received_idx');
    t.index(['completed_day', 'agency_id', 'service_id'], 'supervisor_apps_completed_idx');
    t.index(['completed_at', 'due_at'], 'supervisor_apps_open_idx');
  });
  await db.schema.createTable('supervisor_service_targets', (t) => {
    t.string('service_id').primary();
    t.integer('target_wait_minutes').notNullable();
    t.integer('sla_working_days');
  });
  await db.schema.createTable('supervisor_signoffs', (t) => {
    t.string('day').primary();
    t.string('signed_by').notNullable();
    t.string('signed_by_name').notNullable();
    t.string('signed_at').notNullable();
    t.text('note');
    t.text('figures_json').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const trg of ['supervisor_facts_ai', 'supervisor_facts_au', 'supervisor_facts_ad']) await db.raw(`DROP TRIGGER IF EXISTS ${trg}`);
  for (const t of [
    'supervisor_signoffs',
    'supervisor_service_targets',
    'supervisor_applications',
    'supervisor_counter_pauses',
    'supervisor_counter_sessions',
    'supervisor_ticket_facts',
    'skm_responses',
  ]) {
    await db.schema.dropTableIfExists(t);
  }
}

/**
 * Local queue mirror: tickets this installation has seen (from the server, or issued and
 * served here while offline), their local history, offline number series per station
 * prefix and day, and the counter's local state (pause, priority streaks).
 */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('queue_tickets', (t) => {
    t.string('id').primary();
    t.string('prefix').notNullable();
    t.integer('number').notNullable();
    t.string('display_number').notNullable();
    t.string('service_day').notNullable();
    t.string('agency_id').notNullable();
    t.string('service_id').notNullable();
    t.string('category').notNullable();
    t.string('channel').notNullable();
    t.string('status').notNullable();
    t.string('arrived_at').notNullable();
    t.string('called_at');
    t.string('serving_started_at');
    t.string('finished_at');
    t.string('counter_id');
    t.string('officer_id');
    t.string('target_counter_id');
    t.integer('recalls').notNullable().defaultTo(0);
    t.string('origin_ticket_id');
    t.string('station');
    t.string('booking_id');
    t.text('note');
    t.integer('version').notNullable().defaultTo(0);
    // 1 while a local change of this ticket is not yet on the server.
    t.integer('dirty').notNullable().defaultTo(0);
    // 1 when this installation's front desk issued it (recent list, reprint).
    t.integer('issued_here').notNullable().defaultTo(0);
    t.string('updated_at').notNullable();
    t.index(['service_day', 'status', 'service_id', 'arrived_at'], 'queue_tickets_day_idx');
    t.index(['counter_id', 'status'], 'queue_tickets_counter_idx');
    t.index(['station', 'status', 'service_day', 'arrived_at'], 'queue_tickets_station_idx');
    t.index(['issued_here', 'updated_at'], 'queue_tickets_issued_idx');
  });
  await db.schema.createTable('queue_ticket_events', (t) => {
    t.increments('id').primary();
    t.string('ticket_id').notNullable();
    t.string('event').notNullable();
    t.string('from_state');
    t.string('to_state').notNullable();
    t.string('at').notNullable();
    t.string('officer_id');
    t.string('counter_id');
    t.text('note');
    t.index(['ticket_id']);
    t.index(['at']);
  });
  await db.schema.createTable('queue_local_sequences', (t) => {
    t.string('prefix').notNullable();
    t.string('service_day').notNullable();
    t.integer('last_number').notNullable();
    t.primary(['prefix', 'service_day']);
  });
  await db.schema.createTable('queue_counter_local', (t) => {
    t.string('counter_id').primary();
    t.integer('priority_streak').notNullable().defaultTo(0);
    t.integer('normal_streak').notNullable().defaultTo(0);
    t.string('paused_reason');
    t.string('paused_since');
    t.string('paused_note');
    t.text('service_ids_json');
  });
}

export async function down(db: Knex): Promise<void> {
  for (const t of ['queue_counter_local', 'queue_local_sequences', 'queue_ticket_events', 'queue_tickets']) await db.schema.dropTableIfExists(t);
}

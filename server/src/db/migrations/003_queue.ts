/**
 * The queue: per-service queue configuration (prefix, quota, hours), tickets with their four
 * timestamps, every state change, per-queue-per-day number sequences, counter sessions and
 * pauses (for the supervisor's productivity figures), online bookings, the per-counter
 * priority streaks and the applied offline intents (idempotency). Frozen once released.
 */
import type { Knex } from 'knex';

const DEFAULT_SETTINGS: Record<string, string> = {
  'queue.allow_call_out_of_order': 'false',
  'queue.min_recalls_before_no_show': '2',
  // 2 priority : 1 normal, and no normal ticket waits more than 45 minutes behind newer priority ones.
  'queue.priority_rule': JSON.stringify([
    { kind: 'ratio', priority: 2, normal: 1 },
    { kind: 'max_wait', normalMaxWaitMinutes: 45 },
  ]),
};

export async function up(db: Knex): Promise<void> {
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    await db('settings').insert({ key, value }).onConflict('key').ignore();
  }

  await db.schema.createTable('queue_services', (t) => {
    t.string('service_id', 64).primary().references('id').inTable('services').onDelete('CASCADE');
    // One or two letters; services sharing a prefix share one number series (a queue group).
    t.string('prefix', 2).notNullable();
    t.integer('daily_quota').nullable();
    t.string('open_from', 5).nullable();
    t.string('open_until', 5).nullable();
  });

  await db.schema.createTable('queue_sequences', (t) => {
    t.string('prefix', 3).notNullable();
    t.string('service_day', 10).notNullable();
    t.integer('last_number').notNullable();
    t.primary(['prefix', 'service_day']);
  });

  await db.schema.createTable('bookings', (t) => {
    t.string('id', 64).primary();
    t.string('code', 32).notNullable().unique();
    t.string('agency_id', 64).notNullable().references('id').inTable('agencies').onDelete('RESTRICT');
    t.string('service_id', 64).notNullable().references('id').inTable('services').onDelete('RESTRICT');
    t.string('category', 20).notNullable().defaultTo('normal');
    t.string('slot_at', 40).notNullable();
    t.string('service_day', 10).notNullable();
    t.string('status', 20).notNullable().defaultTo('booked');
    t.string('ticket_id', 64).nullable();
    t.string('created_at', 40).notNullable();
    t.index(['service_day', 'status']);
  });

  await db.schema.createTable('tickets', (t) => {
    t.string('id', 64).primary();
    t.string('prefix', 3).notNullable();
    t.integer('number').notNullable();
    t.string('display_number', 16).notNullable();
    t.string('service_day', 10).notNullable();
    t.string('agency_id', 64).notNullable().references('id').inTable('agencies').onDelete('RESTRICT');
    t.string('service_id', 64).notNullable().references('id').inTable('services').onDelete('RESTRICT');
    t.string('category', 20).notNullable();
    t.string('channel', 16).notNullable();
    t.string('status', 16).notNullable();
    t.string('arrived_at', 40).notNullable();
    t.string('called_at', 40).nullable();
    t.string('serving_started_at', 40).nullable();
    t.string('finished_at', 40).nullable();
    t.string('counter_id', 64).nullable();
    t.string('officer_id', 64).nullable();
    t.string('target_counter_id', 64).nullable();
    t.integer('recalls').notNullable().defaultTo(0);
    t.string('origin_ticket_id', 64).nullable();
    t.string('station', 1).nullable();
    t.string('booking_id', 64).nullable();
    t.text('note').nullable();
    t.integer('version').notNullable().defaultTo(1);
    t.string('created_at', 40).notNullable();
    t.string('updated_at', 40).notNullable();
    // The claim: waiting tickets of a day in arrival order; scanning in index order finds the
    // oldest ticket of a counter's services without sorting the whole day.
    t.index(['service_day', 'status', 'arrived_at', 'id'], 'tickets_claim_idx');
    t.index(['service_day', 'service_id', 'status'], 'tickets_service_idx');
    t.index(['counter_id', 'status'], 'tickets_counter_idx');
    t.index(['origin_ticket_id'], 'tickets_origin_idx');
  });

  await db.schema.createTable('ticket_events', (t) => {
    t.increments('id').primary();
    t.string('ticket_id', 64).notNullable().references('id').inTable('tickets').onDelete('CASCADE');
    t.string('event', 16).notNullable();
    t.string('from_state', 16).nullable();
    t.string('to_state', 16).notNullable();
    t.string('at', 40).notNullable();
    t.string('officer_id', 64).nullable();
    t.string('counter_id', 64).nullable();
    t.integer('recalls').notNullable().defaultTo(0);
    t.string('new_ticket_id', 64).nullable();
    t.text('note').nullable();
    // 'online' (the server's clock) or 'offline' (replayed intent, the counter's clock).
    t.string('source', 8).notNullable().defaultTo('online');
    t.index(['ticket_id']);
    t.index(['at']);
  });

  await db.schema.createTable('counter_sessions', (t) => {
    t.string('id', 64).primary();
    t.string('counter_id', 64).notNullable().references('id').inTable('counters').onDelete('CASCADE');
    t.string('officer_id', 64).notNullable();
    t.text('service_ids_json').notNullable();
    t.string('opened_at', 40).notNullable();
    t.string('closed_at', 40).nullable();
    t.index(['counter_id', 'closed_at']);
  });

  await db.schema.createTable('counter_pauses', (t) => {
    t.string('id', 64).primary();
    t.string('counter_id', 64).notNullable().references('id').inTable('counters').onDelete('CASCADE');
    t.string('session_id', 64).nullable();
    t.string('officer_id', 64).notNullable();
    t.string('reason', 20).notNullable();
    t.string('note', 200).nullable();
    t.string('started_at', 40).notNullable();
    t.string('ended_at', 40).nullable();
    t.index(['counter_id', 'ended_at']);
  });

  await db.schema.createTable('queue_counter_state', (t) => {
    t.string('counter_id', 64).primary().references('id').inTable('counters').onDelete('CASCADE');
    t.integer('priority_streak').notNullable().defaultTo(0);
    t.integer('normal_streak').notNullable().defaultTo(0);
    t.string('updated_at', 40).notNullable();
  });

  await db.schema.createTable('queue_intents', (t) => {
    t.string('id', 64).primary();
    t.string('kind', 64).notNullable();
    t.string('status', 16).notNullable();
    t.string('code', 64).nullable();
    t.text('message').nullable();
    t.text('message_en').nullable();
    t.string('installation_id', 64).nullable();
    t.string('applied_at', 40).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['queue_intents', 'queue_counter_state', 'counter_pauses', 'counter_sessions', 'ticket_events', 'tickets', 'bookings', 'queue_sequences', 'queue_services']) {
    await db.schema.dropTableIfExists(table);
  }
  await db('settings').whereIn('key', Object.keys(DEFAULT_SETTINGS)).delete();
}

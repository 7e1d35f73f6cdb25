import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('settings', (t) => {
    t.string('key').primary();
    t.text('value').notNullable();
  });
  // Offline sign-in cache: the scrypt verifier, never the password.
  await db.schema.createTable('officer_credentials', (t) => {
    t.string('officer_id').primary();
    t.string('username').notNullable().unique();
    t.text('verifier').notNullable();
    t.text('profile_json').notNullable();
    t.string('verified_at').notNullable();
  });
  // Persisted so restarting the app does not reset the brute-force counter.
  await db.schema.createTable('signin_throttle', (t) => {
    t.string('username').primary();
    t.integer('failures').notNullable().defaultTo(0);
    t.string('locked_until');
  });
  // Catalog cache (server-authoritative; replaced as a whole on refresh).
  await db.schema.createTable('agencies', (t) => {
    t.string('id').primary();
    t.string('code').notNullable();
    t.string('name').notNullable();
  });
  await db.schema.createTable('services', (t) => {
    t.string('id').primary();
    t.string('agency_id').notNullable().references('agencies.id').onDelete('CASCADE');
    t.string('code').notNullable();
    t.string('name').notNullable();
  });
  await db.schema.createTable('counters', (t) => {
    t.string('id').primary();
    t.string('agency_id').notNullable().references('agencies.id').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.string('name').notNullable();
  });
  // Local changes waiting for the server; written in the same transaction as the change.
  await db.schema.createTable('outbox', (t) => {
    t.string('id').primary();
    t.integer('seq').notNullable().unique();
    t.string('kind').notNullable();
    t.text('payload_json').notNullable();
    t.string('created_at').notNullable();
    t.string('state').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.index(['state', 'seq']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const t of ['outbox', 'counters', 'services', 'agencies', 'signin_throttle', 'officer_credentials', 'settings']) {
    await db.schema.dropTableIfExists(t);
  }
}

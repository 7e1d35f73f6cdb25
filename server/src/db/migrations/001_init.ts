/**
 * Foundation schema. Ids are text and timestamps ISO-8601 text so SQLite and
 * PostgreSQL store and compare them identically. Frozen once released: later
 * changes go in new migrations (so the role list is spelled out, not imported).
 */
import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('settings', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable();
  });
  await db('settings').insert([
    { key: 'mall_name', value: 'Mal Pelayanan Publik' },
    { key: 'timezone', value: 'Asia/Jakarta' },
  ]);

  await db.schema.createTable('agencies', (t) => {
    t.string('id', 64).primary();
    t.string('code', 32).notNullable().unique();
    t.string('name', 200).notNullable();
  });

  await db.schema.createTable('services', (t) => {
    t.string('id', 64).primary();
    t.string('agency_id', 64).notNullable().references('id').inTable('agencies').onDelete('RESTRICT');
    t.string('code', 32).notNullable();
    t.string('name', 200).notNullable();
    t.unique(['agency_id', 'code']);
  });

  await db.schema.createTable('counters', (t) => {
    t.string('id', 64).primary();
    t.string('agency_id', 64).notNullable().references('id').inTable('agencies').onDelete('RESTRICT');
    // Counters are numbered across the whole mall: "Loket 3" is one place.
    t.integer('number').notNullable().unique();
    t.string('name', 200).notNullable();
    t.index(['agency_id']);
  });

  await db.schema.createTable('officers', (t) => {
    t.string('id', 64).primary();
    t.string('username', 64).notNullable().unique();
    t.string('name', 200).notNullable();
    t.enu('role', ['officer', 'frontdesk', 'supervisor', 'admin']).notNullable();
    t.string('agency_id', 64).nullable().references('id').inTable('agencies').onDelete('RESTRICT');
    t.text('password_hash').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('created_at', 32).notNullable();
  });

  // Only the SHA-256 of a bearer token is stored: a database leak yields no usable token.
  await db.schema.createTable('sessions', (t) => {
    t.string('token_hash', 64).primary();
    t.string('officer_id', 64).notNullable().references('id').inTable('officers').onDelete('CASCADE');
    t.string('installation_id', 64).nullable();
    t.string('created_at', 32).notNullable();
    t.string('expires_at', 32).notNullable();
    t.string('revoked_at', 32).nullable();
    t.index(['officer_id']);
  });

  // Persisted so restarting the server does not reset brute-force protection.
  await db.schema.createTable('login_failures', (t) => {
    t.string('key', 128).primary();
    t.integer('failures').notNullable().defaultTo(0);
    t.string('locked_until', 32).nullable();
    t.string('updated_at', 32).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['login_failures', 'sessions', 'officers', 'counters', 'services', 'agencies', 'settings']) {
    await db.schema.dropTableIfExists(table);
  }
}

-- The raw-SQL floor of the "start serving" event that follows each call in the claim bench's
-- loop: the ticket, its history entry, its change-log row.
\set c random(0, 49)
BEGIN;
UPDATE tickets SET status = 'serving', serving_started_at = '2026-03-02T04:00:00.000Z', version = version + 1 WHERE counter_id = (SELECT id FROM counters WHERE agency_id = 'ag-dukcapil' AND number = 200 + :c) AND status = 'called' RETURNING *;
INSERT INTO ticket_events (ticket_id, event, from_state, to_state, at, counter_id, source) SELECT id, 'start', 'called', 'serving', '2026-03-02T04:00:00.000Z', counter_id, 'online' FROM tickets WHERE counter_id = (SELECT id FROM counters WHERE agency_id = 'ag-dukcapil' AND number = 200 + :c) AND status = 'serving';
WITH c AS (UPDATE sync_counter SET value = value + 1 WHERE name = 'changes' RETURNING value) INSERT INTO changes (seq, entity, entity_id, op, data, scope, created_at) SELECT c.value, 'ticket', 'a', 'upsert', repeat('x', 600), 'ag-dukcapil', '2026-03-02T04:00:00.000Z' FROM c;
COMMIT;

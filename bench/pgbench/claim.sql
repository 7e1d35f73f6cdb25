-- The raw-SQL floor of one call-next on PostgreSQL (see bench/areas/queue-pgbench.ts): the
-- statements the server's claim needs at least, with no application in between — lock the
-- counter's streak row, finish its visitor, take the oldest waiting ticket (FOR UPDATE SKIP
-- LOCKED), its history entry, the streak, and the two change-log rows with their counter.
\set c random(0, 49)
BEGIN;
SELECT priority_streak, normal_streak FROM queue_counter_state WHERE counter_id = (SELECT id FROM counters WHERE agency_id = 'ag-dukcapil' AND number = 200 + :c) FOR UPDATE;
UPDATE tickets SET status = 'done', finished_at = '2026-03-02T04:00:00.000Z', version = version + 1, updated_at = '2026-03-02T04:00:00.000Z' WHERE counter_id = (SELECT id FROM counters WHERE agency_id = 'ag-dukcapil' AND number = 200 + :c) AND status = 'serving';
WITH pick AS (SELECT id FROM tickets WHERE service_day = '2026-03-02' AND status = 'waiting' AND target_counter_id IS NULL ORDER BY arrived_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) UPDATE tickets t SET status = 'called', counter_id = (SELECT id FROM counters WHERE agency_id = 'ag-dukcapil' AND number = 200 + :c), called_at = '2026-03-02T04:00:00.000Z', version = t.version + 1, updated_at = '2026-03-02T04:00:00.000Z' FROM pick WHERE t.id = pick.id RETURNING t.*;
INSERT INTO ticket_events (ticket_id, event, from_state, to_state, at, counter_id, source) SELECT id, 'call', 'waiting', 'called', '2026-03-02T04:00:00.000Z', counter_id, 'online' FROM tickets WHERE counter_id = (SELECT id FROM counters WHERE agency_id = 'ag-dukcapil' AND number = 200 + :c) AND status = 'called';
UPDATE queue_counter_state SET normal_streak = normal_streak + 1, updated_at = '2026-03-02T04:00:00.000Z' WHERE counter_id = (SELECT id FROM counters WHERE agency_id = 'ag-dukcapil' AND number = 200 + :c);
WITH c AS (UPDATE sync_counter SET value = value + 2 WHERE name = 'changes' RETURNING value) INSERT INTO changes (seq, entity, entity_id, op, data, scope, created_at) SELECT c.value - 1, 'ticket', 'a', 'upsert', repeat('x', 600), 'ag-dukcapil', '2026-03-02T04:00:00.000Z' FROM c UNION ALL SELECT c.value, 'ticket', 'b', 'upsert', repeat('x', 600), 'ag-dukcapil', '2026-03-02T04:00:00.000Z' FROM c;
COMMIT;

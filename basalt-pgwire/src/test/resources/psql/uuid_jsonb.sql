-- uuid and jsonb as real types: \d, the input forms uuid_in reads, canonical output, 22P02 on bad
-- input, byte order, keys and uniqueness, gen_random_uuid(), jsonb's normalised output. The stdout
-- is PostgreSQL 15's for the same script (errors differ only in psql's LINE/caret lines and DETAIL).
CREATE TABLE docs (id uuid PRIMARY KEY, owner uuid, body jsonb, raw json, note text);
\d docs
INSERT INTO docs VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{"b": 1, "a": [1,2], "aa": {"y":1,"x":2}, "a": 5}', '{"k": 1}', 'canonical'),
  ('{b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', 'b0eebc999c0b4ef8bb6d6bb9bd380a11', '[3, "x", null, true]', '[]', 'braces'),
  ('0000000a-0000-0000-0000-000000000000', 'c0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11', '"text"', 'null', 'hyphens every four'),
  ('ffffffff-ffff-ffff-ffff-ffffffffffff', NULL, '{}', NULL, 'last');
SELECT id, owner, body, note FROM docs ORDER BY id;
SELECT id FROM docs ORDER BY id DESC LIMIT 2;
SELECT note FROM docs WHERE id = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid;
SELECT note FROM docs WHERE id > '0000000a-0000-0000-0000-000000000000' AND id < 'ffffffff-ffff-ffff-ffff-ffffffffffff' ORDER BY id;
SELECT pg_typeof(id) AS id, pg_typeof(body) AS body, pg_typeof(raw) AS raw, pg_typeof(id::text) AS text FROM docs WHERE note = 'last';
SELECT '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}'::uuid AS braces, CAST('a0eebc999c0b4ef8bb6d6bb9bd380a11' AS uuid) AS bare;
SELECT '{"z": [1, {"b": 2, "a": 1}], "y": "s"}'::jsonb AS normalised, '{"a":1,"a":2}'::jsonb AS last_wins;
SELECT note, body->'a' AS a, body->>'b' AS b, body->'aa'->>'x' AS x, body->1 AS second, body @> '{"b": 1}' AS b1,
  '{"b": 1}' <@ body AS b1_in, body @> '[3]' AS has3 FROM docs ORDER BY id;
SELECT pg_typeof(body->'a') AS arrow, pg_typeof(body->>'a') AS text_arrow, '{"k": [5, 6]}'::jsonb -> 'k' ->> 1 AS six FROM docs WHERE note = 'last';
SELECT note FROM docs WHERE body->>'b' = '1';
INSERT INTO docs VALUES ('not-a-uuid', NULL, '{}', NULL, 'bad');
\echo :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE
INSERT INTO docs VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1', NULL, '{}', NULL, 'short');
\echo :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE
INSERT INTO docs VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11x', NULL, '{}', NULL, 'long');
\echo :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE
UPDATE docs SET owner = 'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' WHERE note = 'last';
\echo :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE
SELECT 'a0eebc99-9c0b-4ef8-bb6d6bb9bd380a11-'::uuid;
\echo :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE
INSERT INTO docs VALUES (gen_random_uuid(), NULL, '{bad', NULL, 'bad json');
\echo :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE
INSERT INTO docs VALUES ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', NULL, '{}', NULL, 'duplicate');
\echo :LAST_ERROR_SQLSTATE
UPDATE docs SET owner = '{FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFE}' WHERE note = 'last';
SELECT owner FROM docs WHERE note = 'last';
CREATE TABLE events (id uuid PRIMARY KEY, kind varchar(10));
CREATE INDEX events_kind ON events (kind, id);
\d events
INSERT INTO events (id, kind) VALUES (gen_random_uuid(), 'a'), (gen_random_uuid(), 'b');
SELECT count(DISTINCT id) AS ids, min(length(id::text)) AS len, bool_and(substr(id::text, 15, 1) = '4' AND id::text = lower(id::text)) AS v4 FROM events;
SELECT pg_typeof(gen_random_uuid()) AS t, gen_random_uuid() <> gen_random_uuid() AS differ;
DROP TABLE events;
DROP TABLE docs;

-- psql through libpq: SCRAM login, simple queries, psql variables, errors and transactions
\set name 'Ada'
DROP TABLE IF EXISTS people;
CREATE TABLE "people" (id INT PRIMARY KEY, name TEXT, born DATE, score NUMERIC(6,2), active BOOLEAN);
INSERT INTO people VALUES (1, :'name', '1815-12-10', 99.5, true), (2, 'Alan', '1912-06-23', NULL, false);
SELECT * FROM people ORDER BY id;
SELECT name || '!' AS shout FROM people WHERE id = 2;
SELECT $$dollar 'quoted'$$ AS text;
SHOW server_version;
SHOW client_encoding;
SET application_name = 'psql-test';
SHOW application_name;
COMMIT;
BEGIN;
BEGIN;
INSERT INTO people VALUES (1, 'dup', NULL, NULL, NULL);
SELECT 1;
ROLLBACK;
SELECT count(*) FROM people;
SELEC 1;
SELECT * FROM missing_table;
SELECT missing_column FROM people;
\x on
SELECT id, name FROM people WHERE id = 1;
\x off
SELECT 1; SELECT 2;

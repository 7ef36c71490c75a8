-- INSERT ... ON CONFLICT: DO NOTHING, DO UPDATE with EXCLUDED and WHERE, ON CONSTRAINT, refusals
DROP TABLE IF EXISTS kv;
DROP TABLE IF EXISTS users;
CREATE TABLE kv (k int PRIMARY KEY, v text NOT NULL, n int NOT NULL DEFAULT 0);
INSERT INTO kv (k, v) VALUES (1, 'one'), (2, 'two');
INSERT INTO kv (k, v) VALUES (1, 'uno') ON CONFLICT (k) DO NOTHING;
INSERT INTO kv (k, v) VALUES (1, 'uno'), (3, 'three') ON CONFLICT DO NOTHING;
INSERT INTO kv VALUES (2, 'dos', 0) ON CONFLICT DO NOTHING;
SELECT * FROM kv ORDER BY k;
INSERT INTO kv (k, v) VALUES (1, 'uno') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, n = kv.n + 1;
INSERT INTO kv (k, v) VALUES (1, 'eins'), (4, 'four') ON CONFLICT (k) DO UPDATE SET v = excluded.v || '/' || kv.v, n = kv.n + 1;
SELECT * FROM kv ORDER BY k;
-- assignments read the old row, whatever their order
INSERT INTO kv (k, v) VALUES (2, 'x') ON CONFLICT (k) DO UPDATE SET n = 10, v = kv.v || kv.n;
SELECT * FROM kv WHERE k = 2;
-- WHERE: only rows that pass are updated
INSERT INTO kv (k, v) VALUES (3, 'tres') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v WHERE kv.n > 5;
INSERT INTO kv (k, v) VALUES (2, 'deux') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v WHERE kv.n > 5;
SELECT * FROM kv ORDER BY k;
INSERT INTO kv (k, v) VALUES (3, 'drei') ON CONFLICT ON CONSTRAINT kv_pkey DO UPDATE SET v = EXCLUDED.v;
SELECT * FROM kv WHERE k = 3;
-- a unique key besides a serial primary key
CREATE TABLE users (id serial PRIMARY KEY, email varchar(100) NOT NULL, name text, UNIQUE (email));
INSERT INTO users (email, name) VALUES ('a@x', 'Ann') ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name;
INSERT INTO users (email, name) VALUES ('a@x', 'Anna') ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name;
SELECT email, name FROM users;
-- Basalt: a second unique key the INSERT may also hit is refused (0A000); PostgreSQL would run it
INSERT INTO users (id, email, name) VALUES (1, 'b@x', 'Bob') ON CONFLICT (email) DO NOTHING;
-- errors: no such unique key, no target for DO UPDATE, unknown constraint
INSERT INTO kv (k, v) VALUES (1, 'x') ON CONFLICT (v) DO NOTHING;
INSERT INTO kv (k, v) VALUES (1, 'x') ON CONFLICT DO UPDATE SET v = 'y';
INSERT INTO kv (k, v) VALUES (1, 'x') ON CONFLICT ON CONSTRAINT nope DO NOTHING;
-- other errors are not swallowed by DO NOTHING
INSERT INTO kv (k, v) VALUES (9, NULL) ON CONFLICT (k) DO NOTHING;
SELECT count(*) FROM kv;
DROP TABLE kv;
DROP TABLE users;
-- RETURNING: the row as inserted or updated (single VALUES row, conflict target columns)
CREATE TABLE tags (id serial PRIMARY KEY, name varchar(20) NOT NULL UNIQUE, uses int NOT NULL DEFAULT 1);
INSERT INTO tags (name) VALUES ('red') ON CONFLICT (name) DO UPDATE SET uses = tags.uses + 1 RETURNING id, name, uses;
INSERT INTO tags (name) VALUES ('blue') ON CONFLICT (name) DO UPDATE SET uses = tags.uses + 1 RETURNING id, name, uses;
INSERT INTO tags (name) VALUES ('red') ON CONFLICT (name) DO UPDATE SET uses = tags.uses + 1 RETURNING id, name, uses;
INSERT INTO tags (name) VALUES ('red') ON CONFLICT (name) DO NOTHING RETURNING id;
INSERT INTO tags (name) VALUES ('green') ON CONFLICT (name) DO NOTHING RETURNING id, name;
INSERT INTO tags (name) VALUES ('red'), ('pink') ON CONFLICT (name) DO NOTHING RETURNING id;
SELECT * FROM tags ORDER BY id;
DROP TABLE tags;

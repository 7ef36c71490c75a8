-- cli-options: --table
-- Table mode: boxed output as in an interactive session.
CREATE DATABASE cli_table;
USE cli_table;
CREATE TABLE t (id INT PRIMARY KEY, label VARCHAR(10), amount INT);
INSERT INTO t VALUES (1, 'one', 100), (2, 'two', NULL), (3, 'three', -5);
SELECT * FROM t ORDER BY id;
SELECT label, amount FROM t WHERE amount > 0;
SELECT * FROM t WHERE id > 100;
SHOW TABLES;
DROP DATABASE cli_table;

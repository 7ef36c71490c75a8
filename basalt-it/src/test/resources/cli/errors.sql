-- cli-options: --batch --force
-- With --force the client reports each error on stderr and keeps going.
CREATE DATABASE cli_errors;
USE cli_errors;
CREATE TABLE t (id INT PRIMARY KEY);
INSERT INTO t VALUES (1);
SELECT * FROM missing_table;
SELECT nope FROM t;
SELECT id FROM t;
DROP DATABASE cli_errors;

-- Run directly on MariaDB (in a fresh database) before passthrough-queries.sql; one statement per ';' at line end.
CREATE TABLE t (
  id INT PRIMARY KEY,
  i BIGINT,
  u BIGINT UNSIGNED,
  d DECIMAL(20,6),
  f DOUBLE,
  fl FLOAT,
  s VARCHAR(100),
  c CHAR(5),
  tx TEXT,
  dt DATETIME(6),
  da DATE,
  tm TIME(3),
  ts TIMESTAMP(2) NULL,
  y YEAR,
  b BIT(10),
  bl BLOB,
  vb VARBINARY(16),
  j JSON,
  e ENUM('red','green','blue'),
  st SET('a','b','c','d')
) DEFAULT CHARSET=utf8mb4;
INSERT INTO t VALUES
  (1, -9223372036854775808, 18446744073709551615, 12345678901234.567891, 1.5e300, 3.25, 'héllo wörld 😀𝄞', 'ab', 'long text', '2024-02-29 23:59:59.123456', '1000-01-01', '-838:59:59.000', '2038-01-19 03:14:07.99', 2155, b'1010101010', x'00FF10FE0D0A00', x'DEADBEEF00', '{"a": [1, 2.5, null, "x"], "b": {"c": true}}', 'green', 'a,c,d'),
  (2, 0, 0, -0.000001, -0.0, -1.5, '', '', '', '0001-01-01 00:00:00.000000', '9999-12-31', '838:59:59.999', NULL, 1901, b'0', x'', x'', '[]', 'red', ''),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 9223372036854775807, 9223372036854775808, 99999999999999.999999, 2.2250738585072014e-308, 1e-30, 'quote '' and \\ backslash', 'zz', REPEAT('x', 5000), '2000-01-01 12:00:00.5', '2000-02-29', '00:00:00.001', '1970-01-01 00:00:01.00', 2000, b'1111111111', REPEAT(x'00', 300), x'00', '"just a string"', 'blue', 'b');
CREATE TABLE grp (k VARCHAR(10), v INT, note VARCHAR(20) CHARACTER SET latin1) DEFAULT CHARSET=utf8mb4;
INSERT INTO grp VALUES ('a', 1, 'x'), ('a', 2, NULL), ('b', 3, 'y'), ('b', NULL, 'z'), ('c', 10, 'é'), (NULL, 7, NULL);
CREATE VIEW v_grp AS SELECT k, SUM(v) AS total FROM grp GROUP BY k;

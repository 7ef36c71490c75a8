-- arrays are not translated: 0A000 rather than MySQL's syntax error (PostgreSQL answers these)
SELECT ARRAY[1, 2, 3] AS a;
SELECT 1 AS one WHERE 2 = ANY('{1,2}'::int[]);
CREATE TABLE tagged (id int PRIMARY KEY, tags text[]);
-- a subquery after = ANY is not an array
SELECT 1 AS one WHERE 2 = ANY (SELECT 2);

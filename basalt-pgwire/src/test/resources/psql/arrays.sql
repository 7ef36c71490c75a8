-- arrays of basic types (issue 10). Compared with PostgreSQL 15 running the same script: equal
-- except where a comment says otherwise.
SELECT ARRAY[1, 2, 3] AS a, ARRAY['x', NULL] AS b, ARRAY[1.5, 2.25] AS n, ARRAY[1.5::float8, 1e20::float8] AS f;
SELECT ARRAY['2024-01-02'::date] AS d, ARRAY['2024-01-02 10:00:00'::timestamp, '2024-01-02 10:00:00.5'::timestamp] AS ts;
SELECT '{1,2,3}'::int[] AS b, '{a,"b c",NULL}'::text[] AS c, '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid[] AS u;
SELECT '{"x y", "", "NULL", "q\"uote", "back\\slash"}'::text[] AS quoted;
SELECT (ARRAY[10,20,30])[2] AS second, (ARRAY[1,2,3])[4] AS past_end, cardinality(ARRAY[1,2]) AS card,
       array_length(ARRAY['x'], 1) AS len, array_length('{}'::int[], 1) AS empty_len;
SELECT 1 AS one WHERE 2 = ANY('{1,2}'::int[]);
SELECT NULL::int = ANY(ARRAY[1]) AS a, 1 = ANY(ARRAY[2,NULL]) AS b, 1 = ANY(ARRAY[1,NULL]) AS c,
       1 = ANY('{}'::int[]) AS d, 1 = ALL('{}'::int[]) AS e, 1 < ALL(ARRAY[2,3]) AS f, 3 <> ALL (ARRAY[1,2]) AS g;
SELECT ARRAY[1,2,3] @> ARRAY[2] AS contains, ARRAY[1] <@ ARRAY[1,2] AS contained, ARRAY[1,2] && ARRAY[3] AS overlaps;
SELECT array_to_string(ARRAY[1,NULL,3], ',', '*') AS s, array_append(ARRAY[1], 2) AS ap, array_prepend(0, ARRAY[1]) AS pre,
       array_cat(ARRAY[1], ARRAY[2,3]) AS cat, array_position(ARRAY['a','b'], 'b') AS pos, array_remove(ARRAY[1,2,1], 1) AS rm;
SELECT string_to_array('a,b,,c', ',') AS s, array_upper(ARRAY[5,6], 1) AS up, array_lower(ARRAY[5,6], 1) AS low;
DROP TABLE IF EXISTS tagged;
CREATE TABLE tagged (id int PRIMARY KEY, tags text[], nums int[], scores numeric[], seen date[]);
INSERT INTO tagged VALUES (1, '{red,green}', ARRAY[1,2], '{1.50,2}', '{2024-01-01}'), (2, ARRAY['blue'], '{}', NULL, NULL),
       (3, NULL, '{5,NULL}', '{}', '{}');
UPDATE tagged SET tags = array_append(tags, 'navy') WHERE id = 2;
SELECT * FROM tagged ORDER BY id;
\d tagged
SELECT id, tags[1] AS first FROM tagged WHERE 'red' = ANY(tags);
SELECT id FROM tagged WHERE tags @> '{green}';
SELECT id FROM tagged WHERE tags && ARRAY['navy', 'red'] ORDER BY id;
SELECT id, nums FROM tagged ORDER BY nums DESC;
SELECT id FROM tagged WHERE tags = '{blue,navy}';
SELECT array_agg(id ORDER BY id) AS ids, array_agg(id ORDER BY id DESC) AS down, array_agg(tags[1] ORDER BY id) AS firsts FROM tagged;
DROP TABLE tagged;
-- unnest in FROM (a derived table over generate_series)
SELECT * FROM unnest(ARRAY[3,1,2]);
SELECT x FROM unnest('{a,b,NULL}'::text[]) AS x;
SELECT u.n * 10 AS ten FROM unnest(ARRAY[1,2]) AS u(n) ORDER BY ten DESC;
SELECT count(*) FROM unnest('{}'::int[]) AS e;
SELECT t.a, v FROM (SELECT 1 AS a) t, unnest(ARRAY['p','q']) v;
-- a multi-dimensional array (see arrays_multidim.sql), a slice and ARRAY(subquery), as PostgreSQL answers them
SELECT ARRAY[[1,2],[3,4]];
SELECT (ARRAY[1,2,3])[1:2];
SELECT ARRAY(SELECT 1);
-- errors: PostgreSQL's texts with MySQL's error in the detail, and no caret position
SELECT '{1,2'::int[];
SELECT '{1,x}'::int[];
-- a subquery after = ANY is not an array
SELECT 1 AS one WHERE 2 = ANY (SELECT 2);

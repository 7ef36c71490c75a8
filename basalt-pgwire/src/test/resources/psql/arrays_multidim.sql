-- multi-dimensional arrays: the output is PostgreSQL 15's for the same script
SELECT '{{1,2},{3,4}}'::int[] AS lit, ARRAY[[1,2],[3,4]] AS ctor, ARRAY[ARRAY['a','b c'],ARRAY[NULL,'d']] AS texts;
SELECT '{{{1},{2}},{{3},{4}}}'::int[] AS three, '{{1,2}}'::int[][] AS brackets;
SELECT m[1][2] AS m12, m[2][1] AS m21, m[1] AS m1, m[3][1] AS outside, m[1][2][1] AS toomany
  FROM (SELECT '{{1,2},{3,4}}'::int[] AS m) s;
SELECT array_ndims(m) AS nd, array_dims(m) AS dims, array_length(m, 1) AS l1, array_length(m, 2) AS l2,
       array_length(m, 3) AS l3, array_upper(m, 2) AS u2, array_lower(m, 2) AS lo2, cardinality(m) AS card
  FROM (SELECT '{{1,2,3},{4,5,6}}'::int[] AS m) s;
SELECT array_dims('{{{1},{2}},{{3},{4}}}'::int[]) AS d3, array_ndims(ARRAY[1,2]) AS one;
CREATE TABLE grid (id int PRIMARY KEY, m int[][], t text[]);
INSERT INTO grid VALUES (1, '{{1,2},{3,4}}', '{{a,b},{c,"d e"}}'), (2, ARRAY[[5,6,7]], ARRAY[['x']]), (3, '{9}', '{}');
SELECT id, m, t, array_dims(m) AS dims, m[1][1] AS first FROM grid ORDER BY id;
SELECT id FROM grid WHERE m[2][2] = 4;
SELECT id FROM grid WHERE 6 = ANY (m) ORDER BY id;
SELECT array_to_string(m, ',') AS flat FROM grid WHERE id = 1;
SELECT x FROM unnest('{{1,2},{3,4}}'::int[]) AS x;
SELECT '{{1,2},{3,4}}'::int[] = ARRAY[[1,2],[3,4]] AS same, '{1,2,3,4}'::int[] = '{{1,2},{3,4}}'::int[] AS flat_vs_2d;
UPDATE grid SET m = '{{0,0},{0,0}}' WHERE id = 3;
SELECT m FROM grid WHERE id = 3;
-- array_agg over arrays stacks them (one more dimension), ARRAY(SELECT array) too
SELECT array_agg(a ORDER BY k) AS stacked, array_agg(a ORDER BY k DESC) AS reversed
  FROM (SELECT 1 AS k, ARRAY[1,2] AS a UNION ALL SELECT 2, ARRAY[3,4]) s;
SELECT array_agg(m) AS stack3 FROM grid WHERE id IN (1, 3);
SELECT ARRAY(SELECT m FROM grid WHERE id = 1) AS wrapped;
-- array_cat along the first dimension, or a row of one dimension fewer appended or prepended
SELECT array_cat('{{1,2}}'::int[], '{{3,4}}'::int[]) AS rows2, array_cat('{{1,2}}'::int[], '{3,4}'::int[]) AS appended,
       array_cat('{3,4}'::int[], '{{1,2}}'::int[]) AS prepended, array_cat('{}'::int[], '{{1}}'::int[]) AS empty_left;
-- slices: a range per dimension; once one is a slice, a plain subscript i means 1 to i
SELECT m[1:1] AS first_row, m[1:2][2:2] AS second_col, m[2][1:2] AS upto2, m[:1][2:] AS corner,
       m[2:][:] AS tail, m[3:4] AS past, m[1:1][1:1][1:1] AS toomany
  FROM (SELECT '{{1,2,3},{4,5,6}}'::int[] AS m) s;
SELECT (ARRAY[1,2,3])[2:3] AS one_dim, ('{{{1,2},{3,4}},{{5,6},{7,8}}}'::int[])[2:2][1:2][2:2] AS three;
-- errors: sub-arrays of different shapes
SELECT '{{1,2},{3}}'::int[];
\echo :LAST_ERROR_SQLSTATE
SELECT ARRAY[[1,2],[3]];
\echo :LAST_ERROR_SQLSTATE
SELECT array_agg(m) FROM grid;
\echo :LAST_ERROR_SQLSTATE
SELECT array_agg(t) FROM grid WHERE id = 3;
\echo :LAST_ERROR_SQLSTATE
SELECT array_agg(NULL::int[]);
\echo :LAST_ERROR_SQLSTATE
SELECT array_cat('{{1,2}}'::int[], '{3}'::int[]);
\echo :LAST_ERROR_SQLSTATE
SELECT array_append('{{1,2}}'::int[], 3);
\echo :LAST_ERROR_SQLSTATE
SELECT array_remove('{{1,2}}'::int[], 1);
\echo :LAST_ERROR_SQLSTATE
SELECT array_position('{{1,2}}'::int[], 1);
\echo :LAST_ERROR_SQLSTATE
DROP TABLE grid;

-- slices, array_ndims/array_dims, ARRAY(subquery), unnest in the select list; the rows are PostgreSQL 15's for the same script
SELECT (ARRAY[1,2,3,4])[2:3] AS mid, (ARRAY[1,2,3,4])[:2] AS head, (ARRAY[1,2,3,4])[3:] AS tail, (ARRAY[1,2,3])[5:9] AS none;
SELECT array_ndims(ARRAY[1,2,3]) AS nd, array_dims(ARRAY['a','b']) AS dims, array_dims('{}'::int[]) AS empty_dims;
CREATE TABLE arr2 (id int PRIMARY KEY, tags text[]);
INSERT INTO arr2 VALUES (1, '{a,b,c}'), (2, '{x}'), (3, NULL);
SELECT id, tags[1:2] AS first_two, tags[2:] AS rest FROM arr2 ORDER BY id;
SELECT ARRAY(SELECT id FROM arr2 ORDER BY id DESC) AS ids, ARRAY(SELECT id FROM arr2 WHERE id > 10) AS no_ids;
SELECT id, ARRAY(SELECT t.id * 10 FROM arr2 t WHERE t.id <= a.id ORDER BY t.id) AS upto FROM arr2 a ORDER BY id;
SELECT array_length(ARRAY(SELECT id FROM arr2), 1) AS len;
DROP TABLE arr2;
SELECT unnest(ARRAY[3,1,2]);
SELECT unnest('{a,b}'::text[]) AS letter;
-- unaliased columns are named as PostgreSQL names them
SELECT ARRAY[1,2], (ARRAY[1,2,3])[1:2], ARRAY(SELECT 1), age(timestamp '2024-01-01', timestamp '2023-01-01'), extract(year from interval '2 years'), date_part('hour', interval '3 hours'), justify_days(interval '31 days');

// node-postgres and arrays (issue 10): JavaScript arrays as parameters (node-postgres sends them
// untyped, in PostgreSQL's text form '{1,2}'), int[]/text[] columns back as JavaScript arrays.
// Run by NodePgScriptTest: node node_pg_arrays.js PORT PASSWORD [USER]; its stdout must equal
// node_pg_arrays.out, which is what PostgreSQL 15 prints for the same script.
'use strict';
const { Client } = require('pg');

const [port, password, user = 'root'] = process.argv.slice(2);
const show = (label, value) => console.log(label, JSON.stringify(value));

async function main() {
  const c = new Client({ host: '127.0.0.1', port: Number(port), user, password, database: 'postgres' });
  await c.connect();
  await c.query('DROP TABLE IF EXISTS node_arr');
  await c.query('CREATE TABLE node_arr (id int PRIMARY KEY, tags text[], nums int[])');
  await c.query('INSERT INTO node_arr VALUES ($1, $2, $3)', [1, ['a', 'b c', null, 'q"uote'], [1, 2, 3]]);
  await c.query('INSERT INTO node_arr VALUES ($1, $2, $3)', [2, [], [5, null]]);
  show('rows', (await c.query('SELECT id, tags, nums FROM node_arr ORDER BY id')).rows);
  show('any', (await c.query('SELECT id FROM node_arr WHERE id = ANY($1) ORDER BY id', [[1, 2, 99]])).rows);
  show('any text', (await c.query('SELECT id FROM node_arr WHERE $1 = ANY(tags)', ['b c'])).rows);
  show('contains', (await c.query('SELECT id FROM node_arr WHERE nums @> $1', [[5]])).rows);
  show('named', (await c.query({ name: 'by-ids', text: 'SELECT id FROM node_arr WHERE id = ANY($1::int[])', values: [[2]] })).rows);
  show('named again', (await c.query({ name: 'by-ids', text: 'SELECT id FROM node_arr WHERE id = ANY($1::int[])', values: [[1]] })).rows);
  show('constructed', (await c.query('SELECT ARRAY[1, 2] AS a, ARRAY[$1, $2]::text[] AS b', ['x', 'y'])).rows);
  // multi-dimensional: nested JavaScript arrays go out as {{...}} text and come back nested
  show('2-d', (await c.query('SELECT $1::int[] AS m, array_dims($1::int[]) AS d', [[[1, 2], [3, null]]])).rows);
  show('2-d text', (await c.query("SELECT ARRAY[['a', 'b c'], ['d', NULL]] AS t")).rows);
  await c.query('DROP TABLE node_arr');
  await c.end();
  console.log('done');
}

main().catch((e) => { console.log('failed', e.code, e.message); process.exit(1); });

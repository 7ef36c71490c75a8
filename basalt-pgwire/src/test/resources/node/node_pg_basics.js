// node-postgres (the `pg` package from npm, pure JavaScript) against Basalt: parameterized queries,
// named prepared statements, a Pool of concurrent clients, transactions, errors' SQLSTATEs.
// Run by NodePgScriptTest: node node_pg_basics.js PORT PASSWORD [USER]; its stdout must equal
// node_pg_basics.out, which is what PostgreSQL 15 prints for the same script (error messages are
// not printed: Basalt's are MySQL's texts).
'use strict';
const { Client, Pool } = require('pg');

const [port, password, user = 'root'] = process.argv.slice(2);
const config = { host: '127.0.0.1', port: Number(port), user, password, database: 'postgres' };
const show = (label, value) => console.log(label, JSON.stringify(value));

async function code(label, promise) {
  try {
    await promise;
    show(label, 'no error');
  } catch (e) {
    show(label, e.code);
  }
}

async function main() {
  const client = new Client(config);
  await client.connect();
  await client.query('CREATE SCHEMA IF NOT EXISTS node_schema');
  await client.query('SET search_path TO node_schema');
  await client.query('DROP TABLE IF EXISTS items');
  await client.query('DROP TABLE IF EXISTS counter');
  await client.query(`CREATE TABLE items (id serial PRIMARY KEY, name varchar(20) NOT NULL UNIQUE,
      qty int, price numeric(8,2), big bigint, ratio float8, seen timestamp, ok boolean)`);
  await client.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
  await client.query('INSERT INTO counter VALUES (1, 0)');

  // parameters: the extended protocol, values sent as untyped text. A JavaScript boolean is sent
  // as 'true'/'false', which a BOOLEAN (MySQL: TINYINT(1)) column refuses unless cast (22P02).
  let r = await client.query('INSERT INTO items (name, qty, price, big, ratio, seen, ok) VALUES ($1, $2, $3, $4, $5, $6, $7::boolean)',
      ["it's", 3, '1.50', '9007199254740993', 0.25, '2024-01-02 03:04:05', true]);
  show('insert', [r.command, r.rowCount]);
  r = await client.query('INSERT INTO items (name, qty) VALUES ($1, $2), ($3, $4)', ['b', 2, 'c', null]);
  show('insert two', [r.command, r.rowCount]);
  r = await client.query('SELECT id, name, qty, price, big, ratio, seen, ok FROM items WHERE name = $1', ["it's"]);
  show('fields', r.fields.map(f => [f.name, f.dataTypeID]));
  show('row', r.rows[0]);
  r = await client.query({ text: 'SELECT name, qty FROM items WHERE qty >= $1 OR qty IS NULL ORDER BY id', values: [2], rowMode: 'array' });
  show('array rows', r.rows);
  r = await client.query('SELECT count(*) AS n, $1::int + 1 AS next, $2::text AS t FROM items', [41, null]);
  show('count', r.rows[0]);

  // a named statement: parsed once, executed with new values
  const byName = { name: 'item-by-name', text: 'SELECT id, qty FROM items WHERE name = $1' };
  for (const name of ['b', 'c', 'none']) {
    r = await client.query({ ...byName, values: [name] });
    show('named ' + name, r.rows);
  }

  // errors carry PostgreSQL's SQLSTATE
  await code('duplicate', client.query('INSERT INTO items (name) VALUES ($1)', ['b']));
  await code('not null', client.query('INSERT INTO items (qty) VALUES ($1)', [1]));
  await code('undefined table', client.query('SELECT * FROM no_such_table'));
  await code('undefined column', client.query('SELECT no_such_column FROM items'));
  await code('syntax', client.query('SELEC 1'));

  // transactions: ROLLBACK undoes, COMMIT keeps, an error aborts the block until ROLLBACK
  await client.query('BEGIN');
  await client.query('UPDATE items SET qty = qty + 10 WHERE name = $1', ['b']);
  await client.query('ROLLBACK');
  show('after rollback', (await client.query('SELECT qty FROM items WHERE name = $1', ['b'])).rows);
  await client.query('BEGIN');
  r = await client.query('UPDATE items SET qty = qty + 10 WHERE name = $1', ['b']);
  show('update', [r.command, r.rowCount]);
  await client.query('COMMIT');
  show('after commit', (await client.query('SELECT qty FROM items WHERE name = $1', ['b'])).rows);
  await client.query('BEGIN');
  await code('in block', client.query('INSERT INTO items (name) VALUES ($1)', ['c']));
  await code('aborted block', client.query('SELECT 1'));
  r = await client.query('ROLLBACK');
  show('end of aborted block', r.command);
  r = await client.query('DELETE FROM items WHERE name = $1', ['c']);
  show('delete', [r.command, r.rowCount]);

  // a Pool: more tasks than clients, each one a transaction that locks the counter row
  const pool = new Pool({ ...config, max: 4, options: '-c search_path=node_schema' });
  const tasks = [];
  for (let i = 0; i < 12; i++) {
    tasks.push((async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const before = await c.query('SELECT n FROM counter WHERE id = $1 FOR UPDATE', [1]);
        await c.query('UPDATE counter SET n = $1 WHERE id = 1', [before.rows[0].n + 1]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK');
        throw e;
      } finally {
        c.release();
      }
    })());
  }
  await Promise.all(tasks);
  show('pool counter', (await pool.query('SELECT n FROM counter WHERE id = 1')).rows[0]);
  const squares = await Promise.all([1, 2, 3, 4, 5, 6].map(i => pool.query('SELECT $1::int * $1::int AS sq', [i])));
  show('pool squares', squares.map(q => q.rows[0].sq));
  show('pool clients', pool.totalCount <= 4);
  await pool.end();

  await client.query('DROP TABLE items');
  await client.query('DROP TABLE counter');
  await client.end();
  console.log('done');
}

main().catch(e => {
  console.log('FAILED', e.code, e.message);
  process.exit(1); // open connections would keep node running
});

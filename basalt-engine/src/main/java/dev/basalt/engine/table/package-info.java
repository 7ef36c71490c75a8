/**
 * Rows and index entries of native tables on the KV level: insert/update/delete with PRIMARY and
 * UNIQUE checks (1062), scans in primary key order, index range scans, AUTO_INCREMENT and hidden
 * row ids. Entry points: {@link dev.basalt.engine.table.Tables} (one per engine) hands out a
 * {@link dev.basalt.engine.table.TableStore} per table definition.
 *
 * <h2>How the layers are used together</h2>
 * <pre>{@code
 * // wiring (once per engine)
 * TransactionManager tm = new TransactionManager(kvStore);
 * Tables tables = new Tables();
 * Catalog catalog = new Catalog(kvStore, tables);
 *
 * // a statement inside a transaction
 * Transaction txn = tm.begin(readOnly);           // autocommit: one per statement
 * Transaction.Mark m = txn.mark();                 // statement atomicity
 * try {
 *     TableDef def = catalog.snapshot(txn).table(db, name).orElseThrow(...);
 *     TableStore t = tables.store(def);
 *     long id = t.insert(txn, row);                // fills a null AUTO_INCREMENT column in row
 *     txn.release(m);
 * } catch (SqlException e) {
 *     txn.rollbackTo(m);                           // the failed statement leaves no trace
 *     throw e;
 * }
 * txn.commit();                                    // 1213 when another transaction won; retryable
 * }</pre>
 * <ul>
 *   <li>Always end a transaction (commit or rollback), also read-only ones: it holds a snapshot.</li>
 *   <li>UPDATE/DELETE pass the rows as read (with the hidden row id slot of tables without a
 *       primary key). A statement that modifies the index it scans (UPDATE t SET k = k + 1 over an
 *       index on k, INSERT ... SELECT from the same table) must collect the rows first.</li>
 *   <li>SELECT ... FOR UPDATE / FOR SHARE: {@link dev.basalt.engine.table.TableStore#lockRow}.</li>
 *   <li>READ COMMITTED: {@link dev.basalt.engine.txn.Transaction#refreshSnapshot()} between
 *       statements; REPEATABLE READ needs nothing.</li>
 *   <li>DDL: run it in its own transaction through {@link dev.basalt.engine.catalog.Catalog} and
 *       commit (MySQL's implicit commit). DML that wrote with a definition replaced meanwhile fails
 *       with 1213 at commit, as does DDL that built an index while rows of its table changed.</li>
 *   <li>Index scans of prefix-length indexes are approximate: re-check the predicate.</li>
 * </ul>
 */
package dev.basalt.engine.table;

/**
 * Table-level locks: LOCK TABLES / UNLOCK TABLES and FLUSH TABLES ... WITH READ LOCK
 * ({@link dev.basalt.engine.lock.TableLocks}, one per engine), the check each statement passes
 * ({@link dev.basalt.engine.lock.TableLockGate}) and the statements themselves. Row locks live in
 * {@code txn.RowLocks}; the two do not know of each other.
 */
package dev.basalt.engine.lock;

/**
 * SQL transactions over the KV store: snapshot reads (REPEATABLE READ as InnoDB's consistent read),
 * buffered writes that the transaction's own reads see, savepoints, and first-committer-wins
 * conflict detection at commit (loser gets 1213 / 40001).
 */
package dev.basalt.engine.txn;

package dev.basalt.engine.statement;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.stats.TableStats;
import dev.basalt.engine.txn.Transaction;

/**
 * SHOW INDEX's Cardinality and information_schema.STATISTICS.CARDINALITY: the distinct prefixes
 * ANALYZE TABLE measured, scaled to the running row count; 0 for a table never analysed.
 */
final class IndexCardinality {
    private final BasaltEngine engine;
    private final Transaction txn;
    private final TableDef table;
    private final TableStats stats;
    private long rows = -1;

    private IndexCardinality(BasaltEngine engine, Transaction txn, TableDef table) {
        this.engine = engine;
        this.txn = txn;
        this.table = table;
        this.stats = engine.tables().statistics().of(txn, table);
    }

    static IndexCardinality of(BasaltEngine engine, Transaction txn, TableDef table) {
        return new IndexCardinality(engine, txn, table);
    }

    /** The cardinality of the index's first {@code parts} parts. */
    long of(IndexDef index, int parts) {
        if (stats == null) return 0;
        if (rows < 0) rows = txn == null ? stats.rows() : engine.tables().rowCountEstimate(txn, table);
        return Math.max(0, stats.cardinality(index, parts, rows));
    }
}

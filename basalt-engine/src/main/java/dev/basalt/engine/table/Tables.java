package dev.basalt.engine.table;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableData;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.txn.Transaction;

import java.util.function.UnaryOperator;

/**
 * The engine-wide table layer: hands out {@link TableStore}s (cached per definition) and owns the
 * in-memory AUTO_INCREMENT and hidden row id counters. Also the {@link TableData} the catalog
 * uses for row-level DDL work. Wiring: {@code Tables t = new Tables(); Catalog c = new Catalog(store, t);}
 * Thread-safe.
 */
public final class Tables implements TableData {

    public Tables() { }

    /** The store for this definition (cheap; cached while the definition is current). */
    public TableStore store(TableDef def) { throw new UnsupportedOperationException(); }

    /** Same as {@code store(def).allocateAutoIncrement(txn)}. */
    public long allocateAutoIncrement(Transaction txn, TableDef def) { throw new UnsupportedOperationException(); }

    @Override
    public void buildIndex(Transaction txn, TableDef table, IndexDef index) { throw new UnsupportedOperationException(); }

    @Override
    public void rewrite(Transaction txn, TableDef oldDef, TableDef newDef, UnaryOperator<Object[]> rowMapper) { throw new UnsupportedOperationException(); }

    @Override
    public void forget(TableDef table, boolean truncated) { throw new UnsupportedOperationException(); }
}

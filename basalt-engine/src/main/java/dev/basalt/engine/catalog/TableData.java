package dev.basalt.engine.catalog;

import dev.basalt.engine.txn.Transaction;

import java.util.function.UnaryOperator;

/**
 * Row-level work that DDL needs, implemented by the table layer
 * ({@code dev.basalt.engine.table.Tables}) and handed to the {@link Catalog}, so the catalog
 * does not depend on it.
 */
public interface TableData {

    /** Writes the entries of a new secondary index for every existing row; duplicates -> 1062. */
    void buildIndex(Transaction txn, TableDef table, IndexDef index);

    /**
     * Rewrites every row of {@code oldDef} as a row of {@code newDef} (same table id) through
     * {@code rowMapper} (old row without hidden id -> new row), rebuilding all index entries.
     */
    void rewrite(Transaction txn, TableDef oldDef, TableDef newDef, UnaryOperator<Object[]> rowMapper);

    /** A new or just truncated table: its indexes are empty, and so complete (FULLTEXT indexes record that). */
    default void indexesEmpty(Transaction txn, TableDef table) { }

    /** The table's rows are gone (DROP/TRUNCATE): forget cached counters. */
    void forget(TableDef table, boolean truncated);

    /**
     * Runs on the serialized commit path of DDL that replaces ({@code def}) or drops ({@code null})
     * table {@code tableId}: from then on, commits that wrote rows with another definition of the
     * table must fail (1213). Returns a token for {@link #restoreDefinition} should the DDL commit
     * not be applied after all.
     */
    default Object commitDefinition(int tableId, TableDef def) { return null; }

    default void restoreDefinition(int tableId, Object token) { }
}

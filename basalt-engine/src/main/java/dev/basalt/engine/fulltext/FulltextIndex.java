package dev.basalt.engine.fulltext;

import java.util.function.Supplier;

/**
 * The FULLTEXT index a MATCH searches: which one (so the planner can read the table through it) and
 * its entries. {@code entries} gives null when the store keeps none for it (an index written before
 * indexes were stored): then MATCH scans, as it did before.
 *
 * @param tableId the table's id
 * @param name    the index's name (EXPLAIN's key)
 */
public record FulltextIndex(int tableId, String name, Supplier<InvertedIndex> entries) { }

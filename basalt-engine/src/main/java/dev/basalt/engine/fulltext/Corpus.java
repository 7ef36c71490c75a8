package dev.basalt.engine.fulltext;

import java.util.NavigableSet;
import java.util.function.Consumer;

/**
 * The documents of a FULLTEXT index: the text of its columns in the rows of the table, as the
 * statement's transaction sees them. Supplied by the planner, which knows the storage.
 */
public interface Corpus {
    /** Every row's document. */
    void forEachDocument(Consumer<String> text);

    /** The documents of the rows named by these keys ({@link InvertedIndex}'s row keys), in key order. */
    void forEachDocument(NavigableSet<byte[]> rows, Consumer<String> text);
}

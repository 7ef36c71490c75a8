package dev.basalt.engine.fulltext;

import java.util.function.Consumer;

/**
 * The documents of a FULLTEXT index: the text of its columns in every row of the table, as the
 * statement's transaction sees it. Supplied by the planner, which knows the storage.
 */
@FunctionalInterface
public interface Corpus {
    void forEachDocument(Consumer<String> text);
}

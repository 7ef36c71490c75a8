package dev.basalt.engine.fulltext;

import java.util.NavigableSet;

/**
 * The stored entries of a FULLTEXT index, as the statement's transaction sees them: for each
 * indexed word, the rows whose text holds it. Rows are named by opaque keys (the table layer's
 * primary key bytes) ordered as the table's rows are. Supplied by the table layer.
 */
public interface InvertedIndex {

    /** The order of row keys: unsigned bytes, the store's key order. */
    java.util.Comparator<byte[]> ROW_ORDER = java.util.Arrays::compareUnsigned;

    /** Every row of the table (the documents of the index, NULL texts included: InnoDB counts them). */
    long documents();

    /**
     * The rows the statement's transaction inserted or changed the indexed words of and has not
     * committed. InnoDB indexes those words at COMMIT, so a MATCH finds none of these rows (by old or
     * new words) until then; {@link #rowsWith} leaves them out.
     */
    NavigableSet<byte[]> uncommitted();

    /** The rows holding the word (the {@link #uncommitted} ones left out) ({@code prefix}: any indexed word starting with it), in row order. */
    NavigableSet<byte[]> rowsWith(String word, boolean prefix);
}

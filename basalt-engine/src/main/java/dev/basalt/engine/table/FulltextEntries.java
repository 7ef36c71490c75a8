package dev.basalt.engine.table;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.fulltext.InvertedIndex;
import dev.basalt.engine.fulltext.Tokenizer;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.types.SqlType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The stored entries of one FULLTEXT index, an inverted index in the index's key range:
 * <pre>
 *   0x02 | indexId                            -> 0x01   (built: the entries are complete)
 *   0x02 | indexId | utf8(word) | 0x00 | pk   -> term frequency (4 bytes)
 * </pre>
 * one entry per indexed word of a row (as {@link Tokenizer} finds them in the row's text, folded
 * as the first column's collation compares), named by the row's primary key bytes. A word never
 * holds a 0x00 byte, so one word's entries and the entries of the words starting with a prefix are
 * each one key range. Entries carry the row key and are written under the row's lock, like a
 * non-unique secondary index's. An index created before entries were kept has no "built" marker
 * (and may hold the entries of rows written since): the engine builds it at start-up
 * ({@link TableStore#buildUnbuiltFulltext}); until then its MATCHes scan the table.
 */
final class FulltextEntries {
    private static final byte[] BUILT = {1};

    final IndexDef index;
    private final byte[] prefix;
    final int[] columns;
    private final SqlType[] types;
    private final boolean fold;

    FulltextEntries(TableDef table, IndexDef index) {
        this.index = index;
        this.prefix = Keyspace.indexPrefix(index.indexId());
        this.columns = index.columns();
        this.types = new SqlType[columns.length];
        for (int i = 0; i < columns.length; i++) types[i] = table.columns().get(columns[i]).type();
        this.fold = Tokenizer.folds(types[0].collation());
    }

    /** Whether words are folded (MATCH uses the entries only when it folds the same way). */
    boolean folds() { return fold; }

    /** Marks the entries complete (the index was created on an empty table, or built over its rows). */
    void markBuilt(Transaction txn) { txn.put(prefix, BUILT); }

    /** Whether the entries are complete (the "built" marker is present). */
    boolean built(Transaction txn) { return txn.get(prefix) != null; }

    /** Deletes every word entry, keeping the marker's key (an index whose entries are rebuilt). */
    void clear(Transaction txn) {
        byte[] firstWord = Arrays.copyOf(prefix, prefix.length + 1); // prefix | 0x00: just past the marker
        txn.deleteRange(firstWord, Keyspace.prefixSuccessor(prefix));
    }

    /** The words of a stored row and how often each occurs. */
    Map<String, Integer> words(Object[] row) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            Object v = row[columns[i]];
            if (v == null) continue;
            if (!b.isEmpty()) b.append(' ');
            b.append(v instanceof String s ? s : v instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : dev.basalt.engine.types.ValueText.toText(v, types[i]));
        }
        return Tokenizer.counts(b.toString(), fold);
    }

    private byte[] wordStart(String word, boolean exact) {
        byte[] w = word.getBytes(StandardCharsets.UTF_8);
        byte[] k = Arrays.copyOf(prefix, prefix.length + w.length + (exact ? 1 : 0));
        System.arraycopy(w, 0, k, prefix.length, w.length);
        return k; // exact: ends with the 0x00 separator
    }

    private byte[] key(String word, byte[] pk) {
        byte[] start = wordStart(word, true);
        byte[] k = Arrays.copyOf(start, start.length + pk.length);
        System.arraycopy(pk, 0, k, start.length, pk.length);
        return k;
    }

    /** Writes the row's entries. */
    void put(Transaction txn, Object[] row, byte[] pk) {
        for (Map.Entry<String, Integer> e : words(row).entrySet()) txn.putUnderRowLock(key(e.getKey(), pk), count(e.getValue()));
    }

    /** Deletes the row's entries. */
    void delete(Transaction txn, Object[] row, byte[] pk) {
        for (String w : words(row).keySet()) txn.deleteUnderRowLock(key(w, pk));
    }

    /** An entry's value: the word's count in the row (for a relevance read from the entries some day). */
    private static byte[] count(int n) { return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}; }

    /**
     * An UPDATE: the entries of words gone are deleted, new or recounted ones written; a changed
     * primary key moves them all.
     */
    void update(Transaction txn, Object[] oldRow, byte[] oldPk, Object[] newRow, byte[] newPk) {
        boolean samePk = Arrays.equals(oldPk, newPk);
        Map<String, Integer> before = words(oldRow);
        Map<String, Integer> after = words(newRow);
        for (String w : before.keySet()) if (!samePk || !after.containsKey(w)) txn.deleteUnderRowLock(key(w, oldPk));
        for (Map.Entry<String, Integer> e : after.entrySet()) {
            if (samePk && e.getValue().equals(before.get(e.getKey()))) continue;
            txn.putUnderRowLock(key(e.getKey(), newPk), count(e.getValue()));
        }
    }

    /**
     * The rows whose entries the transaction has written or deleted and not committed: rows it
     * inserted, or whose indexed words it changed (REPLACE included). InnoDB adds a row's words to
     * its full-text index at COMMIT (and an update of indexed columns gives the row a new document
     * id), so until then its search finds such a row neither by its old words nor by its new ones.
     * A row the transaction deleted is gone from its view already, as in InnoDB.
     */
    private NavigableSet<byte[]> uncommittedRows(Transaction txn) {
        NavigableSet<byte[]> rows = new TreeSet<>(InvertedIndex.ROW_ORDER);
        byte[] firstWord = Arrays.copyOf(prefix, prefix.length + 1); // prefix | 0x00: just past the marker
        for (byte[] k : txn.ownWrites(firstWord, Keyspace.prefixSuccessor(prefix))) {
            int sep = prefix.length;
            while (sep < k.length && k[sep] != 0) sep++; // past the word (which holds no 0x00)
            if (sep < k.length) rows.add(Arrays.copyOfRange(k, sep + 1, k.length));
        }
        return rows;
    }

    /** The entries as MATCH reads them, or null when the index was never built (see the class comment). */
    InvertedIndex reader(Transaction txn, TableStore store) {
        if (txn.get(prefix) == null) return null;
        NavigableSet<byte[]> uncommitted = uncommittedRows(txn);
        return new InvertedIndex() {
            @Override public long documents() { return store.count(txn); }

            @Override public NavigableSet<byte[]> uncommitted() { return uncommitted; }

            @Override public NavigableSet<byte[]> rowsWith(String word, boolean isPrefix) {
                byte[] from = wordStart(word, !isPrefix);
                byte[] to = Keyspace.prefixSuccessor(from);
                NavigableSet<byte[]> rows = new TreeSet<>(InvertedIndex.ROW_ORDER);
                try (KvCursor c = txn.scan(from, to)) {
                    while (c.next()) {
                        byte[] k = c.key();
                        int sep = from.length;
                        if (isPrefix) while (k[sep] != 0) sep++; // past the rest of the word
                        else sep--;
                        byte[] row = Arrays.copyOfRange(k, sep + 1, k.length);
                        if (!uncommitted.contains(row)) rows.add(row);
                    }
                }
                return rows;
            }
        };
    }
}

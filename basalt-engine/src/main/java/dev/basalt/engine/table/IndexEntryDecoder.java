package dev.basalt.engine.table;

import dev.basalt.engine.storage.codec.KeyCodec;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.time.LocalDate;

/**
 * Rebuilds a (partial) row from a secondary index entry for covering (index-only) scans: the
 * entry's parts and the primary key suffix are decoded into their columns, every other column
 * stays null. Only key encodings that can be read back qualify ({@link #decodable}): strings are
 * stored as collation sort keys and cannot.
 */
final class IndexEntryDecoder {
    private final IndexLayout index;
    private final IndexLayout primary;
    private final int width;
    /** Per part of each layout: whether it reads back into its column (decided once, not per entry). */
    private final boolean[] indexReadable;
    private final boolean[] primaryReadable;

    IndexEntryDecoder(IndexLayout index, IndexLayout primary, int width) {
        this.index = index;
        this.primary = primary;
        this.width = width;
        this.indexReadable = readable(index);
        this.primaryReadable = readable(primary);
    }

    private static boolean[] readable(IndexLayout layout) {
        boolean[] out = new boolean[layout.types.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = !layout.descending[i] && layout.prefixLengths[i] == 0 && decodable(layout.types[i]);
        }
        return out;
    }

    /** Whether {@link #decode} reads the entry's value: only a unique index keeps the primary key there. */
    boolean needsValue() { return index.index.unique(); }

    /** Whether a key part of this type reads back to the value stored in the row (ascending, whole value). */
    static boolean decodable(SqlType t) {
        TypeKind k = t.kind();
        if (k == TypeKind.BIT || k == TypeKind.YEAR) return false;
        if (k.isInteger()) return !(k == TypeKind.BIGINT && t.unsigned());
        return k == TypeKind.DATE || k == TypeKind.DATETIME;
    }

    /** @param value the entry's value; read only when {@link #needsValue()} (else may be null) */
    Object[] decode(byte[] key, byte[] value) {
        Object[] row = new Object[width];
        int off = read(index, indexReadable, key, index.prefix.length, row);
        // unique entries keep the primary key in the value, others at the end of the key
        if (index.index.unique()) read(primary, primaryReadable, value, 0, row);
        else read(primary, primaryReadable, key, off, row);
        return row;
    }

    /** Decodes the layout's parts from {@code off}; returns the offset after them. */
    private static int read(IndexLayout layout, boolean[] readable, byte[] key, int off, Object[] row) {
        for (int i = 0; i < layout.types.length; i++) {
            int end = KeyCodec.skip(key, off, layout.types[i], layout.descending[i]);
            if (readable[i]) row[layout.columns[i]] = value(key, off, layout.types[i]);
            off = end;
        }
        return off;
    }

    private static Object value(byte[] key, int off, SqlType t) {
        if (key[off] == KeyCodec.NULL_TAG) return null;
        Object v = KeyCodec.decodeInteger(key, off, t.unsigned());
        return switch (t.kind()) {
            case DATE -> LocalDate.ofEpochDay(((Number) v).longValue());
            case DATETIME -> KeyCodec.fromEpochMicros(((Number) v).longValue());
            default -> v;
        };
    }
}

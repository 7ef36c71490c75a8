package dev.basalt.engine.table;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.storage.codec.KeyBuilder;
import dev.basalt.engine.storage.codec.KeyCodec;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.ValueText;

import java.util.List;

/** How one index's key parts are encoded: precomputed column positions, types and flags. */
final class IndexLayout {
    final IndexDef index;
    final byte[] prefix;
    final int[] columns;
    final SqlType[] types;
    final int[] prefixLengths;
    final boolean[] descending;
    final boolean hasPrefixPart;
    final String keyName; // "t.PRIMARY" as MySQL 8 prints it in 1062

    IndexLayout(TableDef table, IndexDef index, byte[] prefix) {
        this.index = index;
        this.prefix = prefix;
        List<IndexPart> parts = index.parts();
        int n = parts.size();
        columns = new int[n];
        types = new SqlType[n];
        prefixLengths = new int[n];
        descending = new boolean[n];
        boolean anyPrefix = false;
        for (int i = 0; i < n; i++) {
            IndexPart p = parts.get(i);
            columns[i] = p.column();
            types[i] = table.columns().get(p.column()).type();
            prefixLengths[i] = p.prefixLength();
            descending[i] = p.descending();
            anyPrefix |= p.prefixLength() > 0;
        }
        hasPrefixPart = anyPrefix;
        keyName = table.name() + "." + index.name();
    }

    /** Appends the parts taken from a full row. */
    void appendParts(KeyBuilder b, Object[] row) {
        for (int i = 0; i < columns.length; i++) b.append(types[i], row[columns[i]], descending[i], prefixLengths[i]);
    }

    /** Appends the leading parts given as bound values. */
    void appendBound(KeyBuilder b, List<Object> values) {
        if (values.size() > types.length) {
            throw new IllegalArgumentException("bound of " + values.size() + " values on index " + keyName + " of " + types.length + " parts");
        }
        for (int i = 0; i < values.size(); i++) b.append(types[i], values.get(i), descending[i], prefixLengths[i]);
    }

    boolean anyNull(Object[] row) {
        for (int c : columns) if (row[c] == null) return true;
        return false;
    }

    /** Offset of the primary key suffix in an entry key of this (secondary) index. */
    int skipParts(byte[] key) {
        int off = prefix.length;
        for (int i = 0; i < types.length; i++) off = KeyCodec.skip(key, off, types[i], descending[i]);
        return off;
    }

    /** The 1062 message for a row clashing on this index. */
    RuntimeException duplicate(Object[] row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) sb.append('-');
            Object v = row[columns[i]];
            String text = v == null ? "NULL" : ValueText.toText(v, types[i]);
            if (prefixLengths[i] > 0 && text.length() > prefixLengths[i]) text = text.substring(0, prefixLengths[i]);
            sb.append(text);
        }
        return dev.basalt.engine.api.ErrorCode.ER_DUP_ENTRY.error(sb.toString(), keyName);
    }

    static byte[] rowPrefix(TableDef t) { return Keyspace.tablePrefix(t.tableId()); }
}

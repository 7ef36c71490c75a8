package dev.basalt.mysql;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.ValueText;
import dev.basalt.mysql.protocol.PacketWriter;

import java.io.IOException;
import java.util.List;

/**
 * Streams a result set: column count, column definitions, an EOF unless the client negotiated
 * CLIENT_DEPRECATE_EOF, then one packet per row (text rows, or binary rows for prepared statements). The closing EOF/OK is left to the
 * caller, which only knows after the cursor is drained whether more results follow.
 */
final class ResultWriter {
    private final PacketWriter w;
    /** The client negotiated MariaDB's extended type information (see ColumnDefinitions). */
    boolean mariadbTypes;

    ResultWriter(PacketWriter w) {
        this.w = w;
    }

    /** Writes metadata and all rows. Errors from the cursor propagate after the rows sent so far. */
    void writeRows(Result.Rows rows, boolean deprecateEof, int status) throws IOException {
        writeRows(rows, deprecateEof, status, false);
    }

    /** As above; {@code binary} rows are the binary protocol's (results of COM_STMT_EXECUTE). */
    void writeRows(Result.Rows rows, boolean deprecateEof, int status, boolean binary) throws IOException {
        List<ColumnInfo> columns = rows.columns();
        int n = columns.size();
        w.begin().lenenc(n).send();
        SqlType[] types = new SqlType[n];
        for (int i = 0; i < n; i++) {
            ColumnInfo c = columns.get(i);
            types[i] = c.type();
            ColumnDefinitions.write(w, c, false, mariadbTypes);
            w.send();
        }
        if (!deprecateEof) Responses.eof(w, false, status, 0);
        try (RowCursor cursor = rows.cursor()) {
            Object[] row;
            if (binary) {
                BinaryRows encoder = new BinaryRows(w, types);
                while ((row = cursor.next()) != null) {
                    encoder.write(row);
                    w.send();
                }
            } else {
                while ((row = cursor.next()) != null) {
                    writeRow(row, types);
                }
            }
        }
    }

    private void writeRow(Object[] row, SqlType[] types) throws IOException {
        w.begin();
        for (int i = 0; i < types.length; i++) {
            writeValue(row[i], types[i]);
        }
        w.send();
    }

    /** One text-protocol value, rendered straight into the packet buffer where we can. */
    void writeValue(Object value, SqlType type) {
        if (value == null) {
            w.nullValue();
        } else if (value instanceof byte[] bytes) {
            w.lenencBytes(bytes);
        } else if (type.kind() == TypeKind.BIT && value instanceof Long bits) {
            writeBits(bits, type.length());
        } else if (value instanceof Long l && plainInteger(type)) {
            w.lenencDecimal(l);
        } else if (value instanceof String s) {
            w.lenencString(s);
        } else {
            w.lenencString(ValueText.toText(value, type));
        }
    }

    /** Integers print as plain decimals unless ZEROFILL pads them or YEAR formats them. */
    private static boolean plainInteger(SqlType type) {
        TypeKind k = type.kind();
        return k.isInteger() && k != TypeKind.YEAR && k != TypeKind.BIT && !type.zerofill();
    }

    /** BIT(M) travels as (M+7)/8 big-endian bytes, in the text protocol too. */
    private void writeBits(long bits, int width) {
        int bytes = Math.max(1, ((width > 0 ? width : 1) + 7) / 8);
        w.lenenc(bytes);
        for (int i = bytes - 1; i >= 0; i--) w.int1((int) (bits >>> (8 * i)));
    }
}

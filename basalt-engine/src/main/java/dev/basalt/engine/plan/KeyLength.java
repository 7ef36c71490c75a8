package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.types.SqlType;

/**
 * EXPLAIN's key_len and ref as MySQL computes them: the bytes of the index parts a lookup uses
 * in InnoDB's key format (fixed sizes, characters times the charset's maximum bytes, 2 length
 * bytes for variable-length strings, 1 more for a nullable part), and "const" per part bound
 * by a constant.
 */
final class KeyLength {
    private KeyLength() {}

    /** Bytes of the used parts, as text, or null for a scan that uses no part. */
    static String of(TableDef table, AccessPlanner.Access access) {
        if (access.index() == null || access.usedParts() == 0 && !access.type().equals("index")) return null;
        int parts = access.type().equals("index") ? access.index().parts().size() : access.usedParts();
        int total = 0;
        for (int i = 0; i < parts && i < access.index().parts().size(); i++) {
            IndexPart p = access.index().parts().get(i);
            if (p.column() >= table.columns().size()) return null;
            ColumnDef c = table.columns().get(p.column());
            int n = bytes(c.type(), p.prefixLength());
            if (n < 0) return null;
            total += n + (c.nullable() ? 1 : 0);
        }
        return Integer.toString(total);
    }

    /**
     * MySQL's ref column: per equality-bound part "const", the outer column a lookup reads
     * ({@code db.alias.col}) or "func"; null when no part is bound.
     */
    static String ref(AccessPlanner.Access access) {
        if (access.index() == null || access.equalityParts() == 0 || !(access.type().equals("ref")
                || access.type().equals("const") || access.type().equals("eq_ref"))) return null;
        if (access.refs() != null) return String.join(",", access.refs());
        return String.join(",", java.util.Collections.nCopies(access.equalityParts(), "const"));
    }

    private static int bytes(SqlType t, int prefix) {
        return switch (t.kind()) {
            case TINYINT, YEAR -> 1;
            case SMALLINT -> 2;
            case MEDIUMINT, DATE -> 3;
            case INT, FLOAT -> 4;
            case BIGINT, DOUBLE -> 8;
            case TIME -> 3 + fractionBytes(t.scale());
            case DATETIME -> 5 + fractionBytes(t.scale());
            case TIMESTAMP -> 4 + fractionBytes(t.scale());
            case DECIMAL -> decimalBytes(t.precision() - t.scale()) + decimalBytes(t.scale());
            case CHAR -> chars(t, prefix) * maxBytesPerChar(t);
            case VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT -> chars(t, prefix) * maxBytesPerChar(t) + 2;
            case BINARY -> chars(t, prefix);
            case VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> chars(t, prefix) + 2;
            default -> -1;
        };
    }

    private static int chars(SqlType t, int prefix) { return prefix > 0 ? prefix : Math.max(0, t.length()); }

    private static int fractionBytes(int fsp) { return fsp <= 0 ? 0 : (fsp + 1) / 2; }

    /** MySQL's packed DECIMAL: 4 bytes per 9 digits, and 1-4 bytes for the rest. */
    private static int decimalBytes(int digits) {
        int[] rest = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
        return digits / 9 * 4 + rest[digits % 9];
    }

    private static int maxBytesPerChar(SqlType t) {
        String name = t.collation() == null ? "utf8mb4" : t.collation().name();
        if (name.startsWith("latin1") || name.startsWith("ascii") || name.equals("binary")) return 1;
        if (name.startsWith("utf8mb3") || name.startsWith("utf8_")) return 3;
        if (name.startsWith("ucs2")) return 2;
        return 4;
    }
}

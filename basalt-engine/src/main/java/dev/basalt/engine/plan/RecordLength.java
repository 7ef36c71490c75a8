package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.types.SqlType;

/**
 * A table's row length as MySQL's record buffer counts it (TABLE_SHARE::reclength: each column's
 * fixed in-record size, utf8mb4 characters as 4 bytes, TEXT/BLOB as their length plus a pointer,
 * the NULL bitmap). EXPLAIN FORMAT=JSON's data_read_per_join is rows times this.
 */
final class RecordLength {
    private RecordLength() {}

    static int of(TableDef def) {
        int total = 0, nullable = 0;
        for (ColumnDef c : def.columns()) {
            total += bytes(c.type());
            if (c.nullable()) nullable++;
        }
        return total + (nullable + 7) / 8 + 1;
    }

    private static int bytes(SqlType t) {
        return switch (t.kind()) {
            case TINYINT, YEAR -> 1;
            case SMALLINT -> 2;
            case MEDIUMINT, DATE, TIME -> 3;
            case INT, FLOAT, TIMESTAMP -> 4;
            case BIGINT, DOUBLE -> 8;
            case DATETIME -> 5 + (Math.max(t.scale(), 0) + 1) / 2;
            case DECIMAL -> t.precision() / 2 + 1;
            case BIT -> (t.length() + 7) / 8;
            case ENUM -> t.values().size() > 255 ? 2 : 1;
            case SET -> Math.max(1, (t.values().size() + 7) / 8);
            case CHAR -> t.length() * 4;
            case VARCHAR -> t.length() * 4 + (t.length() * 4 > 255 ? 2 : 1);
            case BINARY -> t.length();
            case VARBINARY -> t.length() + (t.length() > 255 ? 2 : 1);
            case TINYTEXT, TINYBLOB -> 9;
            case TEXT, BLOB -> 10;
            case MEDIUMTEXT, MEDIUMBLOB -> 11;
            default -> 12; // LONGTEXT, LONGBLOB, JSON, geometries: length and pointer
        };
    }
}

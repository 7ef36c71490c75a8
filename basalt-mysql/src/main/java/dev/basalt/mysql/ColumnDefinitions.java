package dev.basalt.mysql;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.mysql.protocol.PacketWriter;

/**
 * Maps engine column metadata to MySQL's ColumnDefinition41 packet: type code, charset, display
 * length, flags and decimals, computed the way MySQL 8 reports them for utf8mb4.
 */
final class ColumnDefinitions {
    private ColumnDefinitions() {}

    // Type codes (enum_field_types).
    static final int TYPE_DECIMAL = 246, TYPE_TINY = 1, TYPE_SHORT = 2, TYPE_LONG = 3, TYPE_FLOAT = 4,
            TYPE_DOUBLE = 5, TYPE_NULL = 6, TYPE_TIMESTAMP = 7, TYPE_LONGLONG = 8, TYPE_INT24 = 9,
            TYPE_DATE = 10, TYPE_TIME = 11, TYPE_DATETIME = 12, TYPE_YEAR = 13, TYPE_BIT = 16,
            TYPE_JSON = 245, TYPE_GEOMETRY = 255, TYPE_BLOB = 252, TYPE_VAR_STRING = 253, TYPE_STRING = 254;

    // Column flags.
    static final int NOT_NULL = 1, PRI_KEY = 2, UNIQUE_KEY = 4, MULTIPLE_KEY = 8, BLOB = 16, UNSIGNED = 32,
            ZEROFILL = 64, BINARY = 128, ENUM = 256, AUTO_INCREMENT = 512, TIMESTAMP = 1024, SET = 2048,
            NO_DEFAULT_VALUE = 4096, PART_KEY = 16384, NUM = 32768;

    static final int CHARSET_BINARY = 63;
    static final int CHARSET_UTF8MB4_BIN = 46;
    static final int CHARSET_UTF8MB4_GENERAL_CI = 45;
    static final int CHARSET_UTF8MB4_0900_AI_CI = 255;
    private static final long MAX_LENGTH = 0xFFFFFFFFL;

    /** Writes one ColumnDefinition41 payload (not sent). With {@code withDefault} (COM_FIELD_LIST) a NULL default follows. */
    static void write(PacketWriter w, ColumnInfo c, boolean withDefault) {
        write(w, c, withDefault, false);
    }

    /**
     * As {@link #write(PacketWriter, ColumnInfo, boolean)}; {@code mariadbTypes} when the client
     * negotiated MariaDB's extended type information (passthrough of a MariaDB server): an empty
     * extended-info block follows the names.
     */
    static void write(PacketWriter w, ColumnInfo c, boolean withDefault, boolean mariadbTypes) {
        SqlType t = c.type();
        w.begin()
                .lenencString("def")
                .lenencString(nonNull(c.schema()))
                .lenencString(nonNull(c.table()))
                .lenencString(nonNull(c.orgTable()))
                .lenencString(nonNull(c.name()))
                .lenencString(nonNull(c.orgName()));
        if (mariadbTypes) w.lenenc(0);
        w.int1(0x0c)
                .int2(charset(t))
                .int4(length(t))
                .int1(typeCode(t.kind()))
                .int2(flags(c))
                .int1(decimals(t))
                .int2(0);
        if (withDefault) w.nullValue();
    }

    /**
     * The definition COM_STMT_PREPARE sends for each '?' (not sent): parameter types are only
     * known at execution, so like mysqld we describe them as binary VAR_STRING.
     */
    static void writeParameter(PacketWriter w) {
        w.begin()
                .lenencString("def").lenencString("").lenencString("").lenencString("")
                .lenencString("?").lenencString("")
                .int1(0x0c)
                .int2(CHARSET_BINARY)
                .int4(0)
                .int1(TYPE_VAR_STRING)
                .int2(BINARY)
                .int1(0)
                .int2(0);
    }

    static int typeCode(TypeKind kind) {
        return switch (kind) {
            case TINYINT -> TYPE_TINY;
            case SMALLINT -> TYPE_SHORT;
            case MEDIUMINT -> TYPE_INT24;
            case INT -> TYPE_LONG;
            case BIGINT -> TYPE_LONGLONG;
            case DECIMAL -> TYPE_DECIMAL;
            case FLOAT -> TYPE_FLOAT;
            case DOUBLE -> TYPE_DOUBLE;
            case BIT -> TYPE_BIT;
            case YEAR -> TYPE_YEAR;
            case DATE -> TYPE_DATE;
            case TIME -> TYPE_TIME;
            case DATETIME -> TYPE_DATETIME;
            case TIMESTAMP -> TYPE_TIMESTAMP;
            case VARCHAR, VARBINARY -> TYPE_VAR_STRING;
            case CHAR, BINARY, ENUM, SET -> TYPE_STRING;
            case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> TYPE_BLOB;
            case JSON -> TYPE_JSON;
            case GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION ->
                    TYPE_GEOMETRY;
            case NULL_TYPE -> TYPE_NULL;
            case ARRAY, INTERVAL -> TYPE_BLOB; // PostgreSQL's arrays and intervals read as their text, like LONGTEXT
        };
    }

    static int charset(SqlType t) {
        TypeKind k = t.kind();
        if (k == TypeKind.ARRAY || k == TypeKind.INTERVAL) return CHARSET_UTF8MB4_0900_AI_CI;
        if (!k.isString() || k == TypeKind.JSON) return CHARSET_BINARY;
        String name = t.collation() == null ? "" : t.collation().name();
        return switch (name) {
            case "utf8mb4_bin" -> CHARSET_UTF8MB4_BIN;
            case "utf8mb4_general_ci" -> CHARSET_UTF8MB4_GENERAL_CI;
            default -> CHARSET_UTF8MB4_0900_AI_CI;
        };
    }

    /** MySQL's column length: display width for numbers, bytes (chars * 4 for utf8mb4) for strings. */
    static long length(SqlType t) {
        boolean u = t.unsigned();
        int fsp = Math.max(t.scale(), 0);
        return switch (t.kind()) {
            case TINYINT -> intWidth(t, 4, 3);
            case SMALLINT -> intWidth(t, 6, 5);
            case MEDIUMINT -> intWidth(t, 9, 8);
            case INT -> intWidth(t, 11, 10);
            case BIGINT -> intWidth(t, 20, 20);
            case DECIMAL -> {
                int p = t.precision() > 0 ? t.precision() : 10;
                yield p + (t.scale() > 0 ? 1 : 0) + (u ? 0 : 1);
            }
            case FLOAT -> t.length() > 0 ? t.length() : 12;
            case DOUBLE -> t.length() > 0 ? t.length() : 22;
            case BIT -> t.length() > 0 ? t.length() : 1;
            case YEAR -> 4;
            case DATE -> 10;
            case TIME -> 10 + (fsp > 0 ? fsp + 1 : 0);
            case DATETIME, TIMESTAMP -> 19 + (fsp > 0 ? fsp + 1 : 0);
            case CHAR, VARCHAR -> chars(t, t.length());
            case BINARY, VARBINARY -> t.length();
            case TINYTEXT -> chars(t, 255);
            case TEXT -> chars(t, 65535);
            case MEDIUMTEXT -> chars(t, 16777215);
            case LONGTEXT, LONGBLOB, JSON, GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON,
                 GEOMETRYCOLLECTION, ARRAY, INTERVAL -> MAX_LENGTH;
            case TINYBLOB -> 255;
            case BLOB -> 65535;
            case MEDIUMBLOB -> 16777215;
            case ENUM -> {
                int longest = 0;
                for (String v : t.values()) longest = Math.max(longest, v.length());
                yield chars(t, longest);
            }
            case SET -> {
                int total = Math.max(0, t.values().size() - 1);
                for (String v : t.values()) total += v.length();
                yield chars(t, total);
            }
            case NULL_TYPE -> 0;
        };
    }

    /** An explicit display width wins, except the signed default carried over onto an UNSIGNED type. */
    private static long intWidth(SqlType t, int signedDefault, int unsignedDefault) {
        if (t.length() <= 0 || (t.unsigned() && t.length() == signedDefault)) {
            return t.unsigned() ? unsignedDefault : signedDefault;
        }
        return t.length();
    }

    private static long chars(SqlType t, long n) {
        return Math.min(MAX_LENGTH, n * (charset(t) == CHARSET_BINARY ? 1 : 4));
    }

    static int flags(ColumnInfo c) {
        SqlType t = c.type();
        TypeKind k = t.kind();
        int f = 0;
        if (!c.nullable()) f |= NOT_NULL;
        if (c.primaryKey()) f |= PRI_KEY;
        if (c.uniqueKey()) f |= UNIQUE_KEY;
        if (c.multipleKey()) f |= MULTIPLE_KEY;
        if (c.autoIncrement()) f |= AUTO_INCREMENT;
        if (c.noDefault()) f |= NO_DEFAULT_VALUE;
        if (c.partKey()) f |= PART_KEY;
        if (t.unsigned()) f |= UNSIGNED;
        if (t.zerofill()) f |= ZEROFILL;
        if (k.isNumeric() && k != TypeKind.BIT) f |= NUM;
        if (k == TypeKind.YEAR) f |= UNSIGNED | ZEROFILL;
        if (k == TypeKind.BIT) f |= UNSIGNED;
        if (k.isLob()) f |= BLOB;
        if (k == TypeKind.ENUM) f |= ENUM;
        if (k == TypeKind.SET) f |= SET;
        if (k == TypeKind.TIMESTAMP) f |= TIMESTAMP;
        if (k != TypeKind.NULL_TYPE && charset(t) != CHARSET_UTF8MB4_0900_AI_CI && charset(t) != CHARSET_UTF8MB4_GENERAL_CI
                && !storedNumber(c)) {
            f |= BINARY; // binary data, computed numbers, temporals and _bin collations
        }
        return f;
    }

    /**
     * A table's numeric, BIT or YEAR column, or a set operation's temporary-table field: mysqld's
     * numeric fields carry no BINARY flag (only its expressions, binary strings and temporals do), so e.g. a YEAR column reads UNSIGNED ZEROFILL NUM.
     */
    private static boolean storedNumber(ColumnInfo c) {
        TypeKind k = c.type().kind();
        // a set operation's temporary-table field (UNION DISTINCT) is stored too, though nameless
        return (k.isNumeric() || k == TypeKind.BIT) && (c.materialized() || c.orgName() != null && !c.orgName().isEmpty());
    }

    static int decimals(SqlType t) {
        return switch (t.kind()) {
            case DECIMAL -> Math.max(t.scale(), 0);
            case FLOAT, DOUBLE -> t.scale() < 0 ? 0x1f : t.scale();
            case TIME, DATETIME, TIMESTAMP -> Math.max(t.scale(), 0);
            default -> 0;
        };
    }

    private static String nonNull(String s) { return s == null ? "" : s; }
}

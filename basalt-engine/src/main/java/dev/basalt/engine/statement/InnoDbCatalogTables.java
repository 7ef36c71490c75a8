package dev.basalt.engine.statement;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.List;

/**
 * information_schema.INNODB_TABLES and INNODB_COLUMNS as MySQL 8.0 shows them for tables in
 * InnoDB's Dynamic row format, one file per table. GUI tools (MySQL Workbench, DBeaver) read them
 * for table ids, row formats and column layouts. Basalt's storage is not InnoDB: the figures are
 * the ones InnoDB would report for the same definitions (type codes of its data dictionary, the
 * stored lengths of each type), the table and tablespace id is Basalt's table id.
 */
final class InnoDbCatalogTables {
    private InnoDbCatalogTables() {}

    private static final SqlType UINT = new SqlType(TypeKind.INT, 10, 0, 0, true, false, List.of(), null);
    private static final SqlType UBIGINT = SqlType.BIGINT_UNSIGNED;

    static final Object[] TABLES_COLUMNS = {
            "TABLE_ID", UBIGINT, "NAME", SqlType.varchar(655), "FLAG", SqlType.INT, "N_COLS", SqlType.INT,
            "SPACE", UBIGINT, "ROW_FORMAT", SqlType.varchar(12), "ZIP_PAGE_SIZE", UINT, "SPACE_TYPE", SqlType.varchar(10),
            "INSTANT_COLS", SqlType.INT, "TOTAL_ROW_VERSIONS", SqlType.INT};

    static final Object[] COLUMNS_COLUMNS = {
            "TABLE_ID", UBIGINT, "NAME", SqlType.varchar(193), "POS", UBIGINT, "MTYPE", SqlType.INT,
            "PRTYPE", SqlType.INT, "LEN", SqlType.INT, "HAS_DEFAULT", SqlType.INT, "DEFAULT_VALUE", SqlType.LONGTEXT};

    /** DICT_TF_COMPACT | DICT_TF_ATOMIC_BLOBS: the flags of a Dynamic table. */
    private static final long DYNAMIC_FLAG = 33;
    /** DB_ROW_ID, DB_TRX_ID and DB_ROLL_PTR, counted in N_COLS. */
    private static final int SYSTEM_COLUMNS = 3;

    // InnoDB main types (data0type.h)
    private static final long FIXBINARY = 3, BINARY = 4, BLOB = 5, INT = 6, FLOAT = 9, DOUBLE = 10,
            VARMYSQL = 12, MYSQL = 13, GEOMETRY = 14;
    /** my_charset_numeric (latin1), the charset mysqld gives numbers and temporals InnoDB stores as bytes (DECIMAL, DATETIME). */
    private static final int NUMERIC_CHARSET = 8;
    // precise-type flags
    private static final long NOT_NULL = 256, UNSIGNED = 512, BINARY_TYPE = 1024, LONG_TRUE_VARCHAR = 4096;

    static Object[] tableRow(TableDef t) {
        return new Object[]{(long) t.tableId(), t.database() + "/" + t.name(), DYNAMIC_FLAG,
                (long) t.columns().size() + SYSTEM_COLUMNS, (long) t.tableId(), "Dynamic", 0L, "Single", 0L, 0L};
    }

    static void columnRows(TableDef t, List<Object[]> rows) {
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnDef c = t.columns().get(i);
            SqlType type = c.type();
            long mtype = mainType(type);
            long prtype = mysqlType(type.kind()) | (c.nullable() ? 0 : NOT_NULL) | (type.unsigned() ? UNSIGNED : 0);
            boolean string = mtype <= BLOB || mtype == VARMYSQL || mtype == MYSQL;
            boolean numeric = type.kind() != TypeKind.BIT && (type.kind().isNumeric() || type.kind().isTemporal());
            int charset = !string ? 0 : numeric ? NUMERIC_CHARSET : collationId(type);
            boolean enumLike = type.kind() == TypeKind.ENUM || type.kind() == TypeKind.SET;
            if (collationId(type) == 63 && !enumLike) prtype |= BINARY_TYPE; // binary strings, numbers, temporals
            if ((type.kind() == TypeKind.VARCHAR || type.kind() == TypeKind.VARBINARY) && length(type) > 255) {
                prtype |= LONG_TRUE_VARCHAR;
            }
            prtype |= (long) charset << 16;
            rows.add(new Object[]{(long) t.tableId(), c.name(), (long) i, mtype, prtype, length(type), 0L, null});
        }
    }

    private static long mainType(SqlType t) {
        boolean binary = collationId(t) == 63;
        return switch (t.kind()) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, YEAR, ENUM, SET -> INT;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case DECIMAL, BIT, DATE, TIME, DATETIME, TIMESTAMP, BINARY -> FIXBINARY;
            case VARBINARY -> BINARY;
            case CHAR -> binary ? FIXBINARY : MYSQL;
            case VARCHAR -> binary ? BINARY : VARMYSQL;
            case GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION -> GEOMETRY;
            default -> BLOB; // TEXT, BLOB, JSON
        };
    }

    /** The MySQL field type InnoDB keeps in the low byte of PRTYPE (the storage types: VARCHAR 15, DATETIME2 18...). */
    private static long mysqlType(TypeKind k) {
        return switch (k) {
            case TINYINT -> 1;
            case SMALLINT -> 2;
            case INT -> 3;
            case FLOAT -> 4;
            case DOUBLE -> 5;
            case BIGINT -> 8;
            case MEDIUMINT -> 9;
            case YEAR -> 13;
            case DATE -> 14;
            case VARCHAR, VARBINARY -> 15;
            case BIT -> 16;
            case TIMESTAMP -> 17;
            case DATETIME -> 18;
            case TIME -> 19;
            case JSON -> 245;
            case DECIMAL -> 246;
            case ENUM -> 247;
            case SET -> 248;
            case CHAR, BINARY -> 254;
            case GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION -> 255;
            default -> 252; // TEXT and BLOB
        };
    }

    private static int collationId(SqlType t) {
        TypeKind k = t.kind();
        if (!k.isString() || k == TypeKind.JSON || k == TypeKind.ENUM || k == TypeKind.SET) return 63;
        String name = t.collation() == null ? "" : t.collation().name();
        return switch (name) {
            case "utf8mb4_bin" -> 46;
            case "utf8mb4_general_ci" -> 45;
            case "binary" -> 63;
            default -> 255;
        };
    }

    /** Bytes InnoDB reserves for the column (its pack length; utf8mb4 strings count 4 bytes a character). */
    private static long length(SqlType t) {
        int fsp = Math.max(0, t.scale());
        return switch (t.kind()) {
            case TINYINT, YEAR -> 1;
            case SMALLINT -> 2;
            case MEDIUMINT, DATE -> 3;
            case INT, FLOAT -> 4;
            case BIGINT, DOUBLE -> 8;
            case TIME -> 3 + (fsp + 1) / 2;
            case DATETIME -> 5 + (fsp + 1) / 2;
            case TIMESTAMP -> 4 + (fsp + 1) / 2;
            case DECIMAL -> decimalBytes(t.precision() > 0 ? t.precision() : 10, Math.max(0, t.scale()));
            case BIT -> (Math.max(1, t.length()) + 7) / 8;
            case CHAR, VARCHAR -> (long) Math.max(0, t.length()) * (collationId(t) == 63 ? 1 : 4);
            case BINARY, VARBINARY -> Math.max(0, t.length());
            case ENUM -> t.values().size() < 256 ? 1 : 2;
            case SET -> (t.values().size() + 7) / 8 > 4 ? 8 : (t.values().size() + 7) / 8;
            case TINYTEXT, TINYBLOB -> 9;
            case TEXT, BLOB -> 10;
            case MEDIUMTEXT, MEDIUMBLOB -> 11;
            default -> 12; // LONGTEXT, LONGBLOB, JSON, geometry
        };
    }

    /** The binary size of DECIMAL(p,s): 4 bytes per 9 digits on each side of the point, fewer for the rest. */
    private static long decimalBytes(int precision, int scale) {
        int[] partial = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
        int intg = precision - scale;
        return (intg / 9) * 4L + partial[intg % 9] + (scale / 9) * 4L + partial[scale % 9];
    }
}

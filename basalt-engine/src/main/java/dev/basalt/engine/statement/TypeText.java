package dev.basalt.engine.statement;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DefaultValue;
import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.ValueText;

import java.util.Locale;

/** How MySQL 8 spells column types and defaults in SHOW CREATE TABLE, DESCRIBE and information_schema. */
final class TypeText {
    private TypeText() {}

    /** DATA_TYPE: the bare type name, lower case. */
    static String dataType(SqlType t) {
        if (t.kind().isSpatial()) return dev.basalt.engine.spatial.SpatialTypes.typeName(t.kind());
        return t.kind().name().toLowerCase(Locale.ROOT);
    }

    /** COLUMN_TYPE: e.g. int, int unsigned, tinyint(1), varchar(20), decimal(10,2), enum('a','b'). */
    static String columnType(SqlType t) {
        String base = dataType(t);
        String s = switch (t.kind()) {
            case TINYINT -> t.length() == 1 ? "tinyint(1)" : base;
            case SMALLINT, MEDIUMINT, INT, BIGINT -> t.zerofill() ? base + "(" + t.length() + ")" : base;
            case DECIMAL -> "decimal(" + t.precision() + "," + t.scale() + ")";
            case FLOAT, DOUBLE -> t.precision() > 0 && t.scale() >= 0 ? base + "(" + t.precision() + "," + t.scale() + ")" : base;
            case BIT -> "bit(" + Math.max(1, t.length()) + ")";
            case YEAR -> "year";
            case CHAR, VARCHAR, BINARY, VARBINARY -> base + "(" + t.length() + ")";
            case TIME, DATETIME, TIMESTAMP -> t.scale() > 0 ? base + "(" + t.scale() + ")" : base;
            case ARRAY -> "array(" + t.arrayElement().pgName() + ")";
            case ENUM, SET -> {
                StringBuilder b = new StringBuilder(base).append('(');
                for (int i = 0; i < t.values().size(); i++) {
                    if (i > 0) b.append(',');
                    b.append('\'').append(t.values().get(i).replace("'", "''")).append('\'');
                }
                yield b.append(')').toString();
            }
            default -> base;
        };
        if (t.unsigned()) s += " unsigned";
        if (t.zerofill()) s += " zerofill";
        return s;
    }

    static String charset(SqlType t) {
        if (!t.kind().isString() || t.kind() == TypeKind.JSON) return null;
        return "utf8mb4";
    }

    static String collation(SqlType t) {
        if (!t.kind().isString() || t.kind() == TypeKind.JSON) return null;
        return t.collation() == null ? Collation.DEFAULT.name() : t.collation().name();
    }

    /** Maximum length in characters (CHARACTER_MAXIMUM_LENGTH). */
    static Long maxChars(SqlType t) {
        return switch (t.kind()) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> (long) t.length();
            case TINYTEXT, TINYBLOB -> 255L;
            case TEXT, BLOB -> 65535L;
            case MEDIUMTEXT, MEDIUMBLOB -> 16777215L;
            case LONGTEXT, LONGBLOB, JSON -> 4294967295L;
            case GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION -> null;
            case ENUM, SET -> {
                long m = 0;
                for (String v : t.values()) m = t.kind() == TypeKind.SET ? m + v.length() + 1 : Math.max(m, v.length());
                yield m;
            }
            default -> null;
        };
    }

    /** The DEFAULT value as information_schema / DESCRIBE show it (text), or null. */
    static String defaultText(ColumnDef c) {
        return defaultText(c, null);
    }

    /** As {@link #defaultText(ColumnDef)}, naming the columns an expression default reads as {@code table} defines them. */
    static String defaultText(ColumnDef c, dev.basalt.engine.catalog.TableDef table) {
        return switch (c.defaultValue()) {
            case DefaultValue.None n -> null;
            case DefaultValue.Literal l -> l.value() == null ? null : ValueText.toText(l.value(), c.type());
            case DefaultValue.CurrentTimestamp ts -> ts.fsp() > 0 ? "CURRENT_TIMESTAMP(" + ts.fsp() + ")" : "CURRENT_TIMESTAMP";
            case DefaultValue.Expression e -> dev.basalt.engine.constraint.MysqlExpressionPrinter.columnDefault(e.sql(), table);
        };
    }

    /** EXTRA column of DESCRIBE / information_schema.COLUMNS. */
    static String extra(ColumnDef c) {
        StringBuilder b = new StringBuilder();
        if (c.autoIncrement()) b.append("auto_increment");
        if (c.isGenerated()) b.append(c.generated().stored() ? "STORED GENERATED" : "VIRTUAL GENERATED");
        if (c.defaultValue() instanceof DefaultValue.CurrentTimestamp || c.defaultValue() instanceof DefaultValue.Expression) {
            b.append("DEFAULT_GENERATED");
        }
        if (c.onUpdateCurrentTimestamp()) {
            if (!b.isEmpty()) b.append(' ');
            b.append("on update CURRENT_TIMESTAMP");
        }
        return b.toString();
    }

    static String quoteIdent(String s) { return "`" + s.replace("`", "``") + "`"; }

    static String quoteString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}

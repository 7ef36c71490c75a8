package dev.basalt.engine.catalog;

import dev.basalt.engine.types.SqlType;

/**
 * One column of a table. Column names compare case-insensitively, as in MySQL.
 * {@code generated} is null for an ordinary column.
 */
public record ColumnDef(String name, SqlType type, boolean nullable, DefaultValue defaultValue,
                        boolean autoIncrement, boolean onUpdateCurrentTimestamp, String comment, Generated generated) {

    /**
     * {@code GENERATED ALWAYS AS (sql) VIRTUAL | STORED}. Both kinds are computed when a row is
     * written and kept in the row (so both can be indexed); VIRTUAL only changes how the column
     * is shown.
     */
    public record Generated(String sql, boolean stored) {}

    public ColumnDef {
        if (defaultValue == null) defaultValue = DefaultValue.NONE;
        if (comment == null) comment = "";
    }

    /** An ordinary (not generated) column. */
    public ColumnDef(String name, SqlType type, boolean nullable, DefaultValue defaultValue,
                     boolean autoIncrement, boolean onUpdateCurrentTimestamp, String comment) {
        this(name, type, nullable, defaultValue, autoIncrement, onUpdateCurrentTimestamp, comment, null);
    }

    public boolean isGenerated() { return generated != null; }

    public ColumnDef withGenerated(Generated g) { return new ColumnDef(name, type, nullable, defaultValue, autoIncrement, onUpdateCurrentTimestamp, comment, g); }

    public static ColumnDef of(String name, SqlType type, boolean nullable) {
        return new ColumnDef(name, type, nullable, DefaultValue.NONE, false, false, "");
    }

    public ColumnDef withName(String n) { return new ColumnDef(n, type, nullable, defaultValue, autoIncrement, onUpdateCurrentTimestamp, comment, generated); }

    public ColumnDef withNullable(boolean n) { return new ColumnDef(name, type, n, defaultValue, autoIncrement, onUpdateCurrentTimestamp, comment, generated); }

    public ColumnDef withAutoIncrement(boolean a) { return new ColumnDef(name, type, nullable, defaultValue, a, onUpdateCurrentTimestamp, comment, generated); }

    public ColumnDef withDefault(DefaultValue d) { return new ColumnDef(name, type, nullable, d, autoIncrement, onUpdateCurrentTimestamp, comment, generated); }

    /**
     * The value a row stored before this column existed takes: the literal default, else for a
     * NOT NULL column the type's implicit default (0, '', first ENUM member), else NULL.
     * (An ADD COLUMN with a non-constant default rewrites the rows instead.)
     */
    public Object storedDefault() {
        if (defaultValue instanceof DefaultValue.Literal l) return l.value();
        return nullable ? null : implicitDefault(type);
    }

    /** MySQL's implicit default of a NOT NULL column without DEFAULT (null where Java cannot express it). */
    public static Object implicitDefault(SqlType type) {
        var k = type.kind();
        if (k.isInteger()) return 0L;
        return switch (k) {
            case DECIMAL -> java.math.BigDecimal.ZERO.setScale(Math.max(0, type.scale()));
            case FLOAT, DOUBLE -> 0.0;
            case ENUM -> type.values().isEmpty() ? "" : type.values().getFirst();
            case CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, SET -> "";
            case BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> new byte[0];
            case TIME -> java.time.Duration.ZERO;
            default -> null;
        };
    }
}

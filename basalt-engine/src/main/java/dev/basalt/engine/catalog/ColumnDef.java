package dev.basalt.engine.catalog;

import dev.basalt.engine.types.SqlType;

/** One column of a table. Column names compare case-insensitively, as in MySQL. */
public record ColumnDef(String name, SqlType type, boolean nullable, DefaultValue defaultValue,
                        boolean autoIncrement, boolean onUpdateCurrentTimestamp, String comment) {

    public ColumnDef {
        if (defaultValue == null) defaultValue = DefaultValue.NONE;
        if (comment == null) comment = "";
    }

    public static ColumnDef of(String name, SqlType type, boolean nullable) {
        return new ColumnDef(name, type, nullable, DefaultValue.NONE, false, false, "");
    }

    public ColumnDef withName(String n) { return new ColumnDef(n, type, nullable, defaultValue, autoIncrement, onUpdateCurrentTimestamp, comment); }

    public ColumnDef withNullable(boolean n) { return new ColumnDef(name, type, n, defaultValue, autoIncrement, onUpdateCurrentTimestamp, comment); }

    public ColumnDef withAutoIncrement(boolean a) { return new ColumnDef(name, type, nullable, defaultValue, a, onUpdateCurrentTimestamp, comment); }

    public ColumnDef withDefault(DefaultValue d) { return new ColumnDef(name, type, nullable, d, autoIncrement, onUpdateCurrentTimestamp, comment); }

    /**
     * The value a row stored before this column existed takes: the literal default, else NULL.
     * (An ADD COLUMN with a non-constant default rewrites the rows instead.)
     */
    public Object storedDefault() { return defaultValue instanceof DefaultValue.Literal l ? l.value() : null; }
}

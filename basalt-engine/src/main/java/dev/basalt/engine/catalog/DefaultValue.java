package dev.basalt.engine.catalog;

/** A column's DEFAULT clause. */
public sealed interface DefaultValue {

    /** No DEFAULT clause: NULL for nullable columns, else "Field doesn't have a default value". */
    record None() implements DefaultValue {}

    /** A constant, already converted to the column type's Java value (null = DEFAULT NULL). */
    record Literal(Object value) implements DefaultValue {}

    /** DEFAULT CURRENT_TIMESTAMP[(fsp)] / NOW(). */
    record CurrentTimestamp(int fsp) implements DefaultValue {}

    /** DEFAULT (expr): the expression's SQL text, evaluated per insert by the executor. */
    record Expression(String sql) implements DefaultValue {}

    DefaultValue NONE = new None();

    static DefaultValue literal(Object value) { return new Literal(value); }
}

package dev.basalt.sql.ast;

/**
 * A column reference {@code c}, {@code t.c} or {@code db.t.c}. Also used for bare words in SET values
 * (e.g. {@code SET sql_mode = TRADITIONAL} or {@code SET autocommit = ON}): the engine reads such a
 * ColumnRef without qualifier as the word itself.
 * @param schema null unless written as db.t.c
 * @param table null unless qualified
 * @param column the column name
 */
public record ColumnRef(String schema, String table, String column) implements Expression {
    public static ColumnRef of(String column) {
        return new ColumnRef(null, null, column);
    }
}

package dev.basalt.sql.ast;

/**
 * {@code *}, {@code t.*} or {@code db.t.*}.
 * @param table null for a bare star
 */
public record AllColumns(String schema, String table) implements SelectItem {
}

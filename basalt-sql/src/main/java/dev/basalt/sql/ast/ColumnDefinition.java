package dev.basalt.sql.ast;

import java.util.List;

/**
 * A column definition. Attributes may come in any order; REFERENCES, COLUMN_FORMAT, STORAGE, SRID,
 * VISIBLE are accepted and dropped.
 * @param nullable TRUE for NULL, FALSE for NOT NULL, null when not written
 * @param defaultValue DEFAULT literal / (expr) / CURRENT_TIMESTAMP ({@link FunctionCall}), a
 * {@link NullLiteral} for DEFAULT NULL, null when not written
 * @param defaultText the source text of a parenthesised DEFAULT (expr), null otherwise
 * @param onUpdate ON UPDATE CURRENT_TIMESTAMP[(n)] as a {@link FunctionCall}, or null
 * @param primaryKey [PRIMARY] KEY on the column
 * @param unique UNIQUE [KEY] on the column
 * @param comment COMMENT, or null
 * @param generated null for an ordinary column
 * @param checks column CHECK constraints
 */
public record ColumnDefinition(String name, DataType type, Boolean nullable, Expression defaultValue, String defaultText, Expression onUpdate,
        boolean autoIncrement, boolean primaryKey, boolean unique, String comment, boolean invisible,
        GeneratedColumn generated, List<CheckConstraint> checks) implements TableElement {
}

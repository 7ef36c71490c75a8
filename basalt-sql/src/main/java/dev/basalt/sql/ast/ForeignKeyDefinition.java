package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code [CONSTRAINT [name]] FOREIGN KEY [index] (cols) REFERENCES t (cols) [ON DELETE a] [ON UPDATE a]}.
 * @param onDelete null when not written
 * @param onUpdate null when not written
 */
public record ForeignKeyDefinition(String constraintName, String indexName, List<String> columns, QualifiedName referencedTable,
        List<String> referencedColumns, ReferentialAction onDelete, ReferentialAction onUpdate) implements TableElement {
}

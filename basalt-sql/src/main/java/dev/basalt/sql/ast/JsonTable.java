package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code JSON_TABLE(document, 'path' COLUMNS (...)) [AS] alias} in FROM: one row per value the
 * path selects in the document. The document may refer to tables to its left in the same FROM.
 */
public record JsonTable(Expression document, String path, List<JsonTableColumn> columns, String alias) implements TableRef {
}

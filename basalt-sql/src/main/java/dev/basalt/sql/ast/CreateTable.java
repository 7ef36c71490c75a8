package dev.basalt.sql.ast;

import java.util.List;

/**
 * CREATE [TEMPORARY] TABLE [IF NOT EXISTS]: with a body, {@code LIKE other}, or {@code [(body)] [IGNORE|REPLACE] [AS] query}.
 * @param partitioning PARTITION BY ..., or null
 * @param elements empty for LIKE, possibly empty for AS query
 * @param like the source table of CREATE TABLE ... LIKE, or null
 * @param asQuery the query of CREATE TABLE ... SELECT, or null
 */
public record CreateTable(QualifiedName name, boolean temporary, boolean ifNotExists, List<TableElement> elements,
        TableOptions options, QualifiedName like, Query asQuery, OnDuplicate onDuplicate,
        PartitionSpec partitioning) implements Statement {
    /** A table without partitioning. */
    public CreateTable(QualifiedName name, boolean temporary, boolean ifNotExists, List<TableElement> elements,
            TableOptions options, QualifiedName like, Query asQuery, OnDuplicate onDuplicate) {
        this(name, temporary, ifNotExists, elements, options, like, asQuery, onDuplicate, null);
    }

    public enum OnDuplicate { ERROR, IGNORE, REPLACE }
}

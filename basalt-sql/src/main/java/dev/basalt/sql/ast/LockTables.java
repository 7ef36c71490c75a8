package dev.basalt.sql.ast;

import java.util.List;

/**
 * LOCK TABLES | TABLE t [[AS] a] READ [LOCAL] | [LOW_PRIORITY] WRITE, ...
 */
public record LockTables(List<TableLock> locks) implements Statement {
    public record TableLock(QualifiedName table, String alias, boolean write) {
    }
}

package dev.basalt.sql.ast;

import java.util.List;

/**
 * FLUSH ... . text is the source text. The parser reads the one form that changes locking,
 * {@code FLUSH [NO_WRITE_TO_BINLOG | LOCAL] TABLES [t, ...] {WITH READ LOCK | FOR EXPORT}}:
 * then readLock is true and tables lists the named tables (empty: the global read lock). Every
 * other form keeps readLock false.
 */
public record Flush(String text, List<QualifiedName> tables, boolean readLock) implements Statement {
    public Flush(String text) {
        this(text, List.of(), false);
    }
}

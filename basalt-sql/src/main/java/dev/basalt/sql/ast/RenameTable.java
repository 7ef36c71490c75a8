package dev.basalt.sql.ast;

import java.util.List;

/**
 * RENAME TABLE a TO b [, c TO d ...].
 */
public record RenameTable(List<Pair> renames) implements Statement {
    public record Pair(QualifiedName from, QualifiedName to) {
    }
}

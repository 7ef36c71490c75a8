package dev.basalt.sql.ast;

import java.util.List;

/**
 * ALTER TABLE t action [, action ...].
 */
public record AlterTable(QualifiedName name, List<AlterAction> actions) implements Statement {
}

package dev.basalt.sql.ast;

import java.util.List;

/**
 * DROP VIEW [IF EXISTS] v, ....
 */
public record DropView(List<QualifiedName> names, boolean ifExists) implements Statement {
}

package dev.basalt.sql.ast;

/**
 * A system variable {@code @@name}, {@code @@session.name}, {@code @@global.name}, or a SET target.
 */
public record SystemVariable(VariableScope scope, String name) implements Variable {
}

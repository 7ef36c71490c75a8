package dev.basalt.sql.ast;

/**
 * A user variable {@code @name} (quotes removed).
 */
public record UserVariable(String name) implements Variable {
}

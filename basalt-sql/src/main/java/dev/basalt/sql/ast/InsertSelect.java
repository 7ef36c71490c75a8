package dev.basalt.sql.ast;

/**
 * {@code INSERT ... SELECT ...}.
 */
public record InsertSelect(Query query) implements InsertSource {
}

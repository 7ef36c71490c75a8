package dev.basalt.sql.ast;

/**
 * {@code TRIM([[BOTH|LEADING|TRAILING] [remove] FROM] source)}.
 * @param remove the string to remove, null for spaces
 */
public record Trim(Mode mode, Expression remove, Expression source) implements Expression {
    public enum Mode { BOTH, LEADING, TRAILING }
}

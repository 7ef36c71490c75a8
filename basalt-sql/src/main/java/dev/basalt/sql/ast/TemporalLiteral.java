package dev.basalt.sql.ast;

/**
 * A typed temporal literal {@code DATE 'x'}, {@code TIME 'x'}, {@code TIMESTAMP 'x'}; the engine validates the text.
 */
public record TemporalLiteral(TemporalKind kind, String value) implements Expression {
}

package dev.basalt.sql.ast;

/**
 * {@code x op ANY|SOME|ALL (subquery)}; SOME is reported as ANY.
 */
public record QuantifiedComparison(Expression left, BinaryOperator operator, Quantifier quantifier, Query query) implements Expression {
    public enum Quantifier { ANY, ALL }
}

package dev.basalt.sql.ast;

/**
 * {@code x IS [NOT] NULL | TRUE | FALSE | UNKNOWN}.
 */
public record IsTest(Expression operand, Kind kind, boolean negated) implements Expression {
    public enum Kind { NULL, TRUE, FALSE, UNKNOWN }
}

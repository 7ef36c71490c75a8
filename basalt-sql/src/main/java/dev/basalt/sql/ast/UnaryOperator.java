package dev.basalt.sql.ast;

/**
 * A prefix operator: {@code -x}, {@code ~x}, {@code NOT x} / {@code !x} (same meaning, different precedence). Unary plus is dropped by the parser.
 */
public enum UnaryOperator {
    NEGATE, BIT_NOT, NOT
}

package dev.basalt.sql.ast;

/**
 * How a numeric literal was written: INTEGER ({@code 123}), DECIMAL (has a point: {@code 1.5}, {@code .5}),
 * APPROX (has an exponent: {@code 1e3}). The engine types it by MySQL's rules (an INTEGER that overflows
 * BIGINT becomes DECIMAL, and so on).
 */
public enum NumberKind {
    INTEGER, DECIMAL, APPROX
}

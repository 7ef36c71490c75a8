package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code (a, b)} or {@code ROW(a, b)}: a row value with two or more items (ROW(a) may have one).
 */
public record RowConstructor(List<Expression> items) implements Expression {
}

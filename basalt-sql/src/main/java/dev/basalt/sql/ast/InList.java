package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code x [NOT] IN (v1, v2, ...)}; operand and values may be {@link RowConstructor}s.
 */
public record InList(Expression operand, List<Expression> values, boolean negated) implements Expression {
}

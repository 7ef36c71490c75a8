package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code CASE [operand] WHEN .. THEN .. [ELSE ..] END}.
 * @param operand the value of a simple CASE, null for a searched CASE
 * @param elseResult null when there is no ELSE
 */
public record Case(Expression operand, List<WhenClause> whens, Expression elseResult) implements Expression {
}

package dev.basalt.engine.session;

import dev.basalt.engine.plan.AstWalker;
import dev.basalt.sql.ast.Assignment;
import dev.basalt.sql.ast.Delete;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Insert;
import dev.basalt.sql.ast.InsertSelect;
import dev.basalt.sql.ast.InsertSet;
import dev.basalt.sql.ast.InsertValues;
import dev.basalt.sql.ast.Parameter;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.Select;
import dev.basalt.sql.ast.SetOperation;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.ast.Update;

import java.util.BitSet;
import java.util.List;

/**
 * Which placeholders of a parameterised text statement stand where a literal is only a value, so
 * that binding the literal as a parameter value means the same statement (see {@link TextPlanCache}):
 * WHERE and HAVING (of the statement and of the subqueries inside them), INSERT's VALUES and SET,
 * UPDATE's SET, ON DUPLICATE KEY UPDATE. Everything else keeps its literals as written: the select
 * list (a literal there names and types a result column), GROUP BY / ORDER BY (an integer is a
 * column position), LIMIT, FROM (derived tables, join conditions), window and locking clauses.
 */
final class ValuePositions {
    private ValuePositions() {}

    /** The placeholder indexes in value positions, or null when the statement is not one the cache serves. */
    static BitSet of(Statement st) {
        BitSet values = new BitSet();
        switch (st) {
            case Select s -> select(s, values);
            case SetOperation u -> query(u, values);
            case Insert i -> {
                switch (i.source()) {
                    case InsertValues v -> {
                        for (List<Expression> row : v.rows()) for (Expression e : row) expression(e, values);
                    }
                    case InsertSet set -> assignments(set.assignments(), values);
                    case InsertSelect q -> query(q.query(), values);
                }
                assignments(i.onDuplicateKeyUpdate(), values);
            }
            case Update u -> {
                assignments(u.assignments(), values);
                expression(u.where(), values);
            }
            case Delete d -> expression(d.where(), values);
            default -> {
                return null;
            }
        }
        return values;
    }

    private static void query(Query q, BitSet values) {
        switch (q) {
            case Select s -> select(s, values);
            case SetOperation u -> {
                query(u.left(), values);
                query(u.right(), values);
            }
            default -> { } // WITH: left as written
        }
    }

    private static void select(Select s, BitSet values) {
        expression(s.where(), values);
        expression(s.having(), values);
    }

    private static void assignments(List<Assignment> assignments, BitSet values) {
        if (assignments == null) return;
        for (Assignment a : assignments) expression(a.value(), values);
    }

    /** Every placeholder of the expression, and those in the value positions of its subqueries. */
    private static void expression(Expression e, BitSet values) {
        if (e == null) return;
        AstWalker.any(e, node -> {
            if (node instanceof Parameter p) values.set(p.index());
            else if (node instanceof Query q) query(q, values);
            return false;
        }, node -> node instanceof Query);
    }
}

package dev.basalt.engine.expr;

import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;

import java.util.List;

/** e COLLATE c: same value, another collation for comparisons and grouping. */
public record Collate(Expr operand, Collation collation) implements Expr {

    @Override public SqlType type() { return operand.type().withCollation(collation); }

    @Override public boolean nullable() { return operand.nullable(); }

    @Override public Object eval(EvalContext ctx, Object[] row) { return operand.eval(ctx, row); }

    @Override public List<Expr> children() { return List.of(operand); }

    @Override public Expr withChildren(List<Expr> c) { return new Collate(c.get(0), collation); }

    @Override public String toString() { return operand + " collate " + collation.name(); }
}

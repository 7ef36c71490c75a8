package dev.basalt.engine.plan;

import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.expr.Expr;

import java.util.List;

/**
 * One input of a join: a base table, a derived table, or an outer-join subtree planned as a unit.
 * Given the conjuncts that only reference its own columns (indexed from 0 within the relation),
 * it builds an operator returning exactly the rows that satisfy them.
 */
interface Relation {

    List<PlanColumn> columns();

    /** Rough row count after applying these conjuncts, for join ordering. */
    double estimate(List<Expr> localConjuncts);

    Operator build(List<Expr> localConjuncts);
}

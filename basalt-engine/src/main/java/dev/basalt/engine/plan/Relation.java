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

    /** Rows a plain read under these conjuncts goes through (a full scan reads every row), for join costs. */
    default double readCost(List<Expr> localConjuncts) { return estimate(localConjuncts); }

    /**
     * Rows one index lookup reads when {@code probe} (the local conjuncts plus equalities of key
     * columns with an outer row's values) can seek an index; -1 when it cannot (a hash join then).
     */
    default double lookupRows(List<Expr> probe) { return -1; }

    /** Distinct values of a column (relation-local index), when an index tells; -1 when unknown. */
    default double distinct(int column) { return -1; }
}

package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;

import java.util.List;

/**
 * A bound expression: typed, resolved at build time, evaluated per row.
 * Rows are {@code Object[]} holding values in the Java mapping documented on
 * {@link dev.basalt.engine.types.TypeKind}; SQL booleans are {@code Long} 1/0 or null.
 *
 * <p>The planner introspects the node kinds that matter for index ranges and pushdown
 * ({@link ColumnRef}, {@link Literal}, {@link Comparison}, {@link And}, {@link Or}, {@link Not},
 * {@link InList}, {@link Between}, {@link IsNull}, {@link Like}); every other node is opaque but
 * can still be walked and rebuilt through {@link #children()} / {@link #withChildren(List)}.
 */
public interface Expr {

    SqlType type();

    boolean nullable();

    /** Evaluates on one row (the row may be null for constant expressions). */
    Object eval(EvalContext ctx, Object[] row);

    /** SQL truth of the value: non-null and non-zero. The filter path. */
    default boolean test(EvalContext ctx, Object[] row) {
        return Coercion.isTrue(eval(ctx, row));
    }

    /** Direct sub-expressions, in evaluation order. */
    default List<Expr> children() { return List.of(); }

    /**
     * The same node over new children (same count and order as {@link #children()}), for column
     * remapping and rewrites. Leaves return themselves.
     */
    default Expr withChildren(List<Expr> children) {
        if (children.isEmpty()) return this;
        throw new UnsupportedOperationException(getClass().getSimpleName() + ".withChildren");
    }

    /** Same result for every call within a statement (false for RAND(), UUID(), SLEEP()...). */
    default boolean isDeterministic() { return true; }

    /**
     * Independent of the row and deterministic within a statement, so it may be evaluated once
     * (with a null row) e.g. to build an index range. NOW() is constant; RAND() and @var are not.
     */
    default boolean isConstant() {
        if (!isDeterministic()) return false;
        for (Expr c : children()) if (!c.isConstant()) return false;
        return true;
    }
}

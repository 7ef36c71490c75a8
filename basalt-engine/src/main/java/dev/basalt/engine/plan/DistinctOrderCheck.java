package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.sql.ast.AggregateCall;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.WindowFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * sql_mode ONLY_FULL_GROUP_BY for SELECT DISTINCT ... ORDER BY: an ORDER BY key that is not a
 * select item must be computed from select items only, or the sort would pick one of several
 * values per distinct row. As MySQL 8, walking the key from its root:
 * <ul>
 *   <li>a part equal to a select item is fine (so are aliases and positions, resolved before);</li>
 *   <li>an aggregate of this block is 3066;</li>
 *   <li>a column of this block's FROM is 3065, even when it is functionally equal to a selected
 *       column (MySQL refuses {@code SELECT DISTINCT a ... WHERE a = b ORDER BY b} too).</li>
 * </ul>
 * Inside a subquery of the key, a column qualified with a table of this block that the
 * subquery does not define itself is such an outer reference: 3065 too. Unqualified outer
 * references there and window functions are not looked into (accepting errs on the side of
 * running the query).
 */
final class DistinctOrderCheck {
    private final Scope scope;
    /** The select items with their columns replaced by FROM positions, for comparison. */
    private final List<Expression> items = new ArrayList<>();

    DistinctOrderCheck(List<Expression> itemAst, Scope scope) {
        this.scope = scope;
        for (Expression e : itemAst) items.add(canonical(e));
    }

    /** Checks ORDER BY key #oneBased (aliases already replaced by their select items). */
    void check(int oneBased, Expression key) {
        AstWalker.any(key, n -> {
            if (n instanceof Expression e && items.contains(canonical(e))) return false;
            if (n instanceof AggregateCall) throw ErrorCode.ER_AGGREGATE_IN_ORDER_NOT_SELECT.error(oneBased);
            if (n instanceof ColumnRef c) {
                int i = position(c);
                if (i >= 0) throw ErrorCode.ER_FIELD_IN_ORDER_NOT_SELECT.error(oneBased,
                        OnlyFullGroupBy.qualifiedName(scope.columns().get(i)));
            }
            return false;
        }, n -> n instanceof Query || n instanceof WindowFunction
                || n instanceof Expression e && items.contains(canonical(e)));
        AstWalker.any(key, n -> {
            if (n instanceof Query q) outerReferences(oneBased, q);
            return false;
        }, n -> n instanceof Query || n instanceof WindowFunction
                || n instanceof Expression e && items.contains(canonical(e)));
    }

    /** 3065 for a column of this block's FROM that a subquery of the key names by its table. */
    private void outerReferences(int oneBased, Query q) {
        java.util.Set<String> own = new java.util.HashSet<>();
        AstWalker.any(q, n -> {
            if (n instanceof dev.basalt.sql.ast.BaseTable b) own.add(lower(b.alias() != null ? b.alias() : b.name().name()));
            if (n instanceof dev.basalt.sql.ast.DerivedTable d && d.alias() != null) own.add(lower(d.alias()));
            if (n instanceof dev.basalt.sql.ast.CommonTableExpression c) own.add(lower(c.name()));
            return false;
        });
        AstWalker.any(q, n -> {
            if (n instanceof ColumnRef c && c.table() != null && !own.contains(lower(c.table()))) {
                int i = position(c);
                if (i >= 0) throw ErrorCode.ER_FIELD_IN_ORDER_NOT_SELECT.error(oneBased,
                        OnlyFullGroupBy.qualifiedName(scope.columns().get(i)));
            }
            return false;
        });
    }

    private static String lower(String s) { return s.toLowerCase(java.util.Locale.ROOT); }

    /** The FROM position a column names, or -1 (outer reference, unknown or ambiguous: the binder reports those). */
    private int position(ColumnRef c) {
        try {
            return scope.find(c.schema(), c.table(), c.column(), "order clause");
        } catch (RuntimeException ambiguous) {
            return -1;
        }
    }

    /** e with every column of this block written as its FROM position: `t.a`, `a` and `A` compare equal. */
    private Expression canonical(Expression e) {
        return AstRewriter.rewriteColumns(e, c -> {
            int i = position(c);
            return i < 0 ? c : new ColumnRef(null, null, "#" + i);
        });
    }
}

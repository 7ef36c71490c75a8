package dev.basalt.engine.plan;

import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.expr.OrderKey;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.function.Aggregates;
import dev.basalt.sql.ast.AggregateCall;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.OrderItem;

import java.util.ArrayList;
import java.util.List;

/**
 * The grouping of one query block: GROUP BY expressions and the aggregate calls found while
 * binding SELECT, HAVING and ORDER BY. Expressions are rebound onto the aggregation output row
 * [group values..., aggregate results...]. A bare column that is neither grouped nor aggregated
 * takes its value from the group's first row (MySQL without ONLY_FULL_GROUP_BY; with it, MySQL
 * would reject some of these queries).
 */
final class Grouper implements ExprBinder.Grouping {
    private final List<Expression> groupAst;
    private final List<Expr> groupExprs;
    private final List<AggregateCall> aggAst = new ArrayList<>();
    private final List<AggregateFunction> aggregates = new ArrayList<>();
    private final java.util.Map<Integer, Integer> implicitColumns = new java.util.HashMap<>();

    /** ONLY_FULL_GROUP_BY's check, or null when the mode is off or the block is not checked. */
    private OnlyFullGroupBy fullGroupBy;

    void fullGroupBy(OnlyFullGroupBy check) { fullGroupBy = check; }

    Grouper(List<Expression> groupAst, List<Expr> groupExprs) {
        this.groupAst = groupAst;
        this.groupExprs = groupExprs;
    }

    List<Expr> groupExprs() { return groupExprs; }

    List<AggregateFunction> aggregates() { return aggregates; }

    int width() { return groupExprs.size() + aggregates.size(); }

    @Override
    public Expr match(Expression ast, ExprBinder from) {
        for (int i = 0; i < groupAst.size(); i++) {
            if (groupAst.get(i).equals(ast)) return slot(i, groupExprs.get(i));
        }
        if (ast instanceof AggregateCall call) {
            for (int i = 0; i < aggAst.size(); i++) {
                if (call.equals(aggAst.get(i))) return aggSlot(i);
            }
            List<Expr> args = new ArrayList<>();
            for (Expression a : call.args()) args.add(from.bind(a));
            List<OrderKey> order = new ArrayList<>();
            if (call.orderBy() != null) {
                for (OrderItem o : call.orderBy()) order.add(new OrderKey(from.bind(o.expression()), o.descending()));
            }
            AggregateFunction f = Aggregates.create(call.name(), call.distinct(), args, order,
                    call.separator() == null ? "," : call.separator());
            aggAst.add(call);
            aggregates.add(f);
            return aggSlot(aggregates.size() - 1);
        }
        return null;
    }

    @Override
    public Expr column(int fromIndex, PlanColumn column) {
        for (int i = 0; i < groupExprs.size(); i++) {
            if (groupExprs.get(i) instanceof ColumnRef c && c.index() == fromIndex) return slot(i, c);
        }
        if (fullGroupBy != null) fullGroupBy.check(fromIndex);
        Integer known = implicitColumns.get(fromIndex);
        if (known != null) return aggSlot(known);
        Expr col = Exprs.column(fromIndex, column.type(), column.nullable(), column.name());
        aggregates.add(Aggregates.create("ANY_VALUE", false, List.of(col)));
        aggAst.add(null);
        implicitColumns.put(fromIndex, aggregates.size() - 1);
        return aggSlot(aggregates.size() - 1);
    }

    private Expr slot(int i, Expr e) {
        return Exprs.column(i, e.type(), e.nullable(), "group" + i);
    }

    private Expr aggSlot(int i) {
        AggregateFunction f = aggregates.get(i);
        return Exprs.column(groupExprs.size() + i, f.resultType(), f.nullable(), f.name());
    }

    /**
     * True if the AST (an expression, or a list of them) contains an aggregate call outside
     * subqueries. SUM(x) OVER (...) is a window function, not an aggregate of the block; only
     * aggregates inside its arguments or window make the block grouped.
     */
    static boolean containsAggregate(Object e) {
        return AstWalker.any(e, Grouper::aggregatesHere,
                n -> n instanceof dev.basalt.sql.ast.Query || n instanceof dev.basalt.sql.ast.WindowFunction);
    }

    private static boolean aggregatesHere(Object n) {
        if (n instanceof AggregateCall) return true;
        if (n instanceof dev.basalt.sql.ast.WindowFunction w) {
            Object inside = w.function() instanceof AggregateCall a ? a.args() : w.function();
            return containsAggregate(inside) || containsAggregate(w.window());
        }
        return false;
    }
}

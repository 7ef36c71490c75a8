package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.ArrayElement;
import dev.basalt.engine.types.ArrayValue;
import dev.basalt.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's {@code array_agg(v)}: the group's values in input order as an array (NULLs kept),
 * NULL for an empty group; with DISTINCT each value once.
 */
final class ArrayAggregate implements Accumulator {
    private final Expr arg;
    private final ArrayElement element;
    private final boolean distinct;
    private List<Object> items;

    ArrayAggregate(Expr arg, ArrayElement element, boolean distinct) {
        this.arg = arg;
        this.element = element;
        this.distinct = distinct;
    }

    /** The element type for values of {@code t}; arrays of arrays are not supported. */
    static ArrayElement element(SqlType t) {
        ArrayElement e = ArrayElement.ofSqlType(t);
        if (e == null) {
            throw new SqlException(1235, "42000", "This version of Basalt doesn't yet support 'array_agg of "
                    + t.kind().name().toLowerCase(Locale.ROOT) + "'");
        }
        return e;
    }

    @Override
    public void add(EvalContext ctx, Object[] row) {
        if (items == null) items = new ArrayList<>();
        Object v = element.convert(arg.eval(ctx, row));
        if (distinct && items.stream().anyMatch(x -> x == null ? v == null : v != null && element.compare(x, v) == 0)) return;
        items.add(v);
    }

    @Override
    public Object result() { return items == null ? null : new ArrayValue(element, items); }
}

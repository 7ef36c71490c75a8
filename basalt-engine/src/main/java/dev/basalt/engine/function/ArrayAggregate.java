package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.OrderKey;
import dev.basalt.engine.types.ArrayElement;
import dev.basalt.engine.types.ArrayValue;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's {@code array_agg(v [ORDER BY ...])}: the group's values in input order (or the
 * ORDER BY's) as an array (NULLs kept), NULL for an empty group; with DISTINCT each value once.
 * Over arrays it stacks them into one more dimension ({@code {{1,2},{3,4}}}), which they must all
 * share, as PostgreSQL's does.
 */
final class ArrayAggregate implements Accumulator {
    private final Expr arg;
    private final ArrayElement element;
    private final boolean distinct;
    private final List<OrderKey> orderBy;
    /** The argument is an array: each value a sub-array of the result. */
    private final boolean nested;
    private List<Object> items;
    private List<Object[]> keys; // per item, its ORDER BY values

    ArrayAggregate(Expr arg, ArrayElement element, boolean distinct, List<OrderKey> orderBy) {
        this.arg = arg;
        this.element = element;
        this.distinct = distinct;
        this.orderBy = orderBy;
        this.nested = arg.type().kind() == dev.basalt.engine.types.TypeKind.ARRAY;
    }

    /** The element type for values of {@code t}; arrays of arrays are not supported. */
    static ArrayElement element(SqlType t) {
        if (t.kind() == dev.basalt.engine.types.TypeKind.ARRAY) return t.arrayElement();
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
        Object v = nested ? subArray(arg.eval(ctx, row)) : element.convert(arg.eval(ctx, row));
        if (distinct && items.stream().anyMatch(x -> x == null ? v == null : v != null && compare(x, v) == 0)) return;
        items.add(v);
        if (orderBy.isEmpty()) return;
        if (keys == null) keys = new ArrayList<>();
        Object[] k = new Object[orderBy.size()];
        for (int i = 0; i < k.length; i++) k[i] = orderBy.get(i).expr().eval(ctx, row);
        keys.add(k);
    }

    @Override
    public Object result() {
        if (items == null) return null;
        if (orderBy.isEmpty()) return array(items);
        Integer[] order = new Integer[items.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, this::compareRows); // stable: ties keep input order
        List<Object> sorted = new ArrayList<>(order.length);
        for (int i : order) sorted.add(items.get(i));
        return array(sorted);
    }

    private int compare(Object a, Object b) {
        return nested ? ((ArrayValue) a).compareTo((ArrayValue) b) : element.compare(a, b);
    }

    /** A value of an array argument, with PostgreSQL's refusals of what cannot be stacked. */
    private ArrayValue subArray(Object v) {
        if (v == null) throw new SqlException(1210, "22004", "cannot accumulate null arrays");
        ArrayValue a = dev.basalt.engine.types.ArrayText.of(v, element);
        if (a.size() == 0) throw new SqlException(1210, "2202E", "cannot accumulate empty arrays");
        if (!items.isEmpty() && !java.util.Arrays.equals(((ArrayValue) items.getFirst()).dims(), a.dims())) {
            throw new SqlException(1210, "2202E", "cannot accumulate arrays of different dimensionality");
        }
        return a;
    }

    private ArrayValue array(List<Object> values) {
        if (!nested) return new ArrayValue(element, values);
        int[] inner = ((ArrayValue) values.getFirst()).dims();
        int[] dims = new int[inner.length + 1];
        dims[0] = values.size();
        System.arraycopy(inner, 0, dims, 1, inner.length);
        List<Object> flat = new ArrayList<>();
        for (Object v : values) flat.addAll(((ArrayValue) v).items());
        return new ArrayValue(element, flat, dims);
    }

    /** PostgreSQL's order: NULLs last ascending, first descending. */
    private int compareRows(int x, int y) {
        for (int i = 0; i < orderBy.size(); i++) {
            OrderKey k = orderBy.get(i);
            Object a = keys.get(x)[i], b = keys.get(y)[i];
            int r = a == null || b == null ? (a == b ? 0 : a == null ? 1 : -1)
                    : Values.comparator(k.expr().type(), k.expr().type()).compare(a, b);
            if (r != 0) return k.descending() ? -r : r;
        }
        return 0;
    }
}

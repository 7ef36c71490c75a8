package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.OrderKey;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's aggregates that MySQL lacks, which only the PostgreSQL port's parser makes
 * aggregate calls of: {@code bool_and} (and its standard name {@code every}) and {@code bool_or},
 * booleans, NULL over no non-null input; {@code string_agg(value, delimiter [ORDER BY ...])},
 * text with no length limit (GROUP_CONCAT's group_concat_max_len does not apply), each value after
 * the first preceded by the delimiter of its own row, NULL values skipped, NULL over no value.
 */
final class PgAggregates {
    private PgAggregates() {}

    static final Set<String> NAMES = Set.of("BOOL_AND", "BOOL_OR", "EVERY", "STRING_AGG");

    /** The accumulator factory's result type: a boolean for bool_and / bool_or / every, text for string_agg. */
    static SqlType type(String name) {
        return name.equals("STRING_AGG") ? SqlType.LONGTEXT : Types.BOOL_RESULT;
    }

    static Accumulator accumulator(String name, Expr[] args, boolean distinct, List<OrderKey> orderBy) {
        return name.equals("STRING_AGG") ? new StringAgg(args[0], args[1], distinct, orderBy)
                : new BoolAgg(args[0], !name.equals("BOOL_OR"));
    }

    /** bool_and (every): false once any input is false; bool_or: true once any is true. */
    private static final class BoolAgg implements Accumulator {
        private final Expr arg;
        private final boolean and;
        private Boolean acc;

        BoolAgg(Expr arg, boolean and) {
            this.arg = arg;
            this.and = and;
        }

        public void add(EvalContext ctx, Object[] row) {
            Object v = arg.eval(ctx, row);
            if (v == null) return;
            boolean b = Coercion.isTrue(v);
            acc = acc == null ? b : and ? acc && b : acc || b;
        }

        public Object result() { return acc == null ? null : acc ? 1L : 0L; }
    }

    /** string_agg: the rows' (delimiter, value) pairs, sorted by ORDER BY when there is one. */
    private static final class StringAgg implements Accumulator {
        private final Expr value, delimiter;
        private final Set<String> seen;
        private final List<OrderKey> orderBy;
        private final List<Object[]> rows = new ArrayList<>();

        StringAgg(Expr value, Expr delimiter, boolean distinct, List<OrderKey> orderBy) {
            this.value = value;
            this.delimiter = delimiter;
            this.seen = distinct ? new HashSet<>() : null;
            this.orderBy = orderBy;
        }

        public void add(EvalContext ctx, Object[] row) {
            Object v = value.eval(ctx, row);
            if (v == null) return;
            String text = Coercion.toText(v, value.type());
            if (seen != null && !seen.add(text)) return;
            Object d = delimiter.eval(ctx, row);
            Object[] entry = new Object[orderBy.size() + 2];
            for (int i = 0; i < orderBy.size(); i++) entry[i] = orderBy.get(i).expr().eval(ctx, row);
            entry[orderBy.size()] = d == null ? "" : Coercion.toText(d, delimiter.type());
            entry[orderBy.size() + 1] = text;
            rows.add(entry);
        }

        public Object result() {
            if (rows.isEmpty()) return null;
            if (!orderBy.isEmpty()) rows.sort(order());
            int n = orderBy.size();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0) sb.append((String) rows.get(i)[n]);
                sb.append((String) rows.get(i)[n + 1]);
            }
            return sb.toString();
        }

        private Comparator<Object[]> order() {
            Comparator<Object[]> c = null;
            for (int i = 0; i < orderBy.size(); i++) {
                int idx = i;
                OrderKey k = orderBy.get(i);
                Comparator<Object> base = Values.orderComparator(k.expr().type());
                Comparator<Object[]> ci = (x, y) -> base.compare(x[idx], y[idx]);
                if (k.descending()) ci = ci.reversed();
                c = c == null ? ci : c.thenComparing(ci);
            }
            return c;
        }
    }
}

package dev.basalt.engine.plan;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.GroupKeys;
import dev.basalt.engine.types.Numbers;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Values;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Hash keys for equi-joins: both sides of {@code l = r} are normalised to the comparison family
 * MySQL would use for that pair of types, so equal-comparing values hash alike.
 */
final class JoinKeys {
    private JoinKeys() {}

    /** A normaliser for the pair's comparison family, or null if the pair can't be hashed safely. */
    static Function<Object, Object> normaliser(SqlType l, SqlType r) {
        Values.CompareAs as = Values.compareAs(l, r);
        return switch (as) {
            case INTEGER -> v -> v;
            case DECIMAL -> v -> Values.groupKey(Numbers.toDecimal(v), SqlType.decimal(65, 30));
            case DOUBLE -> v -> Numbers.toDouble(v) + 0.0;
            case STRING -> {
                Collation c = Values.pickCollation(l, r);
                yield v -> c == Collation.BINARY ? v.toString() : new GroupKeys.Bytes(c.sortKey(v.toString()));
            }
            case BINARY -> v -> new GroupKeys.Bytes(v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8));
            case TEMPORAL -> l.kind() == r.kind() ? v -> v : null;
        };
    }

    /** A key extractor over rows: null when any part is NULL (never matches). */
    static Function<Object[], Object> extractor(List<Expr> exprs, List<Function<Object, Object>> norms, EvalContext ctx) {
        int n = exprs.size();
        if (n == 1) {
            Expr e = exprs.get(0);
            Function<Object, Object> f = norms.get(0);
            return row -> {
                Object v = e.eval(ctx, row);
                return v == null ? null : f.apply(v);
            };
        }
        return row -> {
            Object[] parts = new Object[n];
            for (int i = 0; i < n; i++) {
                Object v = exprs.get(i).eval(ctx, row);
                if (v == null) return null;
                parts[i] = norms.get(i).apply(v);
            }
            return new GroupKeys.Composite(parts);
        };
    }
}

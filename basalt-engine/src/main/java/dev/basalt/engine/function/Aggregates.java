package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.OrderKey;
import dev.basalt.engine.types.GroupKeys;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.Values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Aggregate functions: COUNT, SUM, AVG, MIN, MAX, GROUP_CONCAT, BIT_AND/OR/XOR, STD/STDDEV*,
 * VARIANCE/VAR_*, ANY_VALUE. Result types follow MySQL: SUM/AVG of exact inputs are DECIMAL
 * (SUM(INT) is DECIMAL(32,0), AVG adds div_precision_increment = 4 to the scale), of anything
 * else DOUBLE.
 */
public final class Aggregates {
    private Aggregates() {}

    private static final Set<String> NAMES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "GROUP_CONCAT",
            "BIT_AND", "BIT_OR", "BIT_XOR", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE",
            "VAR_POP", "VAR_SAMP", "ANY_VALUE", "JSON_ARRAYAGG", "JSON_OBJECTAGG", "ARRAY_AGG");

    public static boolean isAggregate(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return NAMES.contains(n) || PgAggregates.NAMES.contains(n);
    }

    /** COUNT(*) is COUNT with an empty argument list. */
    public static AggregateFunction create(String name, boolean distinct, List<Expr> args) {
        return create(name, distinct, args, List.of(), ",");
    }

    /**
     * @param orderBy   GROUP_CONCAT's ORDER BY (empty otherwise)
     * @param separator GROUP_CONCAT's SEPARATOR (null = ",")
     * @throws SqlException 1582 for a wrong argument count, 1305 for an unknown name
     */
    public static AggregateFunction create(String name, boolean distinct, List<Expr> args,
                                           List<OrderKey> orderBy, String separator) {
        String n = name.toUpperCase(Locale.ROOT);
        if (PgAggregates.NAMES.contains(n)) {
            // only the PostgreSQL port's parser makes these aggregate calls
            if (args.size() != (n.equals("STRING_AGG") ? 2 : 1)) {
                throw new SqlException(1582, "42883", "function " + name.toLowerCase(Locale.ROOT) + " with " + args.size()
                        + " arguments does not exist");
            }
            Expr[] pa = args.toArray(Expr[]::new);
            List<OrderKey> keys = orderBy == null ? List.of() : List.copyOf(orderBy);
            return def(n, distinct, args, PgAggregates.type(n), true, () -> PgAggregates.accumulator(n, pa, distinct, keys));
        }
        if (!NAMES.contains(n)) throw new SqlException(1305, "42000", "FUNCTION " + name + " does not exist");
        boolean single = !n.equals("COUNT") && !n.equals("GROUP_CONCAT") && !n.equals("JSON_OBJECTAGG");
        if (n.equals("JSON_OBJECTAGG") && args.size() != 2) {
            throw new SqlException(1582, "42000", "Incorrect parameter count in the call to native function '" + name + "'");
        }
        if ((single && args.size() != 1) || (n.equals("GROUP_CONCAT") && args.isEmpty())
                || (n.equals("COUNT") && !distinct && args.size() > 1)) {
            throw new SqlException(1582, "42000", "Incorrect parameter count in the call to native function '" + name + "'");
        }
        Expr[] a = args.toArray(Expr[]::new);
        SqlType argType = a.length > 0 ? a[0].type() : SqlType.BIGINT;
        return switch (n) {
            // 21: the display width mysqld gives COUNT
            case "COUNT" -> def(n, distinct, args, SqlType.BIGINT.withLength(21), false, () -> new CountAcc(a, distinct));
            case "SUM" -> {
                SqlType t = sumType(argType);
                yield def(n, distinct, args, t, true, () -> new SumAcc(a[0], distinct, t, false));
            }
            case "AVG" -> {
                SqlType t = avgType(argType);
                yield def(n, distinct, args, t, true, () -> new SumAcc(a[0], distinct, t, true));
            }
            case "MIN", "MAX" -> {
                ValueComparator c = Values.comparator(argType, argType);
                boolean max = n.equals("MAX");
                yield def(n, distinct, args, argType, true, () -> new MinMaxAcc(a[0], c, max));
            }
            case "ANY_VALUE" -> def(n, distinct, args, argType, a[0].nullable(), () -> new AnyAcc(a[0]));
            case "BIT_AND", "BIT_OR", "BIT_XOR" -> def(n, distinct, args, SqlType.BIGINT_UNSIGNED, false, () -> new BitAcc(a[0], n));
            case "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP" -> {
                boolean sample = n.endsWith("_SAMP");
                boolean sqrt = n.startsWith("STD");
                yield def(n, distinct, args, SqlType.DOUBLE, true, () -> new VarianceAcc(a[0], distinct, sample, sqrt));
            }
            case "GROUP_CONCAT" -> {
                String sep = separator == null ? "," : separator;
                List<OrderKey> keys = orderBy == null ? List.of() : List.copyOf(orderBy);
                SqlType t = Text.anyBinary(args) ? SqlType.of(TypeKind.BLOB) : SqlType.varchar(1024).withCollation(Text.collationOf(args));
                yield def(n, distinct, args, t, true, () -> new GroupConcatAcc(a, distinct, keys, sep));
            }
            case "JSON_ARRAYAGG", "JSON_OBJECTAGG" -> def(n, distinct, args, JsonArgs.JSON, true, () -> JsonAggregates.accumulator(n, a));
            case "ARRAY_AGG" -> {
                dev.basalt.engine.types.ArrayElement e = ArrayAggregate.element(argType);
                List<OrderKey> keys = orderBy == null ? List.of() : List.copyOf(orderBy);
                yield def(n, distinct, args, SqlType.array(e), true, () -> new ArrayAggregate(a[0], e, distinct, keys));
            }
            default -> throw new IllegalStateException(n);
        };
    }

    static SqlType sumType(SqlType t) {
        TypeKind k = t.kind();
        if (k.isInteger() || k == TypeKind.DECIMAL) {
            int scale = k == TypeKind.DECIMAL ? Math.max(t.scale(), 0) : 0;
            int digits = Types.integerDigits(t) + scale;
            return SqlType.decimal(Math.min(digits + 22, Types.MAX_DECIMAL_PRECISION), scale);
        }
        return SqlType.DOUBLE;
    }

    static SqlType avgType(SqlType t) {
        TypeKind k = t.kind();
        if (k.isInteger() || k == TypeKind.DECIMAL) {
            int scale = k == TypeKind.DECIMAL ? Math.max(t.scale(), 0) : 0;
            int digits = Types.integerDigits(t) + scale;
            int s = Math.min(scale + 4, Types.MAX_DECIMAL_SCALE);
            return SqlType.decimal(Math.min(digits + 4, Types.MAX_DECIMAL_PRECISION), s);
        }
        return SqlType.DOUBLE;
    }

    private static AggregateFunction def(String name, boolean distinct, List<Expr> args, SqlType type,
                                         boolean nullable, Supplier<Accumulator> factory) {
        List<Expr> argList = List.copyOf(args);
        return new AggregateFunction() {
            public String name() { return name; }
            public boolean distinct() { return distinct; }
            public List<Expr> args() { return argList; }
            public SqlType resultType() { return type; }
            public boolean nullable() { return nullable; }
            public Accumulator newAccumulator() { return factory.get(); }
            public String toString() { return name.toLowerCase(Locale.ROOT) + "(" + (distinct ? "distinct " : "") + argList + ")"; }
        };
    }

    // ---- accumulators ------------------------------------------------------------------------------

    private static final class CountAcc implements Accumulator {
        private final Expr[] args;
        private final Set<Object> seen;
        private long count;

        CountAcc(Expr[] args, boolean distinct) {
            this.args = args;
            this.seen = distinct ? new HashSet<>() : null;
        }

        public void add(EvalContext ctx, Object[] row) {
            if (args.length == 0) { count++; return; }
            if (args.length == 1) {
                Object v = args[0].eval(ctx, row);
                if (v == null) return;
                if (seen == null || seen.add(Values.groupKey(v, args[0].type()))) count++;
                return;
            }
            Object[] key = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                Object v = args[i].eval(ctx, row);
                if (v == null) return;
                key[i] = Values.groupKey(v, args[i].type());
            }
            if (seen == null || seen.add(new GroupKeys.Composite(key))) count++;
        }

        public Object result() { return count; }
    }

    /** SUM and AVG; exact inputs sum in a long until it overflows, then in BigDecimal. */
    private static final class SumAcc implements Accumulator {
        private final Expr arg;
        private final Set<Object> seen;
        private final SqlType type;
        private final boolean average;
        private final boolean exact;
        private long longSum;
        private BigDecimal decSum;
        private double dblSum;
        private long count;

        SumAcc(Expr arg, boolean distinct, SqlType type, boolean average) {
            this.arg = arg;
            this.seen = distinct ? new HashSet<>() : null;
            this.type = type;
            this.average = average;
            this.exact = type.kind() == TypeKind.DECIMAL;
        }

        public void add(EvalContext ctx, Object[] row) {
            Object v = arg.eval(ctx, row);
            if (v == null) return;
            if (seen != null && !seen.add(Values.groupKey(v, arg.type()))) return;
            count++;
            if (!exact) { dblSum += Coercion.toDouble(ctx, v); return; }
            if (v instanceof Long l && decSum == null) {
                long r = longSum + l;
                if (((longSum ^ r) & (l ^ r)) < 0) {
                    decSum = BigDecimal.valueOf(longSum).add(BigDecimal.valueOf(l));
                    longSum = 0;
                } else {
                    longSum = r;
                }
                return;
            }
            BigDecimal d = Coercion.toDecimal(ctx, v);
            decSum = decSum == null ? BigDecimal.valueOf(longSum).add(d) : decSum.add(d);
            longSum = 0;
        }

        public Object result() {
            if (count == 0) return null;
            if (!exact) return average ? dblSum / count : dblSum;
            BigDecimal sum = decSum != null ? decSum : BigDecimal.valueOf(longSum);
            int scale = Math.max(type.scale(), 0);
            if (average) return sum.divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_UP);
            return sum.setScale(scale, RoundingMode.HALF_UP);
        }
    }

    private static final class MinMaxAcc implements Accumulator {
        private final Expr arg;
        private final ValueComparator cmp;
        private final boolean max;
        private Object best;

        MinMaxAcc(Expr arg, ValueComparator cmp, boolean max) {
            this.arg = arg;
            this.cmp = cmp;
            this.max = max;
        }

        public void add(EvalContext ctx, Object[] row) {
            Object v = arg.eval(ctx, row);
            if (v == null) return;
            if (best == null) { best = v; return; }
            int c = cmp.compare(v, best);
            if (max ? c > 0 : c < 0) best = v;
        }

        public Object result() { return best; }
    }

    private static final class AnyAcc implements Accumulator {
        private final Expr arg;
        private boolean has;
        private Object value;

        AnyAcc(Expr arg) { this.arg = arg; }

        public void add(EvalContext ctx, Object[] row) {
            if (has) return;
            value = arg.eval(ctx, row);
            has = true;
        }

        public Object result() { return value; }
    }

    private static final class BitAcc implements Accumulator {
        private final Expr arg;
        private final String op;
        private long bits;

        BitAcc(Expr arg, String op) {
            this.arg = arg;
            this.op = op;
            this.bits = op.equals("BIT_AND") ? -1L : 0L;
        }

        public void add(EvalContext ctx, Object[] row) {
            Object v = arg.eval(ctx, row);
            if (v == null) return;
            long b = dev.basalt.engine.expr.BitOperation.bits(ctx, v);
            switch (op) {
                case "BIT_AND" -> bits &= b;
                case "BIT_OR" -> bits |= b;
                default -> bits ^= b;
            }
        }

        public Object result() { return dev.basalt.engine.expr.BitOperation.unsigned(bits); }
    }

    /** Welford's online variance. */
    private static final class VarianceAcc implements Accumulator {
        private final Expr arg;
        private final Set<Object> seen;
        private final boolean sample, sqrt;
        private long n;
        private double mean, m2;

        VarianceAcc(Expr arg, boolean distinct, boolean sample, boolean sqrt) {
            this.arg = arg;
            this.seen = distinct ? new HashSet<>() : null;
            this.sample = sample;
            this.sqrt = sqrt;
        }

        public void add(EvalContext ctx, Object[] row) {
            Object v = arg.eval(ctx, row);
            if (v == null) return;
            if (seen != null && !seen.add(Values.groupKey(v, arg.type()))) return;
            double x = Coercion.toDouble(ctx, v);
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }

        public Object result() {
            if (n == 0 || (sample && n == 1)) return null;
            double var = m2 / (sample ? n - 1 : n);
            return sqrt ? Math.sqrt(var) : var;
        }
    }

    /** GROUP_CONCAT: rows are kept when ordering, otherwise appended directly. */
    private static final class GroupConcatAcc implements Accumulator {
        private final Expr[] args;
        private final Set<Object> seen;
        private final List<OrderKey> orderBy;
        private final String separator;
        private final boolean binary;
        private List<Object[]> rows;
        private StringBuilder text;
        private EvalContext ctx;
        private long rowCount;

        GroupConcatAcc(Expr[] args, boolean distinct, List<OrderKey> orderBy, String separator) {
            this.args = args;
            this.seen = distinct ? new HashSet<>() : null;
            this.orderBy = orderBy;
            this.separator = separator;
            this.binary = false;
        }

        public void add(EvalContext ctx, Object[] row) {
            this.ctx = ctx;
            StringBuilder piece = new StringBuilder();
            Object[] keys = seen != null ? new Object[args.length] : null;
            for (int i = 0; i < args.length; i++) {
                Object v = args[i].eval(ctx, row);
                if (v == null) return;
                if (keys != null) keys[i] = Values.groupKey(v, args[i].type());
                piece.append(Coercion.toText(v, args[i].type()));
            }
            if (seen != null && !seen.add(new GroupKeys.Composite(keys))) return;
            rowCount++;
            if (orderBy.isEmpty()) {
                if (text == null) text = new StringBuilder();
                else text.append(separator);
                text.append(piece);
                return;
            }
            Object[] entry = new Object[orderBy.size() + 1];
            for (int i = 0; i < orderBy.size(); i++) entry[i] = orderBy.get(i).expr().eval(ctx, row);
            entry[orderBy.size()] = piece.toString();
            if (rows == null) rows = new ArrayList<>();
            rows.add(entry);
        }

        public Object result() {
            String s;
            if (!orderBy.isEmpty()) {
                if (rows == null) return null;
                Comparator<Object[]> c = null;
                for (int i = 0; i < orderBy.size(); i++) {
                    int idx = i;
                    OrderKey k = orderBy.get(i);
                    Comparator<Object> base = Values.orderComparator(k.expr().type());
                    Comparator<Object[]> ci = (x, y) -> base.compare(x[idx], y[idx]);
                    if (k.descending()) ci = ci.reversed();
                    c = c == null ? ci : c.thenComparing(ci);
                }
                rows.sort(c);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < rows.size(); i++) {
                    if (i > 0) sb.append(separator);
                    sb.append((String) rows.get(i)[orderBy.size()]);
                }
                s = sb.toString();
            } else {
                if (text == null) return null;
                s = text.toString();
            }
            long max = ctx == null ? 1024 : ctx.groupConcatMaxLen();
            if (Text.utf8Length(s) > max) {
                s = truncateBytes(s, (int) Math.min(max, Integer.MAX_VALUE));
                if (ctx != null) ctx.warn(1260, "Row " + rowCount + " was cut by GROUP_CONCAT()");
            }
            return s;
        }

        private static String truncateBytes(String s, int maxBytes) {
            int bytes = 0, i = 0;
            while (i < s.length()) {
                int cp = s.codePointAt(i);
                int b = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + b > maxBytes) break;
                bytes += b;
                i += Character.charCount(cp);
            }
            return s.substring(0, i);
        }
    }
}

package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.BinaryOp;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.expr.Literal;
import dev.basalt.engine.types.Numbers;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.Values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static dev.basalt.engine.function.FunctionCall.*;
import static dev.basalt.engine.function.FunctionDef.VARIADIC;

/** Numeric functions. */
final class MathFunctions {
    private MathFunctions() {}

    private static FunctionCall call(String name, List<Expr> args, SqlType type, Body body) {
        return new FunctionCall(name, args, type, true, true, body);
    }

    private enum Domain { INT, DECIMAL, DOUBLE }

    private static Domain domain(SqlType t) {
        TypeKind k = t.kind();
        if (k.isInteger()) return Domain.INT;
        if (k == TypeKind.DECIMAL) return Domain.DECIMAL;
        return Domain.DOUBLE;
    }

    private static void dbl(String names, DoubleUnaryOperator f) {
        Functions.register(names, 1, 1, (n, a) -> call(n, a, SqlType.DOUBLE, strict1((ctx, x) -> {
            double r = f.applyAsDouble(Coercion.toDouble(ctx, x));
            return Double.isNaN(r) ? null : r;
        })));
    }

    static void register() {
        Functions.register("ABS", 1, 1, (n, a) -> {
            SqlType t = a.get(0).type();
            return switch (domain(t)) {
                // MySQL 8's Item_func_abs: a BIGINT as wide as the operand, of its signedness, NULL only from it
                case INT -> new FunctionCall(n, a, SqlType.BIGINT.withUnsigned(t.unsigned()).withLength((int) dev.basalt.engine.expr.Cast.charWidth(a.get(0))),
                        a.get(0).nullable(), true, strict1((ctx, x) -> {
                    if (x instanceof BigInteger) return x;
                    long l = Coercion.toLong(ctx, x);
                    if (l == Long.MIN_VALUE) throw new SqlException(1690, "22003", "BIGINT value is out of range in 'abs(" + a.get(0) + ")'");
                    return Math.abs(l);
                }));
                case DECIMAL -> call(n, a, t.withUnsigned(false), strict1((ctx, x) -> Coercion.toDecimal(ctx, x).abs()));
                case DOUBLE -> call(n, a, SqlType.DOUBLE, strict1((ctx, x) -> Math.abs(Coercion.toDouble(ctx, x))));
            };
        });
        Functions.register("CEIL CEILING", 1, 1, (n, a) -> roundToInt(n, a, RoundingMode.CEILING));
        Functions.register("FLOOR", 1, 1, (n, a) -> roundToInt(n, a, RoundingMode.FLOOR));
        Functions.register("ROUND", 1, 2, (n, a) -> roundOrTruncate(n, a, false));
        Functions.register("TRUNCATE", 2, 2, (n, a) -> roundOrTruncate(n, a, true));
        Functions.register("MOD", 2, 2, (n, a) -> Exprs.binary(BinaryOp.MOD, a.get(0), a.get(1)));
        Functions.register("POW POWER", 2, 2, (n, a) -> call(n, a, SqlType.DOUBLE, strict2((ctx, x, y) -> {
            double r = Math.pow(Coercion.toDouble(ctx, x), Coercion.toDouble(ctx, y));
            if (Double.isInfinite(r) || Double.isNaN(r)) {
                throw new SqlException(1690, "22003", "DOUBLE value is out of range in 'pow(" + a.get(0) + "," + a.get(1) + ")'");
            }
            return r;
        })));
        dbl("SQRT", x -> x < 0 ? Double.NaN : Math.sqrt(x));
        Functions.register("EXP", 1, 1, (n, a) -> call(n, a, SqlType.DOUBLE, strict1((ctx, x) -> {
            double r = Math.exp(Coercion.toDouble(ctx, x));
            if (Double.isInfinite(r)) throw new SqlException(1690, "22003", "DOUBLE value is out of range in 'exp(" + a.get(0) + ")'");
            return r;
        })));
        Functions.register("LN", 1, 1, (n, a) -> call(n, a, SqlType.DOUBLE, strict1((ctx, x) -> log(ctx, Coercion.toDouble(ctx, x), Math.E))));
        Functions.register("LOG", 1, 2, (n, a) -> call(n, a, SqlType.DOUBLE, strictN((ctx, v) -> {
            if (v.length == 1) return log(ctx, Coercion.toDouble(ctx, v[0]), Math.E);
            double b = Coercion.toDouble(ctx, v[0]);
            if (b <= 0 || b == 1) { warnLog(ctx); return null; }
            return log(ctx, Coercion.toDouble(ctx, v[1]), b);
        })));
        Functions.register("LOG2", 1, 1, (n, a) -> call(n, a, SqlType.DOUBLE, strict1((ctx, x) -> log(ctx, Coercion.toDouble(ctx, x), 2))));
        Functions.register("LOG10", 1, 1, (n, a) -> call(n, a, SqlType.DOUBLE, strict1((ctx, x) -> log(ctx, Coercion.toDouble(ctx, x), 10))));
        // MySQL 8's Item_func_sign: BIGINT(2), NULL only from its operand
        Functions.register("SIGN", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT.withLength(2), a.get(0).nullable(), true, strict1((ctx, x) -> (long) switch (x) {
            case Long l -> Long.signum(l);
            case BigDecimal d -> d.signum();
            case BigInteger b -> b.signum();
            default -> (int) Math.signum(Coercion.toDouble(ctx, x));
        })));
        Functions.register("PI", 0, 0, (n, a) -> new FunctionCall(n, a, SqlType.DOUBLE.withScale(6).withLength(8), false, true, of0(ctx -> Math.PI)));
        Functions.register("RAND", 0, 1, MathFunctions::rand);
        Functions.register("GREATEST", 2, VARIADIC, (n, a) -> extremum(n, a, true));
        Functions.register("LEAST", 2, VARIADIC, (n, a) -> extremum(n, a, false));
        dbl("DEGREES", Math::toDegrees);
        dbl("RADIANS", Math::toRadians);
        dbl("SIN", Math::sin);
        dbl("COS", Math::cos);
        dbl("TAN", Math::tan);
        Functions.register("COT", 1, 1, (n, a) -> call(n, a, SqlType.DOUBLE, strict1((ctx, x) -> {
            double v = Coercion.toDouble(ctx, x);
            double sin = Math.sin(v);
            if (sin == 0) throw new SqlException(1690, "22003", "DOUBLE value is out of range in 'cot(" + a.get(0) + ")'");
            return Math.cos(v) / sin;
        })));
        dbl("ASIN", x -> x < -1 || x > 1 ? Double.NaN : Math.asin(x));
        dbl("ACOS", x -> x < -1 || x > 1 ? Double.NaN : Math.acos(x));
        Functions.register("ATAN", 1, 2, (n, a) -> call(n, a, SqlType.DOUBLE, strictN((ctx, v) -> v.length == 1
                ? Math.atan(Coercion.toDouble(ctx, v[0])) : Math.atan2(Coercion.toDouble(ctx, v[0]), Coercion.toDouble(ctx, v[1])))));
        Functions.register("ATAN2", 2, 2, (n, a) -> call(n, a, SqlType.DOUBLE, strict2((ctx, y, x) ->
                Math.atan2(Coercion.toDouble(ctx, y), Coercion.toDouble(ctx, x)))));
        Functions.register("CONV", 3, 3, (n, a) -> call(n, a, SqlType.varchar(64), strict3((ctx, x, f, t) ->
                conv(Coercion.toText(x, a.get(0).type()), (int) Coercion.toLong(ctx, f), (int) Coercion.toLong(ctx, t)))));
    }

    private static void warnLog(EvalContext ctx) {
        if (ctx != null) ctx.warn(3020, "Invalid argument for logarithm");
    }

    private static Object log(EvalContext ctx, double x, double base) {
        if (x <= 0) { warnLog(ctx); return null; }
        if (base == Math.E) return Math.log(x);
        if (base == 10) return Math.log10(x);
        return Math.log(x) / Math.log(base);
    }

    private static Expr roundToInt(String name, List<Expr> a, RoundingMode mode) {
        SqlType t = a.get(0).type();
        return switch (domain(t)) {
            case INT -> call(name, a, t.kind() == TypeKind.BIGINT ? t : SqlType.BIGINT.withUnsigned(t.unsigned()), strict1((ctx, x) -> x));
            case DECIMAL -> {
                int intDigits = Math.max(t.precision() - t.scale(), 1) + 1;
                if (intDigits <= 18) {
                    yield call(name, a, SqlType.BIGINT, strict1((ctx, x) -> Coercion.toDecimal(ctx, x).setScale(0, mode).longValueExact()));
                }
                yield call(name, a, SqlType.decimal(intDigits, 0), strict1((ctx, x) -> Coercion.toDecimal(ctx, x).setScale(0, mode)));
            }
            case DOUBLE -> call(name, a, SqlType.DOUBLE, strict1((ctx, x) -> {
                double d = Coercion.toDouble(ctx, x);
                return mode == RoundingMode.CEILING ? Math.ceil(d) : Math.floor(d);
            }));
        };
    }

    private static Expr roundOrTruncate(String name, List<Expr> a, boolean truncate) {
        SqlType t = a.get(0).type();
        Integer constD = null;
        if (a.size() > 1 && a.get(1) instanceof Literal l && l.value() != null) constD = (int) Coercion.toLong(null, l.value());
        if (a.size() == 1) constD = 0;
        RoundingMode mode = truncate ? RoundingMode.DOWN : RoundingMode.HALF_UP;
        Domain dom = domain(t);
        if (dom == Domain.INT) {
            return call(name, a, t.kind() == TypeKind.BIGINT ? t : SqlType.BIGINT.withUnsigned(t.unsigned()), strictN((ctx, v) -> {
                long d = v.length > 1 ? Coercion.toLong(ctx, v[1]) : 0;
                if (d >= 0) return v[0];
                if (d < -20) return 0L;
                BigDecimal r = Numbers.toDecimal(v[0]).setScale((int) d, mode).setScale(0);
                return Numbers.normalize(r.toBigInteger());
            }));
        }
        if (dom == Domain.DECIMAL) {
            int scale = constD == null ? t.scale() : Math.max(0, Math.min(constD, Types.MAX_DECIMAL_SCALE));
            int intDigits = Math.max(t.precision() - t.scale(), 1) + (truncate ? 0 : 1);
            SqlType rt = SqlType.decimal(Math.min(intDigits + scale, Types.MAX_DECIMAL_PRECISION), scale);
            return call(name, a, rt, strictN((ctx, v) -> {
                long d = v.length > 1 ? Coercion.toLong(ctx, v[1]) : 0;
                d = Math.max(-65, Math.min(d, Types.MAX_DECIMAL_SCALE));
                BigDecimal r = Coercion.toDecimal(ctx, v[0]).setScale((int) d, mode);
                return r.setScale(Math.max(rt.scale(), 0), RoundingMode.HALF_UP);
            }));
        }
        SqlType rt = constD != null && constD >= 0 && !t.kind().isString() ? SqlType.DOUBLE.withScale(Math.min(constD, 30)) : SqlType.DOUBLE;
        if (t.kind().isString()) rt = SqlType.DOUBLE;
        return call(name, a, rt, strictN((ctx, v) -> {
            double x = Coercion.toDouble(ctx, v[0]);
            long d = v.length > 1 ? Coercion.toLong(ctx, v[1]) : 0;
            return roundDouble(x, d, truncate);
        }));
    }

    /** MySQL's double rounding: scale by 10^d, round to nearest (half even) or truncate, scale back. */
    static double roundDouble(double x, long d, boolean truncate) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        if (d > 308) return x;
        if (d < -308) return 0.0;
        double f = Math.pow(10, Math.abs(d));
        double scaled = d >= 0 ? x * f : x / f;
        if (Double.isInfinite(scaled)) return x;
        double r = truncate ? (scaled < 0 ? Math.ceil(scaled) : Math.floor(scaled)) : Math.rint(scaled);
        return d >= 0 ? r / f : r * f;
    }

    private static Expr rand(String name, List<Expr> a) {
        if (a.isEmpty()) return new FunctionCall(name, a, SqlType.DOUBLE, false, false, of0(EvalContext::random));
        Expr seedExpr = a.get(0);
        if (seedExpr.isConstant()) {
            // RAND(N): MySQL's own generator, seeded once per call site, advancing per row
            long[] state = new long[2];
            boolean[] init = {false};
            return new FunctionCall(name, a, SqlType.DOUBLE, false, false, (ctx, row, args) -> {
                synchronized (state) {
                    if (!init[0]) {
                        Object s = args[0].eval(ctx, row);
                        seed(state, s == null ? 0 : Coercion.toLong(ctx, s));
                        init[0] = true;
                    }
                    return next(state);
                }
            });
        }
        return new FunctionCall(name, a, SqlType.DOUBLE, false, false, (ctx, row, args) -> {
            Object s = args[0].eval(ctx, row);
            long[] state = new long[2];
            seed(state, s == null ? 0 : Coercion.toLong(ctx, s));
            return next(state);
        });
    }

    private static final long RAND_MAX = 0x3FFFFFFFL;

    private static void seed(long[] st, long seed) {
        long s = seed & 0xFFFFFFFFL;
        st[0] = (s * 0x10001L + 55555555L) % RAND_MAX;
        st[1] = (s * 0x10000001L) % RAND_MAX;
    }

    private static double next(long[] st) {
        st[0] = (st[0] * 3 + st[1]) % RAND_MAX;
        st[1] = (st[0] + st[1] + 33) % RAND_MAX;
        return (double) st[0] / (double) RAND_MAX;
    }

    private static Expr extremum(String name, List<Expr> a, boolean greatest) {
        List<SqlType> types = new ArrayList<>();
        for (Expr e : a) types.add(e.type());
        SqlType t = Types.unify(types);
        ValueComparator[][] pair = new ValueComparator[1][];
        ValueComparator cmp = Values.comparator(t, t);
        dev.basalt.engine.expr.Conversion[] conv = new dev.basalt.engine.expr.Conversion[a.size()];
        for (int i = 0; i < a.size(); i++) conv[i] = dev.basalt.engine.expr.Conversion.between(a.get(i).type(), t);
        return call(name, a, t, strictN((ctx, v) -> {
            Object best = conv[0].apply(ctx, v[0]);
            for (int i = 1; i < v.length; i++) {
                Object x = conv[i].apply(ctx, v[i]);
                int c = cmp.compare(x, best);
                if (greatest ? c > 0 : c < 0) best = x;
            }
            return best;
        }));
    }

    static String conv(String s, int from, int to) {
        int fromBase = Math.abs(from), toBase = Math.abs(to);
        if (fromBase < 2 || fromBase > 36 || toBase < 2 || toBase > 36) return null;
        s = s.trim();
        boolean neg = s.startsWith("-");
        if (neg) s = s.substring(1);
        int i = 0;
        BigInteger v = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(fromBase);
        while (i < s.length()) {
            int d = Character.digit(s.charAt(i), fromBase);
            if (d < 0) break;
            v = v.multiply(base).add(BigInteger.valueOf(d));
            i++;
        }
        if (v.bitLength() > 64) v = Numbers.ULONG_MAX;
        if (neg) v = Numbers.TWO_64.subtract(v).mod(Numbers.TWO_64);
        if (to < 0 && v.testBit(63)) {
            return "-" + Numbers.TWO_64.subtract(v).toString(toBase).toUpperCase();
        }
        return v.toString(toBase).toUpperCase();
    }
}

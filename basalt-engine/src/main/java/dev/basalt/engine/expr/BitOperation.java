package dev.basalt.engine.expr;

import dev.basalt.engine.types.Numbers;
import dev.basalt.engine.types.SqlType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** &amp; | ^ &lt;&lt; &gt;&gt; on unsigned 64-bit integers; the result is BIGINT UNSIGNED. */
public final class BitOperation implements Expr {
    private final BinaryOp op;
    private final Expr left, right;

    public BitOperation(BinaryOp op, Expr left, Expr right) {
        this.op = op;
        this.left = left;
        this.right = right;
    }

    /** Two's complement bits of a value as MySQL's bit functions see it. */
    public static long bits(EvalContext ctx, Object v) {
        return switch (v) {
            case Long l -> l;
            case BigInteger b -> b.longValue();
            case BigDecimal d -> {
                BigInteger i = d.setScale(0, java.math.RoundingMode.HALF_UP).toBigInteger();
                yield i.signum() < 0 && i.bitLength() > 63 ? Long.MIN_VALUE : i.bitLength() > 64 ? -1L : i.longValue();
            }
            case Double d -> d >= 1.8446744073709552E19 ? -1L : d >= 9.223372036854775807E18
                    ? new BigDecimal(d).toBigInteger().longValue() : d <= -9.223372036854775808E18 ? Long.MIN_VALUE : (long) Math.rint(d);
            case byte[] b -> {
                Object n = Numbers.bytesToUnsigned(b);
                yield n instanceof Long l ? l : ((BigInteger) n).longValue();
            }
            default -> bits(ctx, Coercion.toDouble(ctx, v) >= 0 && v instanceof String s && Numbers.isWholeNumber(s, false)
                    ? Coercion.toDecimal(ctx, v) : Coercion.toDouble(ctx, v));
        };
    }

    /** An unsigned 64-bit value in the TypeKind mapping. */
    public static Object unsigned(long bits) {
        return bits >= 0 ? (Object) bits : new BigInteger(Long.toUnsignedString(bits));
    }

    @Override public SqlType type() { return SqlType.BIGINT_UNSIGNED; }

    @Override public boolean nullable() { return left.nullable() || right.nullable(); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object a = left.eval(ctx, row);
        if (a == null) return null;
        Object b = right.eval(ctx, row);
        if (b == null) return null;
        long x = bits(ctx, a), y = bits(ctx, b);
        long r = switch (op) {
            case BIT_AND -> x & y;
            case BIT_OR -> x | y;
            case BIT_XOR -> x ^ y;
            case SHIFT_LEFT -> Long.compareUnsigned(y, 64) >= 0 ? 0 : x << y;
            case SHIFT_RIGHT -> Long.compareUnsigned(y, 64) >= 0 ? 0 : x >>> y;
            default -> throw new IllegalStateException(op.name());
        };
        return unsigned(r);
    }

    @Override public List<Expr> children() { return List.of(left, right); }

    @Override public Expr withChildren(List<Expr> c) { return new BitOperation(op, c.get(0), c.get(1)); }

    @Override public String toString() { return "(" + left + " " + op.symbol() + " " + right + ")"; }
}

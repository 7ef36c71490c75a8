package dev.basalt.engine.expr;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.Numbers;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * + - * / DIV %, evaluated in the domain chosen from the operand types: BIGINT with overflow
 * error 1690, BIGINT UNSIGNED, exact DECIMAL (MySQL's precision/scale rules), or DOUBLE.
 * Division and modulo by zero give NULL and warning 1365.
 */
public final class Arithmetic implements Expr {
    private final BinaryOp op;
    private final Expr left, right;
    private final ArithKind kind;
    private final SqlType type;
    private final int divScale;

    public Arithmetic(BinaryOp op, Expr left, Expr right) {
        this(op, left, right, 4);
    }

    Arithmetic(BinaryOp op, Expr left, Expr right, int divPrecisionIncrement) {
        this.op = op;
        this.left = left;
        this.right = right;
        SqlType lt = left.type(), rt = right.type();
        for (SqlType t : new SqlType[] {lt, rt}) {
            if (t.kind() == dev.basalt.engine.types.TypeKind.INTERVAL || t.kind() == dev.basalt.engine.types.TypeKind.ARRAY) {
                throw new dev.basalt.engine.api.SqlException(1235, "42000", "This version of Basalt doesn't yet support 'arithmetic on "
                        + (t.kind() == dev.basalt.engine.types.TypeKind.ARRAY ? "arrays" : "interval values") + "'");
            }
        }
        ArithKind k = ArithKind.combine(ArithKind.of(lt), ArithKind.of(rt));
        if (op == BinaryOp.DIVIDE && (k == ArithKind.SIGNED || k == ArithKind.UNSIGNED)) k = ArithKind.DECIMAL;
        this.kind = k;
        int s1 = ArithKind.scaleOf(lt), s2 = ArithKind.scaleOf(rt);
        int i1 = intDigits(left), i2 = intDigits(right);
        this.divScale = Math.min(s1 + divPrecisionIncrement, Types.MAX_DECIMAL_SCALE);
        this.type = switch (op) {
            case INT_DIVIDE -> intDivideType(left, right, k == ArithKind.UNSIGNED);
            default -> switch (k) {
                case DOUBLE -> SqlType.DOUBLE;
                case SIGNED -> integerType(op, i1, i2, false);
                case UNSIGNED -> integerType(op, i1, i2, true);
                case DECIMAL -> decimalType(op, i1, s1, i2, s2, divScale);
            };
        };
    }

    /**
     * An integer result's display width as mysqld computes it (result_precision): + and - one
     * digit more than the wider operand, * the sum of the operands' digits, % the wider operand's;
     * plus one for the sign of a signed result. So INT + 0 reads BIGINT(12), as on MySQL 8.
     */
    private static SqlType integerType(BinaryOp op, int i1, int i2, boolean unsigned) {
        int digits = switch (op) {
            case ADD, SUBTRACT -> Math.max(i1, i2) + 1;
            case MULTIPLY -> i1 + i2;
            default -> Math.max(i1, i2);
        };
        digits = Math.min(digits, Types.MAX_DECIMAL_PRECISION);
        return (unsigned ? SqlType.BIGINT_UNSIGNED : SqlType.BIGINT).withLength(digits + (unsigned ? 0 : 1));
    }

    /**
     * Digits before the point of an exact operand, as mysqld's decimal_precision() counts them: an
     * integer literal's own digits, an integer column's display width less its sign position.
     */
    private static int intDigits(Expr e) {
        SqlType t = e.type();
        if (!t.kind().isInteger() || t.kind() == dev.basalt.engine.types.TypeKind.BIT) return ArithKind.intDigitsOf(t);
        if (e instanceof Literal l && t.length() > 0) {
            boolean negative = l.value() instanceof Long v && v < 0;
            return Math.max(1, t.length() - (negative ? 1 : 0));
        }
        int width = displayWidth(t);
        return width <= 0 ? ArithKind.intDigitsOf(t) : Math.max(1, width - (t.unsigned() ? 0 : 1));
    }

    /**
     * DIV's BIGINT as MySQL 8 sizes it (Item_func_div_int::result_precision): the dividend's digits
     * before the point plus the divisor's after it (all its digits when the divisor is a DOUBLE), at
     * most 19, plus one for the sign of a signed result. MariaDB counts differently (i DIV 2 is 10 there).
     */
    private static SqlType intDivideType(Expr left, Expr right, boolean unsigned) {
        int digits = Math.min(divDigits(left) + divFraction(right), 19);
        return (unsigned ? SqlType.BIGINT_UNSIGNED : SqlType.BIGINT).withLength(Math.max(digits, 1) + (unsigned ? 0 : 1));
    }

    /** Digits before the point of a DIV operand (mysqld's decimal_precision() less its decimals). */
    private static int divDigits(Expr e) {
        SqlType t = e.type();
        var k = t.kind();
        if (k == dev.basalt.engine.types.TypeKind.DECIMAL) return t.precision() - Math.max(t.scale(), 0);
        if (k.isInteger() && k != dev.basalt.engine.types.TypeKind.BIT) return intDigits(e);
        return Math.min(Types.displayLength(t), Types.MAX_DECIMAL_PRECISION);
    }

    /** Digits after the point of a DIV divisor: a DECIMAL's scale, a floating type's every digit, else 0. */
    private static int divFraction(Expr e) {
        SqlType t = e.type();
        return switch (t.kind()) {
            case DECIMAL -> Math.max(t.scale(), 0);
            case DOUBLE, FLOAT -> t.scale() >= 0 && t.scale() < 31 ? t.scale() : Math.min(Types.displayLength(t), Types.MAX_DECIMAL_PRECISION);
            default -> 0;
        };
    }

    /** The display width MySQL gives an integer type (explicit, else its default for the signedness). */
    private static int displayWidth(SqlType t) {
        int signed, unsigned;
        switch (t.kind()) {
            case TINYINT -> { signed = 4; unsigned = 3; }
            case SMALLINT -> { signed = 6; unsigned = 5; }
            case MEDIUMINT -> { signed = 9; unsigned = 8; }
            case INT -> { signed = 11; unsigned = 10; }
            case BIGINT -> { signed = 20; unsigned = 20; }
            case YEAR -> { return 5; } // 4 digits, counted as mysqld counts a signed field
            default -> { return -1; }
        }
        if (t.length() <= 0 || (t.unsigned() && t.length() == signed)) return t.unsigned() ? unsigned : signed;
        return t.length();
    }

    private static SqlType decimalType(BinaryOp op, int i1, int s1, int i2, int s2, int divScale) {
        int scale, intDigits;
        switch (op) {
            case ADD, SUBTRACT -> { scale = Math.max(s1, s2); intDigits = Math.max(i1, i2) + 1; }
            case MULTIPLY -> { scale = s1 + s2; intDigits = i1 + i2; }
            case DIVIDE -> { scale = divScale; intDigits = i1 + s2; }
            default -> { scale = Math.max(s1, s2); intDigits = Math.max(i1, i2); } // MOD
        }
        scale = Math.min(scale, Types.MAX_DECIMAL_SCALE);
        int precision = Math.min(intDigits + scale, Types.MAX_DECIMAL_PRECISION);
        return SqlType.decimal(Math.max(precision, 1), scale);
    }

    public BinaryOp op() { return op; }
    public Expr left() { return left; }
    public Expr right() { return right; }

    @Override public SqlType type() { return type; }

    @Override
    public boolean nullable() {
        return left.nullable() || right.nullable() || op == BinaryOp.DIVIDE || op == BinaryOp.INT_DIVIDE || op == BinaryOp.MOD;
    }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object a = left.eval(ctx, row);
        if (a == null) return null;
        Object b = right.eval(ctx, row);
        if (b == null) return null;
        if (op == BinaryOp.INT_DIVIDE) return intDivide(ctx, a, b);
        return switch (kind) {
            case SIGNED -> signed(ctx, asLong(a), asLong(b));
            case UNSIGNED -> unsigned(ctx, asBig(a), asBig(b));
            case DECIMAL -> decimal(ctx, Coercion.toDecimal(ctx, a), Coercion.toDecimal(ctx, b));
            case DOUBLE -> dbl(ctx, Coercion.toDouble(ctx, a), Coercion.toDouble(ctx, b));
        };
    }

    private static long asLong(Object v) {
        return v instanceof Long l ? l : Coercion.toLong(null, v);
    }

    private static BigInteger asBig(Object v) {
        return switch (v) {
            case Long l -> BigInteger.valueOf(l);
            case BigInteger b -> b;
            default -> Numbers.toDecimal(v).setScale(0, RoundingMode.HALF_UP).toBigInteger();
        };
    }

    private SqlException outOfRange(String typeName) {
        return new SqlException(1690, "22003", typeName + " value is out of range in '" + this + "'");
    }

    private Object divisionByZero(EvalContext ctx) {
        if (ctx != null) ctx.warn(1365, "Division by 0");
        return null;
    }

    private Object signed(EvalContext ctx, long a, long b) {
        try {
            return switch (op) {
                case ADD -> Math.addExact(a, b);
                case SUBTRACT -> Math.subtractExact(a, b);
                case MULTIPLY -> Math.multiplyExact(a, b);
                case MOD -> b == 0 ? divisionByZero(ctx) : (Object) (b == -1 ? 0L : a % b);
                default -> throw new IllegalStateException(op.name());
            };
        } catch (ArithmeticException e) {
            throw outOfRange("BIGINT");
        }
    }

    private Object unsigned(EvalContext ctx, BigInteger a, BigInteger b) {
        BigInteger r = switch (op) {
            case ADD -> a.add(b);
            case SUBTRACT -> a.subtract(b);
            case MULTIPLY -> a.multiply(b);
            case MOD -> {
                if (b.signum() == 0) yield null;
                yield a.remainder(b);
            }
            default -> throw new IllegalStateException(op.name());
        };
        if (r == null) return divisionByZero(ctx);
        if (r.signum() < 0 || r.bitLength() > 64) throw outOfRange("BIGINT UNSIGNED");
        return Numbers.normalize(r);
    }

    private Object decimal(EvalContext ctx, BigDecimal a, BigDecimal b) {
        BigDecimal r = switch (op) {
            case ADD -> a.add(b);
            case SUBTRACT -> a.subtract(b);
            case MULTIPLY -> a.multiply(b);
            case DIVIDE -> b.signum() == 0 ? null : a.divide(b, divScale, RoundingMode.HALF_UP);
            case MOD -> b.signum() == 0 ? null : a.remainder(b);
            default -> throw new IllegalStateException(op.name());
        };
        if (r == null) return divisionByZero(ctx);
        int scale = type.scale();
        if (r.scale() != scale) r = r.setScale(scale, RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > Types.MAX_DECIMAL_PRECISION) throw outOfRange("DECIMAL");
        return r;
    }

    private Object dbl(EvalContext ctx, double a, double b) {
        double r;
        switch (op) {
            case ADD -> r = a + b;
            case SUBTRACT -> r = a - b;
            case MULTIPLY -> r = a * b;
            case DIVIDE -> {
                if (b == 0) return divisionByZero(ctx);
                r = a / b;
            }
            case MOD -> {
                if (b == 0) return divisionByZero(ctx);
                r = a % b;
            }
            default -> throw new IllegalStateException(op.name());
        }
        if (Double.isInfinite(r) || Double.isNaN(r)) throw outOfRange("DOUBLE");
        return r;
    }

    private Object intDivide(EvalContext ctx, Object a, Object b) {
        if (kind == ArithKind.SIGNED) {
            long x = asLong(a), y = asLong(b);
            if (y == 0) return divisionByZero(ctx);
            if (x == Long.MIN_VALUE && y == -1) throw outOfRange("BIGINT");
            return x / y;
        }
        BigDecimal x = Coercion.toDecimal(ctx, a), y = Coercion.toDecimal(ctx, b);
        if (kind == ArithKind.DOUBLE) {
            double dx = Coercion.toDouble(ctx, a), dy = Coercion.toDouble(ctx, b);
            if (dy == 0) return divisionByZero(ctx);
            x = new BigDecimal(dx);
            y = new BigDecimal(dy);
        }
        if (y.signum() == 0) return divisionByZero(ctx);
        BigInteger q = x.divide(y, 0, RoundingMode.DOWN).toBigInteger();
        if (type.unsigned()) {
            if (q.signum() < 0 || q.bitLength() > 64) throw outOfRange("BIGINT UNSIGNED");
            return Numbers.normalize(q);
        }
        if (q.bitLength() > 63) throw outOfRange("BIGINT");
        return q.longValue();
    }

    @Override public List<Expr> children() { return List.of(left, right); }

    @Override public Expr withChildren(List<Expr> c) { return new Arithmetic(op, c.get(0), c.get(1)); }

    @Override public String toString() { return "(" + left + " " + op.symbol() + " " + right + ")"; }
}

package dev.basalt.engine.expr;

import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * CAST(e AS type): SIGNED (BIGINT), UNSIGNED (BIGINT UNSIGNED), DECIMAL(p,s), CHAR[(n)],
 * BINARY[(n)], DATE, DATETIME(n), TIME(n), DOUBLE, FLOAT, JSON, YEAR. Problems are warnings
 * (1292), never errors: a cast is a function, not an assignment.
 */
public final class Cast implements Expr {
    private final Expr operand;
    private final SqlType target;
    private final SqlType type;

    public Cast(Expr operand, SqlType target) {
        this.operand = operand;
        this.target = target;
        this.type = resultType(operand, target);
    }

    /** Widest VARCHAR a length-less CAST AS CHAR reports; wider operands (TEXT, JSON...) give LONGTEXT. */
    private static final int MAX_VARCHAR_CHARS = 65535 / 4;

    private static SqlType resultType(Expr operand, SqlType target) {
        SqlType from = operand.type();
        TypeKind k = target.kind();
        if (k == TypeKind.CHAR || k == TypeKind.VARCHAR) {
            Collation c = target.collation() == null ? Collation.DEFAULT : target.collation();
            if (target.length() > 0) return SqlType.varchar(target.length()).withCollation(c);
            // no length (CAST AS CHAR, CONVERT ... USING): as many characters as the operand's text
            // can have (mysqld's max_char_length), so CAST(int_col AS CHAR) is VARCHAR(11)
            long len = charWidth(operand);
            return (len > MAX_VARCHAR_CHARS ? SqlType.LONGTEXT : SqlType.varchar((int) len)).withCollation(c);
        }
        if (k == TypeKind.BINARY || k == TypeKind.VARBINARY) {
            if (target.length() > 0) return SqlType.of(TypeKind.VARBINARY, target.length());
            // no length (CAST AS BINARY, BINARY x): as many bytes as the operand's value can have
            // (mysqld's max_length), so CAST(int_col AS BINARY) is VARBINARY(11), a utf8mb4 VARCHAR(10) 40
            long bytes = byteWidth(operand);
            if (bytes <= MAX_VARBINARY_BYTES) return SqlType.of(TypeKind.VARBINARY, (int) bytes);
            return SqlType.of(bytes <= MAX_MEDIUMBLOB_BYTES ? TypeKind.MEDIUMBLOB : TypeKind.LONGBLOB);
        }
        if (k.isInteger() && k != TypeKind.YEAR) return target.unsigned() ? SqlType.BIGINT_UNSIGNED : SqlType.BIGINT;
        if (k == TypeKind.DECIMAL) {
            int p = target.precision() > 0 ? target.precision() : 10;
            return SqlType.decimal(p, Math.max(target.scale(), 0));
        }
        return target;
    }

    /** Widest VARBINARY a length-less CAST AS BINARY reports; wider operands are MEDIUMBLOB, then LONGBLOB. */
    private static final int MAX_VARBINARY_BYTES = 65535;
    private static final int MAX_MEDIUMBLOB_BYTES = 16777215;

    /**
     * The bytes the operand's value can have: a binary string's length, a character string's
     * characters at utf8mb4's 4 bytes each (a TEXT 262140), a number's or temporal's text width.
     */
    public static long byteWidth(Expr operand) {
        TypeKind k = operand.type().kind();
        if (k.isBinary()) return Types.displayLength(operand.type());
        return charWidth(operand) * (k.isString() ? 4 : 1);
    }

    /**
     * The characters the operand's text can have: an integer's display width (an unsigned INT 10,
     * a literal or a computed integer its own length), else the type's display length.
     */
    public static long charWidth(Expr operand) {
        SqlType t = operand.type();
        TypeKind k = t.kind();
        if (k.isInteger() && k != TypeKind.BIT && k != TypeKind.YEAR) {
            int signed = switch (k) {
                case TINYINT -> 4;
                case SMALLINT -> 6;
                case MEDIUMINT -> 9;
                case INT -> 11;
                default -> 20;
            };
            int unsigned = k == TypeKind.BIGINT ? 20 : signed - 1;
            // an unsigned column may carry the signed default width
            if (t.length() <= 0 || (t.unsigned() && t.length() == signed)) return t.unsigned() ? unsigned : signed;
            return t.length();
        }
        return Types.displayLength(t);
    }

    public Expr operand() { return operand; }

    public SqlType target() { return target; }

    @Override public SqlType type() { return type; }

    @Override
    public boolean nullable() {
        TypeKind k = type.kind();
        return operand.nullable() || k.isTemporal() || k == TypeKind.YEAR;
    }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object v = operand.eval(ctx, row);
        if (v == null) return null;
        TypeKind k = type.kind();
        return switch (k) {
            // CAST(x AS CHAR) / AS BINARY of a wide operand: LONGTEXT / MEDIUMBLOB / LONGBLOB results
            case VARCHAR, LONGTEXT -> toChar(ctx, v);
            case VARBINARY, MEDIUMBLOB, LONGBLOB -> toBinary(v);
            case BIGINT -> type.unsigned() ? toUnsigned(ctx, v) : toSigned(ctx, v);
            case DECIMAL -> toDecimal(ctx, v);
            case DOUBLE -> Coercion.toDouble(ctx, v);
            case FLOAT -> (double) (float) Coercion.toDouble(ctx, v);
            case DATE -> Coercion.toDate(ctx, v);
            case DATETIME, TIMESTAMP -> {
                LocalDateTime t = Coercion.toDateTime(ctx, v);
                yield t == null ? null : roundFsp(t, Math.max(type.scale(), 0));
            }
            case TIME -> {
                Duration d = Coercion.toTime(ctx, v);
                yield d == null ? null : d.withNanos((int) (d.getNano() / pow10(9 - Math.max(type.scale(), 0)) * pow10(9 - Math.max(type.scale(), 0))));
            }
            case YEAR -> {
                long y = Coercion.toLong(ctx, v);
                if (y > 0 && y < 70) y += 2000;
                else if (y >= 70 && y < 100) y += 1900;
                yield (y == 0 || (y >= 1901 && y <= 2155)) ? (Object) y : null;
            }
            case JSON -> dev.basalt.engine.json.JsonValues.cast(v, operand.type());
            default -> v;
        };
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) r *= 10;
        return r;
    }

    static LocalDateTime roundFsp(LocalDateTime t, int fsp) {
        long unit = pow10(9 - fsp);
        long nanos = t.getNano();
        long kept = nanos / unit * unit;
        LocalDateTime r = t.withNano((int) kept);
        return nanos - kept >= unit / 2 && unit > 1 ? r.plusNanos(unit) : r;
    }

    private Object toChar(EvalContext ctx, Object v) {
        String s = Coercion.toText(v, operand.type());
        int n = target.length();
        if (n > 0 && s.codePointCount(0, s.length()) > n) {
            if (ctx != null) ctx.warn(1292, "Truncated incorrect CHAR(" + n + ") value: '" + s + "'");
            s = s.substring(0, s.offsetByCodePoints(0, n));
        }
        return s;
    }

    private Object toBinary(Object v) {
        byte[] b = Coercion.toBytes(v, operand.type());
        // only an explicit BINARY(n) pads / cuts to n bytes; a conversion to VARBINARY(n) (a UNION
        // branch to the union's type, a LAG default) keeps the value's own bytes, as in MySQL
        int n = target.length();
        if (target.kind() == TypeKind.BINARY && n > 0 && b.length != n) b = Arrays.copyOf(b, n);
        return b;
    }

    private Object toSigned(EvalContext ctx, Object v) {
        if (v instanceof BigInteger b) return b.longValue();
        if (v instanceof String s) {
            String t = s.trim();
            // an integer string converts exactly; '1.5' truncates like MySQL's string-to-int
            int end = dev.basalt.engine.types.Numbers.numericPrefixEnd(t, 0, false);
            if (end > 0 && end == t.length()) {
                BigInteger bi = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
                if (bi.bitLength() <= 63) return bi.longValue();
                if (bi.signum() > 0 && bi.bitLength() <= 64) return bi.longValue();
            }
            if (ctx != null) ctx.warn(1292, "Truncated incorrect INTEGER value: '" + s + "'");
            if (end == 0) return 0L;
            BigDecimal d = dev.basalt.engine.types.Numbers.parseDecimal(t.substring(0, end));
            return Coercion.decimalToLong(d.setScale(0, RoundingMode.DOWN));
        }
        return Coercion.toLong(ctx, v);
    }

    private Object toUnsigned(EvalContext ctx, Object v) {
        if (v instanceof BigInteger b) return b;
        if (v instanceof String s) {
            Object signed = toSigned(ctx, s);
            return BitOperation.unsigned((Long) signed);
        }
        if (v instanceof BigDecimal d && d.signum() < 0) return BitOperation.unsigned(Coercion.decimalToLong(d));
        if (v instanceof Double d && d < 0) return BitOperation.unsigned(Coercion.doubleToLong(d));
        return BitOperation.unsigned(BitOperation.bits(ctx, v));
    }

    private Object toDecimal(EvalContext ctx, Object v) {
        BigDecimal d = v instanceof Double x ? new BigDecimal(Double.toString(x)) : Coercion.toDecimal(ctx, v);
        int p = type.precision(), s = type.scale();
        BigDecimal r = d.setScale(s, RoundingMode.HALF_UP);
        BigDecimal max = BigDecimal.TEN.pow(p - s).subtract(BigDecimal.ONE.movePointLeft(s));
        if (r.abs().compareTo(max) > 0) {
            if (ctx != null) ctx.warn(1264, "Out of range value for column '" + this + "' at row 1");
            return r.signum() < 0 ? max.negate() : max;
        }
        return r;
    }

    @Override public List<Expr> children() { return List.of(operand); }

    @Override public Expr withChildren(List<Expr> c) { return new Cast(c.get(0), target); }

    @Override public String toString() { return "cast(" + operand + " as " + target.kind().name().toLowerCase() + ")"; }
}

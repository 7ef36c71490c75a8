package dev.basalt.engine.expr;

import dev.basalt.engine.function.Functions;
import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The builder facade the binder calls: one static method per SQL construct. All type decisions
 * (result types, comparison rules, function implementations) happen here, at build time.
 */
public final class Exprs {
    private Exprs() {}

    // ---- leaves -------------------------------------------------------------------------------

    public static Literal literal(Object value, SqlType type) { return new Literal(value, type); }

    public static Literal nullLiteral() { return new Literal(null, SqlType.NULL); }

    /** TRUE / FALSE: BIGINT 1 / 0. */
    public static Literal booleanLiteral(boolean value) { return new Literal(value ? 1L : 0L, Types.BOOL_RESULT); }

    /**
     * A numeric literal with MySQL's typing: integers are BIGINT (BIGINT UNSIGNED up to
     * 18446744073709551615, DECIMAL beyond), 1.50 is DECIMAL(3,2), 1e3 is DOUBLE. The text has
     * no sign (the binder applies unary minus, which folds).
     */
    public static Literal numberLiteral(String text, NumberKind kind) {
        switch (kind) {
            case INTEGER -> {
                String digits = stripLeadingZeros(text);
                if (digits.length() <= 18) return new Literal(Long.parseLong(digits), Types.integerType(digits.length(), false));
                BigInteger bi = new BigInteger(digits);
                if (bi.bitLength() < 64) return new Literal(bi.longValue(), Types.integerType(digits.length(), false));
                if (bi.bitLength() == 64) return new Literal(bi, Types.integerType(digits.length(), true));
                return new Literal(new BigDecimal(bi), SqlType.decimal(Math.min(digits.length(), Types.MAX_DECIMAL_PRECISION), 0));
            }
            case DECIMAL -> {
                BigDecimal d = new BigDecimal(text);
                int scale = Math.max(d.scale(), 0);
                int intDigits = Math.max(d.precision() - d.scale(), 1);
                return new Literal(d, SqlType.decimal(intDigits + scale, scale));
            }
            case APPROXIMATE -> {
                return new Literal(Double.parseDouble(text), SqlType.DOUBLE);
            }
        }
        throw new IllegalArgumentException(kind.name());
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') i++;
        return s.substring(i);
    }

    /** A character string literal in the connection collation. */
    public static Literal stringLiteral(String value) { return stringLiteral(value, Collation.DEFAULT); }

    public static Literal stringLiteral(String value, Collation collation) {
        return new Literal(value, SqlType.varchar(value.codePointCount(0, value.length())).withCollation(collation));
    }

    /** X'..' / 0x..: a VARBINARY that acts as an unsigned integer in numeric context. */
    public static HexLiteral hexLiteral(byte[] bytes) { return new HexLiteral(bytes); }

    /** B'..' / 0b..: same as hex, a binary string. */
    public static HexLiteral bitLiteral(byte[] bytes) { return hexLiteral(bytes); }

    /** DATE 'x', TIME 'x', TIMESTAMP 'x' literals; SqlException 1525 when invalid. */
    public static Literal temporalLiteral(TypeKind kind, String text) {
        Object v = switch (kind) {
            case DATE -> {
                java.time.LocalDateTime t = dev.basalt.engine.types.Temporals.parseDateTime(text);
                yield t == null ? null : t.toLocalDate();
            }
            case TIME -> dev.basalt.engine.types.Temporals.parseTime(text);
            default -> dev.basalt.engine.types.Temporals.parseDateTime(text);
        };
        String name = kind == TypeKind.DATE ? "DATE" : kind == TypeKind.TIME ? "TIME" : "DATETIME";
        if (v == null) throw new dev.basalt.engine.api.SqlException(1525, "HY000", "Incorrect " + name + " value: '" + text + "'");
        int fsp = 0;
        int dot = text.lastIndexOf('.');
        if (kind != TypeKind.DATE && dot >= 0) fsp = Math.min(text.trim().length() - dot - 1, 6);
        TypeKind k = kind == TypeKind.TIMESTAMP ? TypeKind.DATETIME : kind;
        return new Literal(v, SqlType.of(k).withScale(Math.max(fsp, 0)));
    }

    public static ColumnRef column(int index, SqlType type, boolean nullable, String name) {
        return new ColumnRef(index, type, nullable, name);
    }

    /** @name (a user variable read). */
    public static Expr userVariable(String name) { return new Variables.UserVariable(name, SqlType.of(TypeKind.LONGTEXT)); }

    /** @name, typed by the variable's current value (as MySQL types it). */
    public static Expr userVariable(String name, EvalContext ctx) {
        return new Variables.UserVariable(name, Variables.typeOfValue(ctx.userVariable(name)));
    }

    /** @name := value. */
    public static Expr assignUserVariable(String name, Expr value) { return new Variables.Assignment(name, value); }

    /** @@[global.|session.]name (typed LONGTEXT; see the overload taking a context). */
    public static Expr systemVariable(String name, boolean global) {
        return new Variables.SystemVariable(name, global, SqlType.of(TypeKind.LONGTEXT));
    }

    /** @@[global.]name typed by its current value; throws 1193 now if the variable is unknown. */
    public static Expr systemVariable(String name, boolean global, EvalContext ctx) {
        return new Variables.SystemVariable(name, global, Variables.typeOfValue(ctx.systemVariable(name, global)));
    }

    // ---- operators ----------------------------------------------------------------------------

    public static Expr binary(BinaryOp op, Expr left, Expr right) {
        return switch (op) {
            case EQ, NULL_SAFE_EQ, NE, LT, LE, GT, GE -> {
                if (left instanceof RowValue || right instanceof RowValue) yield RowValue.compare(CompareOp.of(op), left, right);
                // a hex literal compares as a number against numbers, as bytes against strings
                if (left instanceof HexLiteral h && right.type().kind().isNumeric()) left = h.asNumber();
                if (right instanceof HexLiteral h && left.type().kind().isNumeric()) right = h.asNumber();
                yield new Comparison(CompareOp.of(op), left, right);
            }
            case AND -> new And(left, right);
            case OR -> new Or(left, right);
            case XOR -> new Xor(left, right);
            case ADD, SUBTRACT, MULTIPLY, DIVIDE -> interval(left) || interval(right)
                    ? new IntervalArithmetic(op, left, right) : new Arithmetic(op, numeric(left), numeric(right));
            case INT_DIVIDE, MOD -> new Arithmetic(op, numeric(left), numeric(right));
            case BIT_AND, BIT_OR, BIT_XOR, SHIFT_LEFT, SHIFT_RIGHT -> new BitOperation(op, left, right);
            case CONCAT -> Functions.create("CONCAT", List.of(left, right), null);
        };
    }

    /** A PostgreSQL interval operand: its arithmetic is {@link IntervalArithmetic}'s. */
    private static boolean interval(Expr e) { return e.type().kind() == TypeKind.INTERVAL; }

    private static final Literal PG_ZERO_INTERVAL = new Literal(new dev.basalt.engine.types.IntervalValue(0, 0, 0), SqlType.of(TypeKind.INTERVAL));

    /** Hex literals in numeric context are integers. */
    private static Expr numeric(Expr e) { return e instanceof HexLiteral h ? h.asNumber() : e; }

    public static Expr unary(UnaryOp op, Expr operand) {
        return switch (op) {
            case NOT -> new Not(operand);
            case PLUS -> operand;
            case NEGATE -> interval(operand) ? new IntervalArithmetic(BinaryOp.SUBTRACT, PG_ZERO_INTERVAL, operand) : negate(numeric(operand));
            case BIT_NOT -> new BitNot(operand);
            case BINARY -> new Cast(operand, SqlType.of(TypeKind.VARBINARY));
        };
    }

    /** Folds -literal so that -9223372036854775808 is a BIGINT and -1.5 a DECIMAL literal. */
    private static Expr negate(Expr operand) {
        if (operand instanceof Literal l && l.value() != null && l.type().kind().isNumeric()) {
            Object v = l.value();
            SqlType t = l.type();
            if (v instanceof Long x && x != Long.MIN_VALUE && !t.unsigned()) return new Literal(-x, Types.integerType(t.length() + 1, false));
            if (v instanceof BigInteger b) {
                BigInteger n = b.negate();
                if (n.bitLength() < 64) return new Literal(n.longValue(), Types.integerType(t.length() + 1, false));
                return new Literal(new BigDecimal(n), SqlType.decimal(t.length(), 0));
            }
            if (v instanceof BigDecimal d) return new Literal(d.negate(), t);
            if (v instanceof Double d) return new Literal(-d, t);
        }
        return new Negate(operand);
    }

    public static Expr isNull(Expr e, boolean negated) { return new IsNull(e, negated); }

    /** e IS [NOT] TRUE / FALSE / UNKNOWN. */
    public static Expr isTruth(Expr e, TruthValue value, boolean negated) {
        return new IsTruth(e, value, negated);
    }

    public static Expr between(Expr e, Expr low, Expr high, boolean negated) { return new Between(e, low, high, negated); }

    public static Expr in(Expr e, List<Expr> list, boolean negated) {
        if (e instanceof RowValue) return RowValue.in(e, list, negated);
        return new InList(e, list, negated);
    }

    /** A row constructor (a, b, ...) for row comparisons and row IN; 1241 when used as a scalar. */
    public static Expr row(List<Expr> items) { return new RowValue(items); }

    /** escape may be null (backslash). */
    public static Expr like(Expr e, Expr pattern, Expr escape, boolean negated) { return new Like(e, pattern, escape, negated); }

    public static Expr regexp(Expr e, Expr pattern, boolean negated) {
        Expr r = Functions.create("REGEXP_LIKE", List.of(e, pattern), null);
        return negated ? new Not(r) : r;
    }

    /** CASE [operand] WHEN .. THEN .. [ELSE ..] END; operand and elseExpr may be null. */
    public static Expr caseWhen(Expr operand, List<Expr> whens, List<Expr> thens, Expr elseExpr) {
        return new CaseWhen(operand, whens, thens, elseExpr);
    }

    /** CAST(e AS type) / CONVERT(e, type). */
    public static Expr cast(Expr e, SqlType target) { return new Cast(e, target); }

    /** CONVERT(e USING charset): a character string in that charset's default collation. */
    public static Expr convertUsing(Expr e, String charset) {
        String cs = charset.toLowerCase(java.util.Locale.ROOT);
        if (cs.equals("binary")) return new Cast(e, SqlType.of(TypeKind.VARBINARY));
        return new Cast(e, SqlType.of(TypeKind.VARCHAR));
    }

    /** e COLLATE name. */
    public static Expr collate(Expr e, Collation collation) { return new Collate(e, collation); }

    /**
     * A scalar function call. Names are case-insensitive.
     * @param currentDatabase used in the 1305 message ("FUNCTION db.name does not exist"); may be null
     * @throws dev.basalt.engine.api.SqlException 1305 unknown function, 1582 wrong argument count
     */
    public static Expr function(String name, List<Expr> args, String currentDatabase) {
        return Functions.create(name, args, currentDatabase);
    }

    /** date + INTERVAL n unit, DATE_ADD / DATE_SUB / ADDDATE / SUBDATE with an INTERVAL. */
    public static Expr dateAdd(Expr date, Expr amount, IntervalUnit unit, boolean subtract) {
        // the PostgreSQL dialect writes interval '1 hour' after + or - as INTERVAL 3600 SECOND: on an interval value it is interval arithmetic
        dev.basalt.engine.types.IntervalValue fixed = interval(date) ? fixedInterval(amount, unit) : null;
        if (fixed != null) {
            return new IntervalArithmetic(subtract ? BinaryOp.SUBTRACT : BinaryOp.ADD, date, new Literal(fixed, SqlType.of(TypeKind.INTERVAL)));
        }
        return dev.basalt.engine.function.DateArithmetic.dateAdd(date, amount, unit, subtract);
    }

    /** {@code INTERVAL n UNIT} with a literal whole n as an interval value, or null. */
    private static dev.basalt.engine.types.IntervalValue fixedInterval(Expr amount, IntervalUnit unit) {
        if (!(amount instanceof Literal l) || !(l.value() instanceof Long n)) return null;
        return switch (unit) {
            case MICROSECOND -> new dev.basalt.engine.types.IntervalValue(0, 0, n);
            case SECOND -> new dev.basalt.engine.types.IntervalValue(0, 0, Math.multiplyExact(n, 1_000_000L));
            case MINUTE -> new dev.basalt.engine.types.IntervalValue(0, 0, Math.multiplyExact(n, 60_000_000L));
            case HOUR -> new dev.basalt.engine.types.IntervalValue(0, 0, Math.multiplyExact(n, 3_600_000_000L));
            case DAY -> new dev.basalt.engine.types.IntervalValue(0, Math.toIntExact(n), 0);
            case WEEK -> new dev.basalt.engine.types.IntervalValue(0, Math.toIntExact(n * 7), 0);
            case MONTH -> new dev.basalt.engine.types.IntervalValue(Math.toIntExact(n), 0, 0);
            case YEAR -> new dev.basalt.engine.types.IntervalValue(Math.toIntExact(n * 12), 0, 0);
            default -> null;
        };
    }

    /** EXTRACT(unit FROM e). */
    public static Expr extract(IntervalUnit unit, Expr e) { return dev.basalt.engine.function.DateArithmetic.extract(unit, e); }

    /** TIMESTAMPDIFF(unit, a, b). */
    public static Expr timestampDiff(IntervalUnit unit, Expr from, Expr to) {
        return dev.basalt.engine.function.DateArithmetic.timestampDiff(unit, from, to);
    }

    /** TIMESTAMPADD(unit, n, e). */
    public static Expr timestampAdd(IntervalUnit unit, Expr amount, Expr e) {
        return dev.basalt.engine.function.DateArithmetic.dateAdd(e, amount, unit, false);
    }

    /** TRIM([mode] [remstr] FROM str); remstr may be null (space). Also reachable as function TRIM/LTRIM/RTRIM. */
    public static Expr trim(TrimMode mode, Expr remstr, Expr str) {
        return dev.basalt.engine.function.StringFunctions.trim(mode, remstr, str);
    }

    // ---- helpers for callers ------------------------------------------------------------------

    /** Evaluates a constant expression (see {@link Expr#isConstant()}). */
    public static Object evalConstant(Expr e, EvalContext ctx) { return e.eval(ctx, null); }
}

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
    public static Literal hexLiteral(byte[] bytes) {
        return new Literal(bytes, SqlType.of(TypeKind.VARBINARY, bytes.length));
    }

    /** B'..' / 0b..: same as hex, a binary string. */
    public static Literal bitLiteral(byte[] bytes) { return hexLiteral(bytes); }

    /** DATE 'x', TIME 'x', TIMESTAMP 'x' literals; SqlException 1525 when invalid. */
    public static Literal temporalLiteral(TypeKind kind, String text) {
        throw new UnsupportedOperationException("temporalLiteral");
    }

    public static ColumnRef column(int index, SqlType type, boolean nullable, String name) {
        return new ColumnRef(index, type, nullable, name);
    }

    /** @name (a user variable read). */
    public static Expr userVariable(String name) { throw new UnsupportedOperationException("userVariable"); }

    /** @name := value. */
    public static Expr assignUserVariable(String name, Expr value) { throw new UnsupportedOperationException("assign"); }

    /** @@[global.|session.]name. */
    public static Expr systemVariable(String name, boolean global) { throw new UnsupportedOperationException("sysvar"); }

    // ---- operators ----------------------------------------------------------------------------

    public static Expr binary(BinaryOp op, Expr left, Expr right) {
        return switch (op) {
            case EQ, NULL_SAFE_EQ, NE, LT, LE, GT, GE -> new Comparison(CompareOp.of(op), left, right);
            case AND -> new And(left, right);
            case OR -> new Or(left, right);
            default -> throw new UnsupportedOperationException(op.name());
        };
    }

    public static Expr unary(UnaryOp op, Expr operand) {
        return switch (op) {
            case NOT -> new Not(operand);
            case PLUS -> operand;
            default -> throw new UnsupportedOperationException(op.name());
        };
    }

    public static Expr isNull(Expr e, boolean negated) { return new IsNull(e, negated); }

    /** e IS [NOT] TRUE / FALSE / UNKNOWN. */
    public static Expr isTruth(Expr e, TruthValue value, boolean negated) {
        throw new UnsupportedOperationException("isTruth");
    }

    public static Expr between(Expr e, Expr low, Expr high, boolean negated) { return new Between(e, low, high, negated); }

    public static Expr in(Expr e, List<Expr> list, boolean negated) { return new InList(e, list, negated); }

    /** escape may be null (backslash). */
    public static Expr like(Expr e, Expr pattern, Expr escape, boolean negated) { return new Like(e, pattern, escape, negated); }

    public static Expr regexp(Expr e, Expr pattern, boolean negated) { throw new UnsupportedOperationException("regexp"); }

    /** CASE [operand] WHEN .. THEN .. [ELSE ..] END; operand and elseExpr may be null. */
    public static Expr caseWhen(Expr operand, List<Expr> whens, List<Expr> thens, Expr elseExpr) {
        throw new UnsupportedOperationException("caseWhen");
    }

    /** CAST(e AS type) / CONVERT(e, type). */
    public static Expr cast(Expr e, SqlType target) { throw new UnsupportedOperationException("cast"); }

    /** CONVERT(e USING charset): a character string in that charset's default collation. */
    public static Expr convertUsing(Expr e, String charset) { throw new UnsupportedOperationException("convertUsing"); }

    /** e COLLATE name. */
    public static Expr collate(Expr e, Collation collation) { throw new UnsupportedOperationException("collate"); }

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
        throw new UnsupportedOperationException("dateAdd");
    }

    /** EXTRACT(unit FROM e). */
    public static Expr extract(IntervalUnit unit, Expr e) { throw new UnsupportedOperationException("extract"); }

    /** TIMESTAMPDIFF(unit, a, b). */
    public static Expr timestampDiff(IntervalUnit unit, Expr from, Expr to) {
        throw new UnsupportedOperationException("timestampDiff");
    }

    /** TIMESTAMPADD(unit, n, e). */
    public static Expr timestampAdd(IntervalUnit unit, Expr amount, Expr e) {
        throw new UnsupportedOperationException("timestampAdd");
    }

    /** TRIM([mode] [remstr] FROM str); remstr may be null (space). Also reachable as function TRIM/LTRIM/RTRIM. */
    public static Expr trim(TrimMode mode, Expr remstr, Expr str) {
        throw new UnsupportedOperationException("trim");
    }

    // ---- helpers for callers ------------------------------------------------------------------

    /** Evaluates a constant expression (see {@link Expr#isConstant()}). */
    public static Object evalConstant(Expr e, EvalContext ctx) { return e.eval(ctx, null); }
}

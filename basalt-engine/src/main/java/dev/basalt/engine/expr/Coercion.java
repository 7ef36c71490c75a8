package dev.basalt.engine.expr;

import dev.basalt.engine.types.Numbers;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.ValueText;

import java.math.BigDecimal;

/**
 * Value conversions with MySQL's warnings: truthiness, to number, to text, and assignment of a
 * value into a column (INSERT / UPDATE) with strict / non-strict behaviour.
 */
public final class Coercion {
    private Coercion() {}

    /** SQL truth: non-NULL and non-zero (strings by their numeric prefix). */
    public static boolean isTrue(Object v) {
        if (v == null) return false;
        if (v instanceof Long l) return l != 0;
        return !Numbers.isZero(v);
    }

    /** Boolean.TRUE / FALSE, or null for SQL NULL. */
    public static Boolean toBoolean(Object v) { return v == null ? null : isTrue(v); }

    /** Integer value, rounding half away from zero and clipping to BIGINT; warns 1292 on bad strings. ctx may be null. */
    public static long toLong(EvalContext ctx, Object v) { throw new UnsupportedOperationException("toLong"); }

    /** Double value; warns 1292 "Truncated incorrect DOUBLE value" on bad strings. ctx may be null. */
    public static double toDouble(EvalContext ctx, Object v) { throw new UnsupportedOperationException("toDouble"); }

    /** Exact value; warns 1292 "Truncated incorrect DECIMAL value" on bad strings. ctx may be null. */
    public static BigDecimal toDecimal(EvalContext ctx, Object v) { throw new UnsupportedOperationException("toDecimal"); }

    /** Text value (MySQL's printed form for numbers and temporals; UTF-8 decoding for byte[]). */
    public static String toText(Object v, SqlType type) {
        if (v instanceof String s) return s;
        if (v instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        return ValueText.toText(v, type);
    }

    /**
     * Converts a value for storage in a column. Strict mode raises SqlException (1406, 1264, 1366,
     * 1292, 1265, 1048 is the caller's); non-strict mode clips/truncates and warns with the same codes.
     * @param rowNumber 1-based row number for messages
     */
    public static Object toColumn(EvalContext ctx, Object value, SqlType valueType, SqlType columnType,
                                  String columnName, long rowNumber) {
        throw new UnsupportedOperationException("toColumn");
    }
}

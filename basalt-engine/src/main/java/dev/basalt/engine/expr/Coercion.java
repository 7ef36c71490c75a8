package dev.basalt.engine.expr;

import dev.basalt.engine.types.Numbers;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Temporals;
import dev.basalt.engine.types.ValueText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Value conversions with MySQL's warnings: truthiness, to number, to text. Assignment into a
 * column lives in {@link ColumnAssignment} (reached through {@link #toColumn}).
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

    /**
     * Integer value of a non-null value: DECIMAL rounds half away from zero, DOUBLE rounds to
     * nearest, values beyond BIGINT clip (unsigned above Long.MAX wraps as MySQL's CAST does);
     * strings by their numeric prefix with warning 1292. ctx may be null (no warnings).
     */
    public static long toLong(EvalContext ctx, Object v) {
        return switch (v) {
            case Long l -> l;
            case BigInteger b -> b.longValue();
            case BigDecimal d -> decimalToLong(d);
            case Double d -> doubleToLong(d);
            case String s -> stringToLong(ctx, s);
            case byte[] b -> stringToLong(ctx, new String(b, StandardCharsets.ISO_8859_1));
            default -> decimalToLong(Numbers.toDecimal(v));
        };
    }

    static long decimalToLong(BigDecimal d) {
        BigDecimal r = d.setScale(0, RoundingMode.HALF_UP);
        if (r.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) return Long.MAX_VALUE;
        if (r.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) return Long.MIN_VALUE;
        return r.longValue();
    }

    static long doubleToLong(double d) {
        if (d >= 9.223372036854775807E18) return Long.MAX_VALUE;
        if (d <= -9.223372036854775808E18) return Long.MIN_VALUE;
        return (long) Math.rint(d);
    }

    private static long stringToLong(EvalContext ctx, String s) {
        int end = Numbers.numericPrefixEnd(s, 0, true);
        if (ctx != null && (end == 0 || Numbers.skipSpace(s, end) != s.length())) {
            ctx.warn(1292, "Truncated incorrect INTEGER value: '" + s + "'");
        }
        if (end == 0) return 0;
        return decimalToLong(Numbers.parseDecimal(s));
    }

    /** Double value; warns 1292 "Truncated incorrect DOUBLE value" on bad strings. ctx may be null. */
    public static double toDouble(EvalContext ctx, Object v) {
        return switch (v) {
            case Long l -> l;
            case Double d -> d;
            case BigDecimal d -> d.doubleValue();
            case String s -> stringToDouble(ctx, s);
            case byte[] b -> stringToDouble(ctx, new String(b, StandardCharsets.ISO_8859_1));
            default -> Numbers.toDouble(v);
        };
    }

    private static double stringToDouble(EvalContext ctx, String s) {
        int end = Numbers.numericPrefixEnd(s, 0, true);
        if (ctx != null && (end == 0 || Numbers.skipSpace(s, end) != s.length())) {
            ctx.warn(1292, "Truncated incorrect DOUBLE value: '" + s + "'");
        }
        return end == 0 ? 0.0 : Numbers.parseDouble(s);
    }

    /** Exact value; warns 1292 "Truncated incorrect DECIMAL value" on bad strings. ctx may be null. */
    public static BigDecimal toDecimal(EvalContext ctx, Object v) {
        return switch (v) {
            case Long l -> BigDecimal.valueOf(l);
            case BigDecimal d -> d;
            case String s -> stringToDecimal(ctx, s);
            case byte[] b -> stringToDecimal(ctx, new String(b, StandardCharsets.ISO_8859_1));
            default -> Numbers.toDecimal(v);
        };
    }

    private static BigDecimal stringToDecimal(EvalContext ctx, String s) {
        int end = Numbers.numericPrefixEnd(s, 0, true);
        if (ctx != null && (end == 0 || Numbers.skipSpace(s, end) != s.length())) {
            ctx.warn(1292, "Truncated incorrect DECIMAL value: '" + s + "'");
        }
        return end == 0 ? BigDecimal.ZERO : Numbers.parseDecimal(s);
    }

    /** Text value (MySQL's printed form for numbers and temporals; UTF-8 decoding for byte[]). */
    public static String toText(Object v, SqlType type) {
        if (v instanceof String s) return s;
        if (v instanceof byte[] b) return new String(b, StandardCharsets.UTF_8);
        return ValueText.toText(v, type);
    }

    /** Bytes of a value as a binary string (character strings as UTF-8). */
    public static byte[] toBytes(Object v, SqlType type) {
        if (v instanceof byte[] b) return b;
        return toText(v, type).getBytes(StandardCharsets.UTF_8);
    }

    /** A DATETIME from any value (dates at midnight, strings parsed, numbers like 20200102); null if not a date. */
    public static LocalDateTime toDateTime(EvalContext ctx, Object v) {
        return switch (v) {
            case LocalDateTime t -> t;
            case LocalDate d -> d.atStartOfDay();
            case Duration d -> ctx == null ? LocalDate.now().atStartOfDay().plus(d) : ctx.statementStart().toLocalDate().atStartOfDay().plus(d);
            case String s -> warnIfNull(ctx, Temporals.parseDateTime(s), "datetime", s);
            case byte[] b -> toDateTime(ctx, new String(b, StandardCharsets.ISO_8859_1));
            case Long l -> warnIfNull(ctx, Temporals.fromNumber(l), "datetime", l.toString());
            case BigDecimal d -> warnIfNull(ctx, d.signum() > 0 && d.precision() - d.scale() <= 14 ? withMicros(Temporals.fromNumber(d.longValue()), d) : null, "datetime", d.toPlainString());
            case Double d -> toDateTime(ctx, BigDecimal.valueOf(d));
            default -> null;
        };
    }

    private static LocalDateTime withMicros(LocalDateTime t, BigDecimal d) {
        if (t == null) return null;
        int us = d.remainder(BigDecimal.ONE).movePointRight(6).intValue();
        return t.plusNanos(us * 1000L);
    }

    private static <T> T warnIfNull(EvalContext ctx, T v, String kind, String text) {
        if (v == null && ctx != null) ctx.warn(1292, "Incorrect " + kind + " value: '" + text + "'");
        return v;
    }

    /** A DATE from any value; null (with warning 1292) if not a date. */
    public static LocalDate toDate(EvalContext ctx, Object v) {
        if (v instanceof LocalDate d) return d;
        LocalDateTime t = toDateTime(ctx, v);
        return t == null ? null : t.toLocalDate();
    }

    /** A TIME from any value; null (with warning 1292) if not a time. */
    public static Duration toTime(EvalContext ctx, Object v) {
        return switch (v) {
            case Duration d -> d;
            case LocalDateTime t -> Duration.ofNanos(t.toLocalTime().toNanoOfDay());
            case LocalDate d -> Duration.ZERO;
            case String s -> {
                Duration d = Temporals.parseTime(s);
                if (d == null) {
                    LocalDateTime t = Temporals.parseDateTime(s);
                    if (t != null) yield Duration.ofNanos(t.toLocalTime().toNanoOfDay());
                }
                yield warnIfNull(ctx, d, "time", s);
            }
            case byte[] b -> toTime(ctx, new String(b, StandardCharsets.ISO_8859_1));
            case Long l -> warnIfNull(ctx, Temporals.parseTime(Long.toString(l)), "time", l.toString());
            case BigDecimal d -> warnIfNull(ctx, Temporals.parseTime(d.toPlainString()), "time", d.toPlainString());
            case Double d -> toTime(ctx, BigDecimal.valueOf(d));
            default -> null;
        };
    }

    /**
     * Converts a value for storage in a column. Strict mode raises SqlException (1406 too long,
     * 1264 out of range, 1366 incorrect value, 1292 bad date/time, 1265 truncated/ENUM); non-strict
     * mode clips / truncates and warns with the same codes. NULL passes through (the NOT NULL check,
     * 1048, is the caller's). INSERT IGNORE: pass a context whose strictMode() is false.
     * @param rowNumber 1-based row number for messages
     */
    public static Object toColumn(EvalContext ctx, Object value, SqlType valueType, SqlType columnType,
                                  String columnName, long rowNumber) {
        if (value == null) return null;
        return new ColumnAssignment(ctx, columnType, columnName, rowNumber).convert(value, valueType);
    }
}

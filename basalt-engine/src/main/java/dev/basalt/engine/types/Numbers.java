package dev.basalt.engine.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Conversions between the numeric Java values, without warnings (the expression layer adds
 * warnings on top). Strings convert through their longest numeric prefix, as MySQL does.
 */
public final class Numbers {
    private Numbers() {}

    public static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    public static final BigInteger ULONG_MAX = TWO_64.subtract(BigInteger.ONE);
    public static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    public static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    /** Index just past the leading whitespace of s. */
    public static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    /**
     * End of the longest numeric prefix starting at {@code start} (after whitespace):
     * [+-]digits[.digits][e[+-]digits]. Returns {@code start} when there is no number at all.
     */
    public static int numericPrefixEnd(String s, int start, boolean allowFraction) {
        int n = s.length();
        int i = skipSpace(s, start);
        int begin = i;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        if (allowFraction && i < n && s.charAt(i) == '.') {
            int j = i + 1;
            int frac = 0;
            while (j < n && isDigit(s.charAt(j))) { j++; frac++; }
            if (digits + frac > 0) { i = j; digits += frac; }
        }
        if (digits == 0) return start;
        if (allowFraction && i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
            int exp = 0;
            while (j < n && isDigit(s.charAt(j))) { j++; exp++; }
            if (exp > 0) i = j;
        }
        return i == begin ? start : i;
    }

    static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /** Whether s is entirely a number (surrounding whitespace allowed). */
    public static boolean isWholeNumber(String s, boolean allowFraction) {
        int end = numericPrefixEnd(s, 0, allowFraction);
        if (end == 0 && !hasDigit(s)) return false;
        return skipSpace(s, end) == s.length() && end > 0;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) if (isDigit(s.charAt(i))) return true;
        return false;
    }

    /** The double value of a string's numeric prefix (0 when none). */
    public static double parseDouble(String s) {
        int end = numericPrefixEnd(s, 0, true);
        if (end == 0) return 0.0;
        String t = s.substring(skipSpace(s, 0), end);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return 0.0;
        }
    }

    /** The exact value of a string's numeric prefix (0 when none). */
    public static BigDecimal parseDecimal(String s) {
        int end = numericPrefixEnd(s, 0, true);
        if (end == 0) return BigDecimal.ZERO;
        String t = s.substring(skipSpace(s, 0), end);
        if (t.startsWith("+")) t = t.substring(1);
        try {
            BigDecimal d = new BigDecimal(t);
            // MySQL keeps at most 30 decimal digits after the point in DECIMAL
            if (d.scale() > 30) d = d.setScale(30, java.math.RoundingMode.HALF_UP);
            if (d.scale() < 0) d = d.setScale(0);
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            return BigDecimal.ZERO;
        }
    }

    /** Bytes as a big-endian unsigned integer, as MySQL reads hex/bit literals in numeric context. */
    public static Object bytesToUnsigned(byte[] b) {
        if (b.length <= 7) {
            long v = 0;
            for (byte x : b) v = (v << 8) | (x & 0xFF);
            return v;
        }
        BigInteger bi = new BigInteger(1, b);
        if (bi.bitLength() > 64) bi = ULONG_MAX;
        return normalize(bi);
    }

    /** Long when it fits, otherwise the BigInteger (the unsigned BIGINT rule of TypeKind). */
    public static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** The number as a double; strings by prefix, byte[] as text. */
    public static double toDouble(Object v) {
        return switch (v) {
            case Long l -> l;
            case Double d -> d;
            case BigDecimal d -> d.doubleValue();
            case BigInteger b -> b.doubleValue();
            case String s -> parseDouble(s);
            case byte[] b -> parseDouble(new String(b, StandardCharsets.ISO_8859_1));
            case Integer i -> i;
            case Float f -> f;
            case Boolean b -> b ? 1 : 0;
            default -> Temporals.toNumber(v).doubleValue();
        };
    }

    /** The number as an exact decimal; doubles through their shortest text. */
    public static BigDecimal toDecimal(Object v) {
        return switch (v) {
            case Long l -> BigDecimal.valueOf(l);
            case BigDecimal d -> d;
            case BigInteger b -> new BigDecimal(b);
            case Double d -> d.isNaN() || d.isInfinite() ? BigDecimal.ZERO : new BigDecimal(Double.toString(d));
            case String s -> parseDecimal(s);
            case byte[] b -> parseDecimal(new String(b, StandardCharsets.ISO_8859_1));
            case Integer i -> BigDecimal.valueOf(i);
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            default -> Temporals.toNumber(v);
        };
    }

    public static boolean isZero(Object v) {
        return switch (v) {
            case Long l -> l == 0;
            case Double d -> d == 0.0;
            case BigDecimal d -> d.signum() == 0;
            case BigInteger b -> b.signum() == 0;
            default -> toDouble(v) == 0.0;
        };
    }
}

package dev.basalt.it.slt;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Renders one result value the way sqllogictest prints it for a column's type letter. The driver hands
 * us the server's text form; I and R may stand for each other, so a DECIMAL under I is truncated toward
 * zero (like C's atoll on "2.61") and an integer under R is printed with three decimals.
 */
public final class ValueFormatter {
    private ValueFormatter() {}

    public static String format(char type, String text) {
        if (text == null) return "NULL";
        return switch (type) {
            case 'I' -> integer(text);
            case 'R' -> real(text);
            default -> text(text);
        };
    }

    static String integer(String s) {
        if (isPlainInteger(s)) return s.charAt(0) == '+' ? s.substring(1) : s;
        BigDecimal d = parseNumber(s);
        if (d != null) return d.toBigInteger().toString();
        return Long.toString(leadingInteger(s));
    }

    static String real(String s) {
        double d;
        BigDecimal exact = parseNumber(s);
        d = exact != null ? exact.doubleValue() : leadingDouble(s);
        if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
        // exact binary value with half-even rounding, as C's printf("%.3f") does
        BigDecimal r = new BigDecimal(d).setScale(3, RoundingMode.HALF_EVEN);
        if (r.signum() == 0) return "0.000";
        return r.toPlainString();
    }

    static String text(String s) {
        if (s.isEmpty()) return "(empty)";
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c > '~') {
                if (sb == null) sb = new StringBuilder(s.substring(0, i));
                sb.append('@');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean isPlainInteger(String s) {
        int i = 0, n = s.length();
        if (n == 0) return false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') i++;
        if (i == n) return false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static BigDecimal parseNumber(String s) {
        String t = s.trim();
        if (t.isEmpty()) return null;
        char c = t.charAt(0);
        if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) return null;
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** atoll: optional whitespace and sign, then digits; anything else yields what was read so far. */
    private static long leadingInteger(String s) {
        int i = 0, n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        boolean neg = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) neg = s.charAt(i++) == '-';
        long v = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') v = v * 10 + (s.charAt(i++) - '0');
        return neg ? -v : v;
    }

    /** atof on the longest numeric prefix. */
    private static double leadingDouble(String s) {
        String t = s.trim();
        for (int end = t.length(); end > 0; end--) {
            try {
                return Double.parseDouble(t.substring(0, end));
            } catch (NumberFormatException ignored) {
                // try a shorter prefix
            }
        }
        return 0.0;
    }
}

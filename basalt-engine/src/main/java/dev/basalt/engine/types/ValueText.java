package dev.basalt.engine.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Renders a value as MySQL prints it in text results and in CAST(... AS CHAR):
 * DECIMAL with its scale, DOUBLE in MySQL's shortest form, dates as 'YYYY-MM-DD', etc.
 * Binary values (byte[], BIT) come back as ISO-8859-1 strings, one char per byte.
 */
public final class ValueText {
    private ValueText() {}

    /** Field width MySQL uses when printing a DOUBLE (DBL_DIG + 7). */
    private static final int DOUBLE_WIDTH = 22;
    /** Field width for FLOAT (FLT_DIG + 6); FLOAT keeps 6 significant digits. */
    private static final int FLOAT_WIDTH = 12;
    private static final int FLOAT_DIGITS = 6;
    /** Above this decimal exponent MySQL prefers 1e15 over 1000000000000000 (DBL_DIG). */
    private static final int MAX_DECPT_FOR_F_FORMAT = 15;

    /** Text form of a non-null value; callers send SQL NULL separately. {@code type} may be null. */
    public static String toText(Object value, SqlType type) {
        TypeKind kind = type == null ? null : type.kind();
        String s = switch (value) {
            case String str -> str;
            case Long l -> {
                if (kind == TypeKind.BIT) yield bitText(l, type.length());
                if (kind == TypeKind.YEAR) yield l == 0 ? "0000" : Long.toString(l);
                if (kind != null && kind.isApproximate()) yield formatDouble(l, kind == TypeKind.FLOAT);
                if (type != null && type.unsigned() && l < 0) yield Long.toUnsignedString(l);
                yield Long.toString(l);
            }
            case Double d -> type != null && type.scale() >= 0 && type.scale() <= 30 && kind != null && kind.isApproximate()
                    ? fixedDecimals(d, type.scale()) : formatDouble(d, kind == TypeKind.FLOAT);
            case BigDecimal d -> decimalText(d, type);
            case BigInteger b -> b.toString();
            case byte[] b -> new String(b, StandardCharsets.ISO_8859_1);
            case LocalDate d -> Temporals.formatDate(d);
            case LocalDateTime t -> Temporals.formatDateTime(t, type == null ? autoFsp(t.getNano()) : Math.max(type.scale(), 0));
            case Duration d -> Temporals.formatTime(d, type == null ? autoFsp(d.getNano()) : Math.max(type.scale(), 0));
            case Integer i -> Integer.toString(i);
            case Float f -> formatDouble(f, true);
            case Boolean b -> b ? "1" : "0";
            default -> String.valueOf(value);
        };
        if (type != null && type.zerofill() && type.length() > s.length() && kind != null && kind.isNumeric()) {
            s = "0".repeat(type.length() - s.length()) + s;
        }
        return s;
    }

    private static int autoFsp(int nanos) {
        if (nanos == 0) return 0;
        int us = nanos / 1000;
        int fsp = 6;
        while (fsp > 0 && us % 10 == 0) { us /= 10; fsp--; }
        return fsp;
    }

    private static String decimalText(BigDecimal d, SqlType type) {
        if (type != null && type.kind() == TypeKind.DECIMAL && type.scale() >= 0 && d.scale() != type.scale()) {
            d = d.setScale(type.scale(), RoundingMode.HALF_UP);
        } else if (type != null && type.kind() != null && type.kind().isApproximate()) {
            return formatDouble(d.doubleValue(), type.kind() == TypeKind.FLOAT);
        }
        if (d.scale() < 0) d = d.setScale(0);
        return d.toPlainString();
    }

    private static String bitText(long v, int bits) {
        int n = Math.max((Math.max(bits, 1) + 7) / 8, 1);
        char[] c = new char[n];
        for (int i = n - 1; i >= 0; i--) { c[i] = (char) (v & 0xFF); v >>>= 8; }
        return new String(c);
    }

    /** A DOUBLE with a fixed number of decimals (DOUBLE(M,D) columns, PI(), ROUND(x, 2)). */
    public static String fixedDecimals(double d, int decimals) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return formatDouble(d, false);
        return new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A DOUBLE (or FLOAT when {@code isFloat}) as MySQL prints it. */
    public static String formatDouble(double x, boolean isFloat) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x > 0 ? "inf" : Double.isNaN(x) ? "nan" : "-inf";
        if (x == 0) return (1 / x < 0) ? "-0" : "0";
        boolean neg = x < 0;
        int width = (isFloat ? FLOAT_WIDTH : DOUBLE_WIDTH) - (neg ? 1 : 0);
        BigDecimal exact = new BigDecimal(Math.abs(x));
        BigDecimal shortest = isFloat
                ? exact.round(new MathContext(Math.min(width, FLOAT_DIGITS), RoundingMode.HALF_EVEN)).stripTrailingZeros()
                : new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        if (!isFloat && shortest.precision() > width) {
            shortest = shortest.round(new MathContext(width, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        }
        String digits = shortest.unscaledValue().toString();
        int len = digits.length();
        int decpt = len - shortest.scale();
        int expLen = 1 + ((decpt >= 101 || decpt <= -99) ? 1 : 0) + ((decpt >= 11 || decpt <= -9) ? 1 : 0);
        boolean haveSpace = (decpt <= 0 ? len - decpt + 2 : decpt < len ? len + 1 : decpt) <= width;
        boolean forceE = decpt <= 0 && width <= 2 - decpt && width >= 3 + expLen;
        boolean fFormat = (haveSpace || (decpt <= width && (decpt >= -1 || (decpt == -2 && (len > 1 || !forceE))) && !forceE))
                && (!haveSpace || (decpt >= -MAX_DECPT_FOR_F_FORMAT + 1 && (decpt <= MAX_DECPT_FOR_F_FORMAT || len > decpt)));
        StringBuilder sb = new StringBuilder(24);
        if (neg) sb.append('-');
        if (fFormat) {
            int w = width - ((decpt < len ? 1 : 0) + (decpt <= 0 ? 1 - decpt : 0));
            if (w < len) {
                if (w < decpt) w = decpt;
                BigDecimal r = exact.setScale(w - decpt, RoundingMode.HALF_EVEN).stripTrailingZeros();
                if (r.signum() == 0) return "0";
                digits = r.unscaledValue().toString();
                len = digits.length();
                decpt = len - r.scale();
            }
            if (decpt <= 0) {
                sb.append("0.");
                for (int i = decpt; i < 0; i++) sb.append('0');
                sb.append(digits);
            } else if (decpt < len) {
                sb.append(digits, 0, decpt).append('.').append(digits, decpt, len);
            } else {
                sb.append(digits);
                for (int i = len; i < decpt; i++) sb.append('0');
            }
        } else {
            int exp = decpt - 1;
            int w = width;
            if (exp < 0) w--;
            w -= 1 + expLen;
            if (len > 1) w--;
            if (w < len && w > 0) {
                BigDecimal r = exact.round(new MathContext(w, RoundingMode.HALF_EVEN)).stripTrailingZeros();
                digits = r.unscaledValue().toString();
                len = digits.length();
                exp = len - r.scale() - 1;
            }
            sb.append(digits.charAt(0));
            if (len > 1) sb.append('.').append(digits, 1, len);
            sb.append('e').append(exp);
        }
        return sb.toString();
    }
}

package dev.basalt.engine.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * MySQL's JSON text: {@code {"a": 1, "b": [1, 2]}} (a space after ':' and ','), and JSON_PRETTY's
 * two-space indented form. Doubles print like MySQL: shortest digits, {@code .0} on whole numbers,
 * exponent form below 1e-4 and from 1e15 on.
 */
public final class JsonWriter {
    private JsonWriter() {}

    public static String compact(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, -1);
        return sb.toString();
    }

    public static String pretty(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, 0);
        return sb.toString();
    }

    /** @param indent -1 for the compact form, else the current nesting level */
    private static void write(StringBuilder sb, Object v, int indent) {
        switch (v) {
            case List<?> l -> {
                if (l.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) sb.append(indent < 0 ? ", " : ",");
                    newline(sb, indent, 1);
                    write(sb, l.get(i), indent < 0 ? -1 : indent + 1);
                }
                newline(sb, indent, 0);
                sb.append(']');
            }
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) sb.append(indent < 0 ? ", " : ",");
                    first = false;
                    newline(sb, indent, 1);
                    quote(sb, (String) e.getKey());
                    sb.append(": ");
                    write(sb, e.getValue(), indent < 0 ? -1 : indent + 1);
                }
                newline(sb, indent, 0);
                sb.append('}');
            }
            case String s -> quote(sb, s);
            case Double d -> sb.append(formatDouble(d));
            case BigDecimal d -> sb.append(d.toPlainString());
            case java.time.LocalDateTime d -> quote(sb, dev.basalt.engine.types.ValueText.toText(d, dev.basalt.engine.types.SqlType.DATETIME.withScale(6)));
            case java.time.Duration d -> quote(sb, dev.basalt.engine.types.ValueText.toText(d, dev.basalt.engine.types.SqlType.TIME.withScale(6)));
            case java.time.LocalDate d -> quote(sb, d.toString());
            default -> sb.append(v);
        }
    }

    private static void newline(StringBuilder sb, int indent, int extra) {
        if (indent < 0) return;
        sb.append('\n');
        sb.append("  ".repeat(indent + extra));
    }

    /** A JSON string literal with MySQL's escapes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    /** Appends {@code s} as a JSON string literal (quotes, backslashes and control characters escaped). */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    /** MySQL's rendering of a JSON double (my_gcvt with the ".0" MySQL adds to whole numbers). */
    public static String formatDouble(double d) {
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = b.unscaledValue().toString();
        int decpt = digits.length() - b.scale(); // value = 0.digits * 10^decpt
        StringBuilder sb = new StringBuilder();
        if (d < 0) sb.append('-');
        if (decpt < -3 || decpt > 15) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(decpt - 1);
        } else if (decpt <= 0) {
            sb.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return sb.toString();
    }
}

package dev.basalt.engine.types;

/**
 * Renders a value as MySQL prints it in text results and in CAST(... AS CHAR):
 * DECIMAL with its scale, DOUBLE in MySQL's shortest form, dates as 'YYYY-MM-DD', etc.
 */
public final class ValueText {
    private ValueText() {}

    /** Text form of a non-null value; callers send SQL NULL separately. */
    public static String toText(Object value, SqlType type) {
        // Placeholder until the full formatter lands (owned by the types/expr work).
        if (value instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (value instanceof java.math.BigDecimal d) return d.toPlainString();
        return String.valueOf(value);
    }
}

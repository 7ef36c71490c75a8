package dev.basalt.engine.stats;

import java.util.Base64;

/**
 * The values of a histogram's JSON document, both ways: SQL values to MySQL's JSON forms
 * ({@code "base64:type254:..."} for strings, quoted dates and times) and JSON forms to keys the
 * planner compares with the constants of a condition.
 */
final class HistogramValues {
    private HistogramValues() {}

    /** A comparable key: numbers as Double, strings and temporal values as String. */
    @SuppressWarnings("unchecked")
    static Comparable<Object> key(String dataType, Object jsonValue) {
        Object k = switch (jsonValue) {
            case Number n -> n.doubleValue();
            case String s when s.startsWith("base64:") -> {
                int colon = s.indexOf(':', "base64:".length());
                yield new String(Base64.getDecoder().decode(s.substring(colon + 1)), java.nio.charset.StandardCharsets.UTF_8);
            }
            default -> String.valueOf(jsonValue);
        };
        return (Comparable<Object>) (Comparable<?>) k;
    }

    /** The key of a SQL constant compared with a column of this data type, or null when not comparable. */
    @SuppressWarnings("unchecked")
    static Comparable<Object> keyOf(String dataType, Object sqlValue) {
        if (sqlValue == null) return null;
        Object k = switch (dataType) {
            case "int", "uint", "double", "decimal", "enum", "set" -> sqlValue instanceof Number n ? (Object) n.doubleValue() : null;
            case "date" -> sqlValue instanceof java.time.LocalDate || sqlValue instanceof java.time.LocalDateTime
                    ? text(dataType, sqlValue) : null;
            case "datetime" -> sqlValue instanceof java.time.LocalDateTime || sqlValue instanceof java.time.LocalDate
                    ? text(dataType, sqlValue) : null;
            case "time" -> sqlValue instanceof java.time.Duration ? text(dataType, sqlValue) : null;
            default -> sqlValue instanceof String s ? s : null;
        };
        return (Comparable<Object>) (Comparable<?>) k;
    }

    /** How far {@code v} lies between lower and upper (0..1); one half where distance is unknown. */
    static double position(Comparable<Object> lower, Comparable<Object> upper, Comparable<Object> v) {
        Object l = lower, u = upper, p = v;
        if (l instanceof Double lo && u instanceof Double hi && p instanceof Double x) {
            return hi > lo ? Math.max(0, Math.min(1, (x - lo) / (hi - lo))) : 0.5;
        }
        return 0.5;
    }

    /** MySQL's text of a temporal value in a histogram ({@code 2024-01-31}, {@code 2024-01-31 10:00:00.000000}). */
    static String text(String dataType, Object v) {
        return switch (v) {
            case java.time.LocalDateTime t when dataType.equals("date") -> t.toLocalDate().toString();
            case java.time.LocalDateTime t -> t.toLocalDate() + " " + time(t.toLocalTime().toNanoOfDay() / 1000);
            case java.time.LocalDate d when dataType.equals("datetime") -> d + " 00:00:00.000000";
            case java.time.LocalDate d -> d.toString();
            case java.time.Duration d -> (d.isNegative() ? "-" : "") + time(Math.abs(d.toNanos() / 1000));
            default -> v.toString();
        };
    }

    private static String time(long micros) {
        long s = micros / 1_000_000;
        return String.format("%02d:%02d:%02d.%06d", s / 3600, s / 60 % 60, s % 60, micros % 1_000_000);
    }

    /** MySQL's string bucket value: base64 of the bytes, tagged with the column's field type. */
    static String stringValue(Object v, int fieldType) {
        byte[] b = v instanceof byte[] a ? a : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return "base64:type" + fieldType + ":" + Base64.getEncoder().encodeToString(b);
    }
}

package dev.basalt.engine.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * MySQL's comparison of JSON values: values of different types order by type precedence
 * (DATETIME > TIME > DATE > BOOLEAN > ARRAY > OBJECT > STRING > numbers > NULL); numbers compare by value whatever their
 * representation; strings by their UTF-8 bytes; arrays element by element, then by length;
 * objects by size, then member by member in key order.
 */
public final class JsonCompare {
    private JsonCompare() {}

    private static int rank(Object v) {
        return switch (v) {
            case Json.Null n -> 0;
            case Long l -> 1;
            case BigInteger b -> 1;
            case Double d -> 1;
            case BigDecimal d -> 1;
            case String s -> 2;
            case Map<?, ?> m -> 3;
            case List<?> l -> 4;
            case Boolean b -> 5;
            case java.time.LocalDate d -> 6;
            case java.time.Duration d -> 7;
            case java.time.LocalDateTime d -> 8;
            default -> 9;
        };
    }

    public static int compare(Object a, Object b) {
        int ra = rank(a), rb = rank(b);
        if (ra != rb) return Integer.compare(ra, rb);
        return switch (ra) {
            case 0 -> 0;
            case 1 -> compareNumbers(a, b);
            case 2 -> Arrays.compareUnsigned(((String) a).getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
            case 3 -> compareObjects((Map<?, ?>) a, (Map<?, ?>) b);
            case 4 -> compareArrays((List<?>) a, (List<?>) b);
            case 5 -> Boolean.compare((Boolean) a, (Boolean) b);
            case 6 -> ((java.time.LocalDate) a).compareTo((java.time.LocalDate) b);
            case 7 -> ((java.time.Duration) a).compareTo((java.time.Duration) b);
            case 8 -> ((java.time.LocalDateTime) a).compareTo((java.time.LocalDateTime) b);
            default -> a.toString().compareTo(b.toString());
        };
    }

    /** Comparison of a JSON operand with another (JSON or SQL) value: both sides as JSON values. */
    public static dev.basalt.engine.types.ValueComparator comparator(dev.basalt.engine.types.SqlType ta,
                                                                    dev.basalt.engine.types.SqlType tb) {
        return (x, y) -> compare(JsonValues.fromSql(x, ta), JsonValues.fromSql(y, tb));
    }

    /**
     * A GROUP BY / DISTINCT key for JSON text that is equal exactly when the values compare equal:
     * the document with every number written as its exact decimal value (1, 1.0 and 1e0 agree).
     */
    public static String groupKey(String text) {
        StringBuilder sb = new StringBuilder();
        keyOf(Json.parse(text), sb);
        return sb.toString();
    }

    private static void keyOf(Object v, StringBuilder sb) {
        switch (v) {
            case List<?> l -> {
                sb.append('[');
                for (Object e : l) {
                    keyOf(e, sb);
                    sb.append(',');
                }
                sb.append(']');
            }
            case Map<?, ?> m -> {
                sb.append('{');
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(JsonWriter.quote((String) e.getKey())).append(':');
                    keyOf(e.getValue(), sb);
                    sb.append(',');
                }
                sb.append('}');
            }
            case Long l -> sb.append(l);
            case BigInteger b -> sb.append(b);
            case Double d -> sb.append(d.isNaN() || d.isInfinite() ? d.toString() : plain(new BigDecimal(d)));
            case BigDecimal d -> sb.append(plain(d));
            default -> sb.append(JsonWriter.compact(v)).append('~').append(Json.typeName(v));
        }
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    public static boolean equal(Object a, Object b) { return compare(a, b) == 0; }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) return Long.compare(x, y);
        if (a instanceof Double x && Double.isNaN(x) || b instanceof Double y && Double.isNaN(y)) return 0;
        return toDecimal(a).compareTo(toDecimal(b));
    }

    private static BigDecimal toDecimal(Object n) {
        return switch (n) {
            case Long l -> BigDecimal.valueOf(l);
            case BigInteger b -> new BigDecimal(b);
            case Double d -> new BigDecimal(d);
            case BigDecimal d -> d;
            default -> BigDecimal.ZERO;
        };
    }

    private static int compareArrays(List<?> a, List<?> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareObjects(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) return Integer.compare(a.size(), b.size());
        Iterator<? extends Map.Entry<?, ?>> x = a.entrySet().iterator(), y = b.entrySet().iterator();
        while (x.hasNext()) {
            Map.Entry<?, ?> ex = x.next(), ey = y.next();
            int c = Json.KEY_ORDER.compare((String) ex.getKey(), (String) ey.getKey());
            if (c != 0) return c;
            c = compare(ex.getValue(), ey.getValue());
            if (c != 0) return c;
        }
        return 0;
    }
}

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
 * (BOOLEAN > ARRAY > OBJECT > STRING > numbers > NULL); numbers compare by value whatever their
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
            default -> 6;
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
            default -> a.toString().compareTo(b.toString());
        };
    }

    /** Comparison of a JSON operand with another (JSON or SQL) value: both sides as JSON values. */
    public static dev.basalt.engine.types.ValueComparator comparator(dev.basalt.engine.types.SqlType ta,
                                                                    dev.basalt.engine.types.SqlType tb) {
        return (x, y) -> compare(JsonValues.fromSql(x, ta), JsonValues.fromSql(y, tb));
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

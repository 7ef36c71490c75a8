package dev.basalt.engine.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON value model's shared pieces: the JSON null, object maps in MySQL's key order, type names. */
public final class Json {
    private Json() {}

    /** JSON's null literal (distinct from SQL NULL, which is Java null). */
    public enum Null { NULL; @Override public String toString() { return "null"; } }

    public static final Null NULL = Null.NULL;

    /** MySQL keeps object members sorted by key length in bytes, then by the bytes themselves. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        if (a.equals(b)) return 0;
        byte[] x = a.getBytes(StandardCharsets.UTF_8), y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) return Integer.compare(x.length, y.length);
        return java.util.Arrays.compareUnsigned(x, y);
    };

    public static TreeMap<String, Object> newObject() { return new TreeMap<>(KEY_ORDER); }

    public static List<Object> newArray() { return new ArrayList<>(); }

    /** JSON_TYPE's answer for a value. */
    public static String typeName(Object v) {
        return switch (v) {
            case Null n -> "NULL";
            case Boolean b -> "BOOLEAN";
            case Long l -> "INTEGER";
            case BigInteger b -> "UNSIGNED INTEGER";
            case Double d -> "DOUBLE";
            case BigDecimal d -> "DECIMAL";
            case java.time.LocalDateTime d -> "DATETIME";
            case java.time.LocalDate d -> "DATE";
            case java.time.Duration d -> "TIME";
            case String s -> "STRING";
            case List<?> l -> "ARRAY";
            case Map<?, ?> m -> "OBJECT";
            default -> "OPAQUE";
        };
    }

    /**
     * Parses trusted canonical text (a JSON column's or JSON expression's value). Text that a JSON
     * expression just printed is answered from {@link #RECENT}, so types the text cannot show
     * (DECIMAL, DATE, TIME, DATETIME) survive from one JSON function to the next, as in MySQL's
     * binary JSON; the answer is a copy, since callers may change it.
     */
    public static Object parse(String text) {
        Object known = knownValue(text);
        if (known != null) return copy(known);
        return JsonParser.parse(text);
    }

    /**
     * The typed value behind this very text when it is known without parsing: printed by a JSON
     * expression just now, or read from storage with types its text cannot show (see
     * {@link JsonStorage}); else null. Not a copy: callers must not change it.
     */
    static Object knownValue(String text) {
        Object[] recent = RECENT.get();
        for (int i = 0; i < recent.length; i += 2) {
            if (recent[i] == text) return recent[i + 1];
        }
        return JsonTyping.lookup(text);
    }

    /** Canonical text: {@code {"a": 1, "b": [1, 2]}}; remembered for {@link #parse} by identity. */
    public static String print(Object v) {
        String text = JsonWriter.compact(v);
        if (text.length() > RECENT_MAX_TEXT) return text;
        if (v instanceof List<?> || v instanceof Map<?, ?> || v instanceof BigDecimal || v instanceof java.time.temporal.Temporal
                || v instanceof java.time.Duration) {
            Object[] recent = RECENT.get();
            int slot = (int) (RECENT_NEXT.get()[0]++ % (recent.length / 2)) * 2;
            recent[slot] = text;
            recent[slot + 1] = copy(v);
        }
        return text;
    }

    /** Per thread: the last documents printed, as (text, value) pairs matched by identity of the text. */
    private static final ThreadLocal<Object[]> RECENT = ThreadLocal.withInitial(() -> new Object[32]);
    /** Big documents are not kept: a connection holds at most 16 small ones. */
    private static final int RECENT_MAX_TEXT = 16384;
    private static final ThreadLocal<long[]> RECENT_NEXT = ThreadLocal.withInitial(() -> new long[1]);

    /** A deep copy, so functions can modify documents they were given. */
    @SuppressWarnings("unchecked")
    public static Object copy(Object v) {
        if (v instanceof List<?> l) {
            List<Object> c = newArray();
            for (Object e : l) c.add(copy(e));
            return c;
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> c = newObject();
            for (Map.Entry<?, ?> e : m.entrySet()) c.put((String) e.getKey(), copy(e.getValue()));
            return c;
        }
        return v;
    }

    /** JSON_DEPTH: scalars and empty containers are 1. */
    public static int depth(Object v) {
        int d = 0;
        if (v instanceof List<?> l) for (Object e : l) d = Math.max(d, depth(e));
        else if (v instanceof Map<?, ?> m) for (Object e : m.values()) d = Math.max(d, depth(e));
        else return 1;
        return d + 1;
    }
}

package dev.basalt.engine.json;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a JSON column's document is stored. A document whose scalars its text shows exactly
 * (strings, INTEGER, UNSIGNED INTEGER, DOUBLE, booleans, null) is stored as its canonical text,
 * as before. One holding a DECIMAL, DATE, TIME or DATETIME (made by JSON functions, CAST, ...;
 * text input never gives those) is stored in a typed binary form, so that the types survive as
 * in MySQL's binary JSON: version byte 1, then the value, tagged (see the TAG_ constants).
 * Integers are zigzag varints, DOUBLE its 8 IEEE bytes, DECIMAL scale and unscaled bytes,
 * temporals as epoch days / micros.
 */
public final class JsonStorage {
    private JsonStorage() {}

    /** The binary form's version: the first byte of every binary document. */
    static final int VERSION = 1;

    private static final int TAG_NULL = 0, TAG_FALSE = 1, TAG_TRUE = 2, TAG_INT = 3, TAG_UINT = 4, TAG_DOUBLE = 5,
            TAG_DECIMAL = 6, TAG_STRING = 7, TAG_ARRAY = 8, TAG_OBJECT = 9, TAG_DATE = 10, TAG_DATETIME = 11, TAG_TIME = 12;

    /**
     * The binary form of the document {@code text} stands for, or null when its text says it all
     * (or its typed value is not known: text that came from outside holds no such scalars).
     */
    public static byte[] binaryIfTyped(String text) {
        Object v = Json.knownValue(text);
        if (v == null || !needsTypes(v)) return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        out.write(VERSION);
        if (!write(out, v)) return null;
        return out.toByteArray();
    }

    /** The canonical text of a binary document, its typed value registered for {@link Json#parse}. */
    public static String text(byte[] data, int offset, int length) {
        if (length < 1 || data[offset] != VERSION) {
            throw new IllegalStateException("JSON document stored in an unknown format " + (length < 1 ? -1 : data[offset]));
        }
        int[] pos = {offset + 1};
        Object v = read(data, pos);
        String text = JsonWriter.compact(v);
        JsonTyping.register(text, v);
        return text;
    }

    /** Whether the document holds a scalar its text would turn into another type. */
    private static boolean needsTypes(Object v) {
        return switch (v) {
            case BigDecimal d -> true;
            case LocalDate d -> true;
            case LocalDateTime d -> true;
            case Duration d -> true;
            case List<?> l -> l.stream().anyMatch(JsonStorage::needsTypes);
            case Map<?, ?> m -> m.values().stream().anyMatch(JsonStorage::needsTypes);
            default -> false;
        };
    }

    /** False when the document holds a value this form has no tag for (it is then stored as text). */
    private static boolean write(ByteArrayOutputStream out, Object v) {
        switch (v) {
            case Json.Null n -> out.write(TAG_NULL);
            case Boolean b -> out.write(b ? TAG_TRUE : TAG_FALSE);
            case Long l -> {
                out.write(TAG_INT);
                varint(out, zigzag(l));
            }
            case BigInteger b -> {
                out.write(TAG_UINT);
                varint(out, b.longValue());
            }
            case Double d -> {
                out.write(TAG_DOUBLE);
                long bits = Double.doubleToRawLongBits(d);
                for (int i = 56; i >= 0; i -= 8) out.write((int) (bits >>> i));
            }
            case BigDecimal d -> {
                out.write(TAG_DECIMAL);
                varint(out, zigzag(d.scale()));
                bytes(out, d.unscaledValue().toByteArray());
            }
            case String s -> {
                out.write(TAG_STRING);
                bytes(out, s.getBytes(StandardCharsets.UTF_8));
            }
            case LocalDate d -> {
                out.write(TAG_DATE);
                varint(out, zigzag(d.toEpochDay()));
            }
            case LocalDateTime d -> {
                out.write(TAG_DATETIME);
                varint(out, zigzag(d.toLocalDate().toEpochDay()));
                varint(out, d.toLocalTime().toNanoOfDay() / 1000);
            }
            case Duration d -> {
                out.write(TAG_TIME);
                varint(out, zigzag(d.getSeconds()));
                varint(out, d.getNano() / 1000);
            }
            case List<?> l -> {
                out.write(TAG_ARRAY);
                varint(out, l.size());
                for (Object e : l) if (!write(out, e)) return false;
            }
            case Map<?, ?> m -> {
                out.write(TAG_OBJECT);
                varint(out, m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    bytes(out, ((String) e.getKey()).getBytes(StandardCharsets.UTF_8));
                    if (!write(out, e.getValue())) return false;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Object read(byte[] b, int[] pos) {
        int tag = b[pos[0]++];
        return switch (tag) {
            case TAG_NULL -> Json.NULL;
            case TAG_FALSE -> Boolean.FALSE;
            case TAG_TRUE -> Boolean.TRUE;
            case TAG_INT -> unzigzag(varint(b, pos));
            case TAG_UINT -> new BigInteger(Long.toUnsignedString(varint(b, pos)));
            case TAG_DOUBLE -> {
                long bits = 0;
                for (int i = 0; i < 8; i++) bits = (bits << 8) | (b[pos[0]++] & 0xff);
                yield Double.longBitsToDouble(bits);
            }
            case TAG_DECIMAL -> {
                int scale = (int) unzigzag(varint(b, pos));
                yield new BigDecimal(new BigInteger(bytes(b, pos)), scale);
            }
            case TAG_STRING -> new String(bytes(b, pos), StandardCharsets.UTF_8);
            case TAG_DATE -> LocalDate.ofEpochDay(unzigzag(varint(b, pos)));
            case TAG_DATETIME -> {
                LocalDate day = LocalDate.ofEpochDay(unzigzag(varint(b, pos)));
                yield day.atStartOfDay().plusNanos(varint(b, pos) * 1000);
            }
            case TAG_TIME -> {
                long seconds = unzigzag(varint(b, pos));
                yield Duration.ofSeconds(seconds, varint(b, pos) * 1000);
            }
            case TAG_ARRAY -> {
                int n = (int) varint(b, pos);
                List<Object> a = Json.newArray();
                for (int i = 0; i < n; i++) a.add(read(b, pos));
                yield a;
            }
            case TAG_OBJECT -> {
                int n = (int) varint(b, pos);
                TreeMap<String, Object> o = Json.newObject();
                for (int i = 0; i < n; i++) {
                    String key = new String(bytes(b, pos), StandardCharsets.UTF_8);
                    o.put(key, read(b, pos));
                }
                yield o;
            }
            default -> throw new IllegalStateException("unknown JSON storage tag " + tag);
        };
    }

    private static long zigzag(long v) { return (v << 1) ^ (v >> 63); }

    private static long unzigzag(long z) { return (z >>> 1) ^ -(z & 1); }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long varint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) return v;
        }
    }

    private static void bytes(ByteArrayOutputStream out, byte[] data) {
        varint(out, data.length);
        out.write(data, 0, data.length);
    }

    private static byte[] bytes(byte[] b, int[] pos) {
        int n = (int) varint(b, pos);
        byte[] out = java.util.Arrays.copyOfRange(b, pos[0], pos[0] + n);
        pos[0] += n;
        return out;
    }
}

package dev.basalt.engine.storage.codec;

import dev.basalt.engine.types.Collation;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Order-preserving encoding of SQL values into key bytes: unsigned lexicographic order of the
 * encodings equals SQL order (see package-info for the tag bytes). Values are coerced leniently to
 * the column type (a Long bound on a DECIMAL column, an Integer on a BIGINT, ...), so range bounds
 * built by the planner need not be pre-cast, but they must be of a comparable kind: converting
 * {@code intcol < 2.5} into {@code intcol <= 2} is the planner's job.
 *
 * <p>Encodings per type:
 * <ul>
 *   <li>NULL: {@code 0x00}</li>
 *   <li>integers, BIT, YEAR, ENUM (member index), SET (bitmask), DATE (epoch day), DATETIME and
 *       TIMESTAMP (epoch microseconds, UTC-free), TIME (signed microseconds): {@code 0x02} + 8 bytes
 *       sign-flipped for negatives, {@code 0x03} + 8 bytes unsigned big-endian for non-negatives
 *       (so unsigned BIGINT up to 2^64-1 and negative bounds order together)</li>
 *   <li>DECIMAL: {@code 0x02} negative / {@code 0x03} zero / {@code 0x04} positive, then the
 *       decimal exponent and base-100 digit bytes with a terminator, all complemented for negatives;
 *       trailing zeros are stripped so 1.0 and 1.00 encode equal</li>
 *   <li>FLOAT, DOUBLE: {@code 0x02} + IEEE bits with the sign trick; -0.0 encodes as 0.0</li>
 *   <li>strings: {@code 0x02} + collation sort key, binary strings: {@code 0x02} + bytes; both with
 *       0x00 escaped as {@code 0x00 0xFF} and terminated by {@code 0x00 0x01}, so "a" &lt; "a\0" &lt; "ab"</li>
 * </ul>
 * String keys hold sort keys, not the strings, so keys are not decoded back into values: rows are.
 */
public final class KeyCodec {
    private KeyCodec() {}

    public static final byte NULL_TAG = 0x00;
    static final byte NEG = 0x02;
    static final byte NON_NEG = 0x03;
    static final byte DEC_NEG = 0x02, DEC_ZERO = 0x03, DEC_POS = 0x04;
    static final byte VALUE = 0x02;

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** {@code prefix | parts}, all ascending. */
    public static byte[] encodeKey(byte[] prefix, List<SqlType> types, Object[] values) {
        KeyBuilder b = new KeyBuilder(prefix.length + 16 * values.length);
        b.appendRaw(prefix);
        for (int i = 0; i < values.length; i++) b.append(types.get(i), values[i]);
        return b.toBytes();
    }

    /** {@code 0x01 | tableId | parts}: a row key from primary key values. */
    public static byte[] encodeRowKey(int tableId, List<SqlType> types, Object[] values) {
        KeyBuilder b = new KeyBuilder(5 + 16 * values.length).appendPrefix(Keyspace.ROWS, tableId);
        for (int i = 0; i < values.length; i++) b.append(types.get(i), values[i]);
        return b.toBytes();
    }

    /** Encodes the first {@code values.length} key parts after {@code prefix}: a range-scan prefix. */
    public static byte[] encodePrefix(byte[] prefix, List<SqlType> types, List<?> values) {
        KeyBuilder b = new KeyBuilder(prefix.length + 16 * values.size());
        b.appendRaw(prefix);
        for (int i = 0; i < values.size(); i++) b.append(types.get(i), values.get(i));
        return b.toBytes();
    }

    /** The exclusive end of all keys starting with {@code prefix} (null: no end). */
    public static byte[] prefixSuccessor(byte[] prefix) { return Keyspace.prefixSuccessor(prefix); }

    // ---------------------------------------------------------------- encoding

    static void encodeValue(KeyBuilder b, SqlType type, Object v, int prefixLength) {
        if (v == null) {
            b.appendByte(NULL_TAG);
            return;
        }
        TypeKind k = type.kind();
        switch (k) {
            case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, YEAR -> encodeInteger(b, v);
            case BIT -> { // BIT(64) uses all 64 bits of the Long: they order as unsigned
                if (v instanceof Long l) encodeUnsigned(b, l);
                else encodeInteger(b, v);
            }
            case DECIMAL -> encodeDecimal(b, toBigDecimal(v));
            case FLOAT, DOUBLE -> encodeDouble(b, ((Number) v).doubleValue());
            case ENUM -> encodeLong(b, enumIndex(type, v));
            case SET -> encodeLong(b, setBits(type, v));
            case DATE -> encodeLong(b, epochDay(v));
            case DATETIME, TIMESTAMP -> encodeLong(b, epochMicros(v));
            case TIME -> encodeLong(b, timeMicros(v));
            case BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB,
                 GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION -> {
                byte[] bytes = v instanceof byte[] a ? a : v.toString().getBytes(StandardCharsets.UTF_8);
                int n = prefixLength > 0 ? Math.min(prefixLength, bytes.length) : bytes.length;
                encodeBytes(b, bytes, n);
            }
            case NULL_TYPE -> b.appendByte(NULL_TAG);
            default -> { // CHAR, VARCHAR, TEXT family, JSON
                String s = v instanceof String str ? str
                        : v instanceof byte[] a ? new String(a, StandardCharsets.UTF_8) : v.toString();
                if (prefixLength > 0) s = truncateChars(s, prefixLength);
                Collation c = type.collation() == null ? Collation.BINARY : type.collation();
                byte[] key = c.sortKey(s);
                encodeBytes(b, key, key.length);
            }
        }
    }

    private static void encodeInteger(KeyBuilder b, Object v) {
        if (v instanceof Long l) {
            encodeLong(b, l);
        } else if (v instanceof BigInteger bi) {
            if (bi.signum() >= 0 && bi.bitLength() <= 64) encodeUnsigned(b, bi.longValue());
            else if (bi.signum() >= 0) encodeUnsigned(b, -1L); // clamp above 2^64-1
            else encodeLong(b, bi.bitLength() <= 63 ? bi.longValue() : Long.MIN_VALUE);
        } else if (v instanceof BigDecimal d) {
            encodeInteger(b, d.setScale(0, java.math.RoundingMode.DOWN).toBigInteger());
        } else if (v instanceof Number n) {
            encodeLong(b, n.longValue());
        } else if (v instanceof Boolean bool) {
            encodeLong(b, bool ? 1 : 0);
        } else {
            encodeInteger(b, new BigDecimal(v.toString().trim()));
        }
    }

    static void encodeLong(KeyBuilder b, long v) {
        if (v < 0) {
            b.ensure(9);
            b.put(NEG);
            b.appendLong(v ^ Long.MIN_VALUE);
        } else {
            encodeUnsigned(b, v);
        }
    }

    /** A non-negative value given as 64 unsigned bits. */
    private static void encodeUnsigned(KeyBuilder b, long bits) {
        b.ensure(9);
        b.put(NON_NEG);
        b.appendLong(bits);
    }

    static void encodeDouble(KeyBuilder b, double d) {
        if (d == 0.0) d = 0.0; // folds -0.0
        long bits = Double.doubleToLongBits(d);
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        b.ensure(9);
        b.put(VALUE);
        b.appendLong(bits);
    }

    static void encodeDecimal(KeyBuilder b, BigDecimal d) {
        int sign = d.signum();
        if (sign == 0) {
            b.appendByte(DEC_ZERO);
            return;
        }
        BigDecimal n = d.stripTrailingZeros();
        String digits = n.unscaledValue().abs().toString();
        int exponent = digits.length() - n.scale();
        int mask = sign < 0 ? 0xFF : 0;
        int pairs = (digits.length() + 1) / 2;
        b.ensure(6 + pairs);
        b.put(sign < 0 ? DEC_NEG : DEC_POS);
        int e = exponent ^ Integer.MIN_VALUE;
        b.put((byte) ((e >>> 24) ^ mask));
        b.put((byte) ((e >>> 16) ^ mask));
        b.put((byte) ((e >>> 8) ^ mask));
        b.put((byte) (e ^ mask));
        for (int i = 0; i < digits.length(); i += 2) {
            int hi = digits.charAt(i) - '0';
            int lo = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
            b.put((byte) ((1 + hi * 10 + lo) ^ mask));
        }
        b.put((byte) mask); // terminator sorts below every digit byte (above, for negatives)
    }

    private static void encodeBytes(KeyBuilder b, byte[] bytes, int n) {
        b.ensure(n + 3);
        b.put(VALUE);
        for (int i = 0; i < n; i++) {
            byte x = bytes[i];
            if (x == 0) {
                b.ensure(n - i + 3);
                b.put((byte) 0);
                b.put((byte) 0xFF);
            } else {
                b.put(x);
            }
        }
        b.put((byte) 0);
        b.put((byte) 1);
    }

    // ---------------------------------------------------------------- coercions

    static BigDecimal toBigDecimal(Object v) {
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Long l) return BigDecimal.valueOf(l);
        if (v instanceof BigInteger bi) return new BigDecimal(bi);
        if (v instanceof Double d) return BigDecimal.valueOf(d);
        if (v instanceof Number n) return BigDecimal.valueOf(n.longValue());
        return new BigDecimal(v.toString().trim());
    }

    private static String truncateChars(String s, int chars) {
        if (s.length() <= chars) return s;
        int end = s.offsetByCodePoints(0, Math.min(chars, s.codePointCount(0, s.length())));
        return s.substring(0, end);
    }

    /** 1-based member index as MySQL sorts ENUM; 0 for a value that is not a member (''). */
    static long enumIndex(SqlType type, Object v) {
        if (v instanceof Number n) return n.longValue();
        String s = v.toString();
        List<String> values = type.values();
        for (int i = 0; i < values.size(); i++) if (values.get(i).equalsIgnoreCase(s)) return i + 1;
        return 0;
    }

    /** SET values sort by their bitmask. */
    static long setBits(SqlType type, Object v) {
        if (v instanceof Number n) return n.longValue();
        String s = v.toString();
        if (s.isEmpty()) return 0;
        long bits = 0;
        List<String> values = type.values();
        int start = 0;
        while (start <= s.length()) {
            int comma = s.indexOf(',', start);
            if (comma < 0) comma = s.length();
            String member = s.substring(start, comma);
            for (int i = 0; i < values.size(); i++) if (values.get(i).equalsIgnoreCase(member)) bits |= 1L << i;
            start = comma + 1;
        }
        return bits;
    }

    static long epochDay(Object v) {
        if (v instanceof LocalDate d) return d.toEpochDay();
        if (v instanceof LocalDateTime dt) return dt.toLocalDate().toEpochDay();
        return LocalDate.parse(v.toString()).toEpochDay();
    }

    /** Microseconds since 1970-01-01T00:00 of a wall-clock datetime (no zone involved). */
    public static long epochMicros(Object v) {
        LocalDateTime dt = v instanceof LocalDateTime x ? x
                : v instanceof LocalDate d ? d.atStartOfDay()
                : LocalDateTime.parse(v.toString().replace(' ', 'T'));
        return dt.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + dt.getNano() / 1000;
    }

    public static LocalDateTime fromEpochMicros(long micros) {
        long secs = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(secs, nanos, ZoneOffset.UTC);
    }

    static long timeMicros(Object v) {
        if (v instanceof Duration d) return d.getSeconds() * 1_000_000L + d.getNano() / 1000;
        if (v instanceof LocalTime t) return t.toNanoOfDay() / 1000;
        if (v instanceof Number n) return n.longValue();
        throw new IllegalArgumentException("not a TIME value: " + v);
    }

    // ---------------------------------------------------------------- navigation

    /**
     * The offset just past the key part of {@code type} starting at {@code off}: lets a reader find
     * the primary key suffix of a secondary index entry.
     */
    public static int skip(byte[] key, int off, SqlType type, boolean descending) {
        int mask = descending ? 0xFF : 0;
        int tag = (key[off] ^ mask) & 0xFF;
        if (tag == NULL_TAG) return off + 1;
        TypeKind k = type.kind();
        switch (k) {
            case DECIMAL -> {
                if (tag == DEC_ZERO) return off + 1;
                int term = tag == DEC_NEG ? 0xFF : 0;
                int i = off + 5;
                while (((key[i] ^ mask) & 0xFF) != term) i++;
                return i + 1;
            }
            case CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, JSON,
                 BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB,
                 GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION -> {
                int i = off + 1;
                while (true) {
                    if (((key[i] ^ mask) & 0xFF) == 0) {
                        if (((key[i + 1] ^ mask) & 0xFF) == 1) return i + 2;
                        i += 2;
                    } else {
                        i++;
                    }
                }
            }
            default -> { return off + 9; }
        }
    }

    /** Reads an integer key part written by the integer encoding (tag + 8 bytes). */
    public static Object decodeInteger(byte[] key, int off, boolean unsigned) {
        int tag = key[off];
        long v = Keyspace.readLong(key, off + 1);
        if (tag == NEG) return v ^ Long.MIN_VALUE;
        if (v < 0) return unsigned ? new BigInteger(Long.toUnsignedString(v)) : Long.MAX_VALUE;
        return v;
    }

    static BigInteger unsignedToBig(long bits) {
        BigInteger b = BigInteger.valueOf(bits);
        return bits < 0 ? b.add(TWO_64) : b;
    }
}

package dev.basalt.engine.storage.codec;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Compact encoding of a row for the value side of a row key:
 * {@code varint columnCount | null bitmap | non-null values in column order}.
 * Integers are zigzag varints (unsigned BIGINT: the raw 64 bits as a varint), DECIMAL is
 * {@code zigzag scale | unscaled} (a zigzag varint when it fits a long, else two's-complement
 * bytes), FLOAT/DOUBLE 8 bytes of IEEE bits, strings UTF-8 with a varint length, DATE the epoch
 * day, DATETIME/TIMESTAMP/TIME microseconds. JSON is its canonical text, or, for a document with
 * DECIMAL or temporal scalars, a zero length and the typed form of
 * {@link dev.basalt.engine.json.JsonStorage} (rows stored before it are all text).
 *
 * <p>A row written when the table had fewer columns (before ALTER TABLE ADD COLUMN at the end)
 * decodes with the missing trailing columns set to the given defaults. Immutable and thread-safe.
 */
public final class RowCodec {
    private static final int I_SIGNED = 0, I_UNSIGNED64 = 1, DEC = 2, DBL = 3, STR = 4, BYTES = 5,
            DATE = 6, DATETIME = 7, TIME = 8, NULLT = 9, ARR = 10, ITV = 11, JSON = 12;

    private final int[] codes;
    /** Element types of ARRAY columns (null elsewhere): arrays are stored as their text form. */
    private final dev.basalt.engine.types.ArrayElement[] elements;
    private final int bitmapBytes;

    public RowCodec(List<SqlType> types) {
        codes = new int[types.size()];
        elements = new dev.basalt.engine.types.ArrayElement[codes.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = codeOf(types.get(i));
            if (codes[i] == ARR) elements[i] = types.get(i).arrayElement();
        }
        bitmapBytes = (codes.length + 7) >>> 3;
    }

    public int columnCount() { return codes.length; }

    private static int codeOf(SqlType t) {
        TypeKind k = t.kind();
        if (k == TypeKind.BIGINT && t.unsigned()) return I_UNSIGNED64;
        if (k.isInteger()) return I_SIGNED;
        return switch (k) {
            case DECIMAL -> DEC;
            case FLOAT, DOUBLE -> DBL;
            case BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> BYTES;
            case GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION -> BYTES;
            case DATE -> DATE;
            case DATETIME, TIMESTAMP -> DATETIME;
            case TIME -> TIME;
            case NULL_TYPE -> NULLT;
            case ARRAY -> ARR;
            case INTERVAL -> ITV; // PostgreSQL's interval, as its text
            case JSON -> JSON;
            default -> STR;
        };
    }

    /** Encodes the first {@link #columnCount()} values of {@code row} (extra trailing slots are ignored). */
    public byte[] encode(Object[] row) {
        int n = codes.length;
        Writer w = new Writer(16 + n * 8);
        w.varint(n);
        int bitmapAt = w.len;
        w.ensure(bitmapBytes);
        w.len += bitmapBytes; // zero-filled
        for (int i = 0; i < n; i++) {
            Object v = row[i];
            if (v == null || codes[i] == NULLT) {
                w.buf[bitmapAt + (i >>> 3)] |= (byte) (1 << (i & 7));
                continue;
            }
            switch (codes[i]) {
                case I_SIGNED -> w.zigzag(toLong(v));
                case I_UNSIGNED64 -> w.varint(v instanceof BigInteger b ? b.longValue() : toLong(v));
                case DEC -> {
                    BigDecimal d = KeyCodec.toBigDecimal(v);
                    w.zigzag(d.scale());
                    BigInteger u = d.unscaledValue();
                    if (u.bitLength() < 63) {
                        w.varint(0);
                        w.zigzag(u.longValue());
                    } else {
                        byte[] b = u.toByteArray();
                        w.varint(b.length);
                        w.bytes(b, b.length);
                    }
                }
                case DBL -> w.fixed64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
                case STR, ARR, ITV -> w.string(v instanceof String s ? s : v.toString());
                case JSON -> {
                    // a document with DECIMAL / temporal scalars: length 0 (no JSON text is empty), then the typed form
                    String text = v instanceof String s ? s : v.toString();
                    byte[] typed = dev.basalt.engine.json.JsonStorage.binaryIfTyped(text);
                    if (typed == null) {
                        w.string(text);
                    } else {
                        w.varint(0);
                        w.varint(typed.length);
                        w.bytes(typed, typed.length);
                    }
                }
                case BYTES -> {
                    byte[] b = v instanceof byte[] a ? a : v.toString().getBytes(StandardCharsets.UTF_8);
                    w.varint(b.length);
                    w.bytes(b, b.length);
                }
                case DATE -> w.zigzag(KeyCodec.epochDay(v));
                case DATETIME -> w.zigzag(KeyCodec.epochMicros(v));
                case TIME -> w.zigzag(KeyCodec.timeMicros(v));
                default -> throw new IllegalStateException();
            }
        }
        return Arrays.copyOf(w.buf, w.len);
    }

    /** Decodes into a new array of exactly {@link #columnCount()} slots. */
    public Object[] decode(byte[] data, Object[] defaults) { return decode(data, codes.length, defaults); }

    /**
     * Decodes into a new array of {@code width >= columnCount()} slots (extra slots stay null, e.g.
     * for a hidden row id). Columns missing from {@code data} take {@code defaults[i]}
     * (defaults may be null when every stored row is known to be complete).
     */
    public Object[] decode(byte[] data, int width, Object[] defaults) { return decode(data, width, defaults, null); }

    /**
     * As {@link #decode(byte[], int, Object[])}, building only the columns {@code keep} marks (null:
     * all): the others stay null, their stored values passed over without creating objects (a scan
     * that sums one column of rows with a VARCHAR spent a tenth of its decoding on the unused string).
     */
    public Object[] decode(byte[] data, int width, Object[] defaults, boolean[] keep) {
        Object[] row = new Object[width];
        int[] pos = {0};
        int stored = (int) readVarint(data, pos);
        int p = pos[0];
        int bitmapAt = p;
        p += (stored + 7) >>> 3;
        int n = Math.min(stored, codes.length);
        for (int i = 0; i < n; i++) {
            if ((data[bitmapAt + (i >>> 3)] & (1 << (i & 7))) != 0) continue;
            if (keep != null && i < keep.length && !keep[i]) {
                p = skip(data, p, codes[i]);
                continue;
            }
            switch (codes[i]) {
                case I_SIGNED -> {
                    pos[0] = p;
                    row[i] = unzigzag(readVarint(data, pos));
                    p = pos[0];
                }
                case I_UNSIGNED64 -> {
                    pos[0] = p;
                    long bits = readVarint(data, pos);
                    p = pos[0];
                    row[i] = bits >= 0 ? (Object) bits : KeyCodec.unsignedToBig(bits);
                }
                case DEC -> {
                    pos[0] = p;
                    int scale = (int) unzigzag(readVarint(data, pos));
                    int len = (int) readVarint(data, pos);
                    if (len == 0) {
                        row[i] = BigDecimal.valueOf(unzigzag(readVarint(data, pos)), scale);
                        p = pos[0];
                    } else {
                        p = pos[0];
                        row[i] = new BigDecimal(new BigInteger(data, p, len), scale);
                        p += len;
                    }
                }
                case DBL -> {
                    row[i] = Double.longBitsToDouble(Keyspace.readLong(data, p));
                    p += 8;
                }
                case STR, BYTES, ARR, ITV -> {
                    pos[0] = p;
                    int len = (int) readVarint(data, pos);
                    p = pos[0];
                    row[i] = codes[i] == STR ? new String(data, p, len, StandardCharsets.UTF_8)
                            : codes[i] == ARR ? dev.basalt.engine.types.ArrayText.parse(
                                    new String(data, p, len, StandardCharsets.UTF_8), elements[i])
                            : codes[i] == ITV ? dev.basalt.engine.types.IntervalText.parse(new String(data, p, len, StandardCharsets.UTF_8))
                            : Arrays.copyOfRange(data, p, p + len);
                    p += len;
                }
                case JSON -> {
                    pos[0] = p;
                    int len = (int) readVarint(data, pos);
                    p = pos[0];
                    if (len > 0) {
                        row[i] = new String(data, p, len, StandardCharsets.UTF_8);
                    } else {
                        len = (int) readVarint(data, pos);
                        p = pos[0];
                        row[i] = dev.basalt.engine.json.JsonStorage.text(data, p, len);
                    }
                    p += len;
                }
                case DATE -> {
                    pos[0] = p;
                    row[i] = LocalDate.ofEpochDay(unzigzag(readVarint(data, pos)));
                    p = pos[0];
                }
                case DATETIME -> {
                    pos[0] = p;
                    row[i] = KeyCodec.fromEpochMicros(unzigzag(readVarint(data, pos)));
                    p = pos[0];
                }
                case TIME -> {
                    pos[0] = p;
                    long micros = unzigzag(readVarint(data, pos));
                    p = pos[0];
                    row[i] = Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
                }
                default -> { }
            }
        }
        for (int i = n; i < codes.length; i++) row[i] = defaults == null ? null : defaults[i];
        return row;
    }

    /** The offset after the stored (non-NULL) value of a column of this code starting at {@code p}. */
    private static int skip(byte[] data, int p, int code) {
        switch (code) {
            case I_SIGNED, I_UNSIGNED64, DATE, DATETIME, TIME -> {
                while (data[p++] < 0) { } // a varint: bytes with the high bit set, then the last
                return p;
            }
            case DBL -> { return p + 8; }
            case NULLT -> { return p; }
            default -> { }
        }
        int[] pos = {p};
        if (code == DEC) {
            readVarint(data, pos); // scale
            int len = (int) readVarint(data, pos);
            if (len == 0) readVarint(data, pos); // the unscaled value as a varint
            return pos[0] + len;
        }
        int len = (int) readVarint(data, pos);
        if (code == JSON && len == 0) len = (int) readVarint(data, pos); // the binary form's length
        return pos[0] + len;
    }

    private static long toLong(Object v) {
        if (v instanceof Long l) return l;
        if (v instanceof Number n) return n.longValue();
        if (v instanceof Boolean b) return b ? 1 : 0;
        return new BigDecimal(v.toString().trim()).longValue();
    }

    private static long unzigzag(long z) { return (z >>> 1) ^ -(z & 1); }

    private static long readVarint(byte[] b, int[] pos) {
        int p = pos[0];
        long result = 0;
        int shift = 0;
        while (true) {
            byte x = b[p++];
            result |= (long) (x & 0x7F) << shift;
            if (x >= 0) break;
            shift += 7;
        }
        pos[0] = p;
        return result;
    }

    /** Minimal growable writer; one per encode call keeps the codec thread-safe. */
    private static final class Writer {
        byte[] buf;
        int len;

        Writer(int cap) { buf = new byte[cap]; }

        void ensure(int n) {
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void zigzag(long v) { varint((v << 1) ^ (v >> 63)); }

        void fixed64(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buf[len + i] = (byte) v;
                v >>>= 8;
            }
            len += 8;
        }

        void bytes(byte[] b, int n) {
            ensure(n);
            System.arraycopy(b, 0, buf, len, n);
            len += n;
        }

        void string(String s) {
            int n = s.length();
            boolean ascii = n < 128;
            if (ascii) {
                for (int i = 0; i < n; i++) if (s.charAt(i) >= 0x80) { ascii = false; break; }
            }
            if (ascii) { // one length byte, chars copied directly: the common short-string case
                ensure(1 + n);
                buf[len++] = (byte) n;
                s.getBytes(0, n, buf, len);
                len += n;
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                varint(b.length);
                bytes(b, b.length);
            }
        }
    }
}

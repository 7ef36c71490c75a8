package dev.basalt.engine.storage.codec;

import dev.basalt.engine.types.SqlType;

import java.util.Arrays;

/**
 * A growable byte buffer that appends order-preserving key parts. Reuse one per thread/operator
 * with {@link #reset()} to avoid garbage; not thread-safe.
 */
public final class KeyBuilder {
    private byte[] buf;
    private int len;

    public KeyBuilder() { this(64); }

    public KeyBuilder(int capacity) { buf = new byte[Math.max(16, capacity)]; }

    public KeyBuilder reset() {
        len = 0;
        return this;
    }

    public int length() { return len; }

    /** Truncates back to an earlier {@link #length()} (e.g. to reuse a common prefix). */
    public KeyBuilder truncate(int length) {
        len = length;
        return this;
    }

    public KeyBuilder appendRaw(byte[] bytes) { return appendRaw(bytes, 0, bytes.length); }

    public KeyBuilder appendRaw(byte[] bytes, int off, int n) {
        ensure(n);
        System.arraycopy(bytes, off, buf, len, n);
        len += n;
        return this;
    }

    public KeyBuilder appendByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    /** {@code namespace | id(4 bytes BE)}: see {@link Keyspace}. */
    public KeyBuilder appendPrefix(byte namespace, int id) {
        ensure(5);
        buf[len] = namespace;
        buf[len + 1] = (byte) (id >>> 24);
        buf[len + 2] = (byte) (id >>> 16);
        buf[len + 3] = (byte) (id >>> 8);
        buf[len + 4] = (byte) id;
        len += 5;
        return this;
    }

    public KeyBuilder appendLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[len + i] = (byte) v;
            v >>>= 8;
        }
        len += 8;
        return this;
    }

    /** Appends one ascending, full-length key part. */
    public KeyBuilder append(SqlType type, Object value) { return append(type, value, false, 0); }

    /**
     * Appends one key part.
     *
     * @param prefixLength for string/binary parts, index only the first N characters/bytes (0 = all)
     * @param descending   complement the part's bytes so it sorts in reverse
     */
    public KeyBuilder append(SqlType type, Object value, boolean descending, int prefixLength) {
        int start = len;
        KeyCodec.encodeValue(this, type, value, prefixLength);
        if (descending) for (int i = start; i < len; i++) buf[i] = (byte) ~buf[i];
        return this;
    }

    public byte[] toBytes() { return Arrays.copyOf(buf, len); }

    /** The internal buffer; valid up to {@link #length()} until the next append. */
    public byte[] buffer() { return buf; }

    void ensure(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }

    // low-level writers used by KeyCodec; callers ensure capacity
    void put(byte b) { buf[len++] = b; }
}

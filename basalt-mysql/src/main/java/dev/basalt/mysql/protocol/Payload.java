package dev.basalt.mysql.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A read cursor over one packet's payload. Every read is bounds-checked: running past the end
 * raises {@link MalformedPacketException} instead of reading garbage.
 */
public final class Payload {
    private byte[] data;
    private int pos;
    private int limit;

    public Payload() {}

    public Payload(byte[] data) { reset(data, 0, data.length); }

    public void reset(byte[] data, int offset, int length) {
        this.data = data;
        this.pos = offset;
        this.limit = offset + length;
    }

    public int remaining() { return limit - pos; }

    /** The backing array, for passing the unread bytes on without copying (a relay); see {@link #position()}. */
    public byte[] array() { return data; }

    /** Index in {@link #array()} of the next unread byte; the payload ends at {@code position() + remaining()}. */
    public int position() { return pos; }

    public boolean hasRemaining() { return pos < limit; }

    /** The next byte without consuming it. */
    public int peek() {
        need(1);
        return data[pos] & 0xFF;
    }

    public int readInt1() {
        need(1);
        return data[pos++] & 0xFF;
    }

    public int readInt2() {
        need(2);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int readInt3() {
        need(3);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16;
        pos += 3;
        return v;
    }

    public long readInt4() {
        need(4);
        long v = (data[pos] & 0xFFL) | (data[pos + 1] & 0xFFL) << 8 | (data[pos + 2] & 0xFFL) << 16
                | (data[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return v;
    }

    public long readInt8() {
        long lo = readInt4();
        long hi = readInt4();
        return lo | hi << 32;
    }

    /** A length-encoded integer. 0xFB (NULL) and 0xFF are not valid here. */
    public long readLenenc() {
        int first = readInt1();
        if (first < 0xFB) return first;
        return switch (first) {
            case 0xFC -> readInt2();
            case 0xFD -> readInt3();
            case 0xFE -> readInt8();
            default -> throw new MalformedPacketException("bad length-encoded integer prefix 0x" + Integer.toHexString(first));
        };
    }

    public byte[] readBytes(int n) {
        if (n < 0) throw new MalformedPacketException("negative length");
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    public byte[] readLenencBytes() {
        long n = readLenenc();
        // a 0xFE prefix with the top bit set reads as negative: as malformed as one too long
        if (n < 0 || n > remaining()) throw new MalformedPacketException("length " + n + " exceeds packet");
        return readBytes((int) n);
    }

    public String readLenencString() {
        long n = readLenenc();
        // a 0xFE prefix with the top bit set reads as negative: as malformed as one too long
        if (n < 0 || n > remaining()) throw new MalformedPacketException("length " + n + " exceeds packet");
        String s = new String(data, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    /** Bytes up to a NUL terminator (consumed). A missing terminator is malformed. */
    public byte[] readNulBytes() {
        int end = nul();
        byte[] out = readBytes(end - pos);
        pos++;
        return out;
    }

    public String readNulString() {
        int end = nul();
        String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return s;
    }

    public byte[] readRestBytes() { return readBytes(remaining()); }

    /** The rest as SQL text: UTF-8, with stray bytes of binary literals kept (see SqlText). */
    public String readRestString() {
        String s = dev.basalt.engine.types.SqlText.decode(data, pos, remaining());
        pos = limit;
        return s;
    }

    private int nul() {
        for (int i = pos; i < limit; i++) {
            if (data[i] == 0) return i;
        }
        throw new MalformedPacketException("missing NUL terminator");
    }

    private void need(int n) {
        if (n > limit - pos) throw new MalformedPacketException("packet truncated: need " + n + " bytes, have " + (limit - pos));
    }
}

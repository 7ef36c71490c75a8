package dev.basalt.pgwire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds backend messages (type byte, int32 length including itself, body) into one buffer that
 * is written to the socket on {@link #flush()}: a whole response goes out in as few writes as
 * the client's Sync or query needs.
 */
final class MessageWriter {
    private final OutputStream out;
    private byte[] buf = new byte[8192];
    private int len;
    /** Where the length field of the message being built starts. */
    private int start = -1;

    MessageWriter(OutputStream out) { this.out = out; }

    MessageWriter begin(char type) {
        ensure(5);
        buf[len++] = (byte) type;
        start = len;
        len += 4;
        return this;
    }

    MessageWriter int8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    MessageWriter int16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    MessageWriter int32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    MessageWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    MessageWriter cstring(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    /** Fills in the length of the message begun last. */
    void end() {
        int n = len - start;
        buf[start] = (byte) (n >>> 24);
        buf[start + 1] = (byte) (n >>> 16);
        buf[start + 2] = (byte) (n >>> 8);
        buf[start + 3] = (byte) n;
        start = -1;
    }

    /** A single byte outside any message (the answer to SSLRequest / GSSENCRequest). */
    void raw(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void flush() throws IOException {
        if (len > 0) {
            out.write(buf, 0, len);
            len = 0;
        }
        out.flush();
    }

    /** Bytes waiting; a long result is flushed in pieces rather than held whole. */
    int pending() { return len; }

    private void ensure(int n) {
        if (len + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
}

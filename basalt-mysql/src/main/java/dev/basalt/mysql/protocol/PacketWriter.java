package dev.basalt.mysql.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Builds packets straight into one reusable buffer that is also the output buffer: each payload is
 * written after four bytes reserved for its header, the header is filled in by {@link #send()},
 * and the buffer goes to the stream only when it passes 64 KB or on {@link #flush()}. So a row is
 * encoded once and copied once, into the socket. Payloads of 0xFFFFFF bytes or more are split into
 * pieces, with an empty trailing piece when the last one is exactly 0xFFFFFF.
 */
public final class PacketWriter {
    private static final int HEADER = 4;
    private static final int INITIAL = 64 * 1024;
    private static final int WRITE_AT = 64 * 1024;
    private static final int SHRINK_ABOVE = 1024 * 1024;

    private final OutputStream out;
    private final Sequence sequence;
    private byte[] buf = new byte[INITIAL];
    /** End of the packets already framed and waiting to be written. */
    private int sent;
    /** Where the current packet's header goes; its payload starts four bytes later. */
    private int start;
    private int pos = HEADER;
    private int lastPayload;
    /** Bytes of the packets sent (framed), headers included: the slow log's Bytes_sent. */
    private long bytesSent;

    public PacketWriter(OutputStream out, Sequence sequence) {
        this.out = out;
        this.sequence = sequence;
    }

    /** Starts a new payload, discarding any payload begun but not sent. */
    public PacketWriter begin() {
        // Keep a grown buffer while large payloads keep coming; give it back once they stop.
        if (sent == 0 && buf.length > SHRINK_ABOVE && lastPayload < SHRINK_ABOVE / 4) buf = new byte[INITIAL];
        start = sent;
        pos = start;
        ensure(HEADER);
        pos += HEADER;
        return this;
    }

    public int payloadLength() { return pos - start - HEADER; }

    public PacketWriter int1(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public PacketWriter int2(int v) {
        ensure(2);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        return this;
    }

    public PacketWriter int3(int v) {
        ensure(3);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        return this;
    }

    public PacketWriter int4(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) buf[pos++] = (byte) (v >>> (8 * i));
        return this;
    }

    public PacketWriter int8(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) buf[pos++] = (byte) (v >>> (8 * i));
        return this;
    }

    /** A length-encoded integer (values are treated as unsigned). */
    public PacketWriter lenenc(long v) {
        if (v >= 0 && v < 0xFB) return int1((int) v);
        if (v >= 0 && v <= 0xFFFF) return int1(0xFC).int2((int) v);
        if (v >= 0 && v <= 0xFFFFFF) return int1(0xFD).int3((int) v);
        return int1(0xFE).int8(v);
    }

    public PacketWriter bytes(byte[] b) { return bytes(b, 0, b.length); }

    public PacketWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    public PacketWriter lenencBytes(byte[] b) { return lenenc(b.length).bytes(b); }

    /** The NULL marker of a text-protocol row. */
    public PacketWriter nullValue() { return int1(0xFB); }

    public PacketWriter nulString(String s) {
        utf8(s);
        return int1(0);
    }

    /** A string without length or terminator (the tail of a packet). */
    public PacketWriter restString(String s) { return utf8(s); }

    /** A length-encoded UTF-8 string, encoded straight into the buffer. */
    public PacketWriter lenencString(String s) {
        // Long values (sysbench's CHAR(120) columns): the JDK's encoder copies ASCII in bulk, where
        // the two loops below test every char; both give the bytes of String.getBytes(UTF_8).
        if (s.length() >= BULK_ENCODE) return lenencBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int n = utf8Length(s);
        lenenc(n);
        ensure(n);
        encodeUtf8(s);
        return this;
    }

    /** From this length on a string is encoded by the JDK (one short-lived array) rather than char by char. */
    private static final int BULK_ENCODE = 32;

    /** A length-encoded decimal rendering of a long, without building a String. */
    public PacketWriter lenencDecimal(long v) {
        if (v == Long.MIN_VALUE) return lenencString("-9223372036854775808");
        int digits = 1;
        long abs = Math.abs(v);
        for (long t = abs; t >= 10; t /= 10) digits++;
        int len = digits + (v < 0 ? 1 : 0);
        ensure(len + 1);
        buf[pos++] = (byte) len;
        if (v < 0) buf[pos++] = '-';
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (abs % 10));
            abs /= 10;
        }
        pos = end;
        return this;
    }

    private PacketWriter utf8(String s) {
        ensure(utf8Length(s));
        encodeUtf8(s);
        return this;
    }

    /** Byte length as String.getBytes(UTF_8) would produce (a lone surrogate becomes '?'). */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) continue;
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }

    private void encodeUtf8(String s) {
        byte[] b = buf;
        int p = pos;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                b[p++] = '?';
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        pos = p;
    }

    /** Frames the current payload; it reaches the stream at 64 KB of output or at {@link #flush()}. */
    public void send() throws IOException {
        int length = payloadLength();
        lastPayload = length;
        if (length < PacketReader.MAX_PIECE) {
            bytesSent += HEADER + length;
            writeHeader(buf, start, length, sequence.take());
            sent = pos;
            if (sent >= WRITE_AT) writePending();
            return;
        }
        // A huge payload: headers must go between its pieces, so it is written piece by piece.
        out.write(buf, 0, start);
        byte[] header = new byte[HEADER];
        int offset = start + HEADER;
        int left = length;
        while (true) {
            int piece = Math.min(left, PacketReader.MAX_PIECE);
            writeHeader(header, 0, piece, sequence.take());
            bytesSent += HEADER + piece;
            out.write(header);
            out.write(buf, offset, piece);
            offset += piece;
            left -= piece;
            if (piece < PacketReader.MAX_PIECE) break; // a full piece must be followed by another, possibly empty
        }
        sent = 0;
        start = 0;
        pos = 0;
    }

    /**
     * Appends packets that are already framed (headers and payloads, as read from another server
     * or replayed from a cache), between built packets; the sequence continues after the last
     * one's id. A relay uses this to pass a response on without decoding it. Large runs go
     * straight to the stream.
     */
    public void framed(byte[] frame, int offset, int length) throws IOException {
        if (pos != sent) throw new IllegalStateException("a payload is being built");
        int last = offset;
        for (int at = offset; at + HEADER <= offset + length; ) {
            last = at;
            at += HEADER + ((frame[at] & 0xFF) | (frame[at + 1] & 0xFF) << 8 | (frame[at + 2] & 0xFF) << 16);
        }
        sequence.sync(frame[last + 3] & 0xFF);
        bytesSent += length;
        if (length >= WRITE_AT) {
            writePending();
            out.write(frame, offset, length);
            return;
        }
        ensure(length);
        System.arraycopy(frame, offset, buf, pos, length);
        pos += length;
        sent = pos;
        if (sent >= WRITE_AT) writePending();
    }

    /** Bytes of the packets sent so far (framed, maybe still buffered), headers included. */
    public long bytesSent() { return bytesSent; }

    /** Writes every sent packet to the stream and flushes it: the end of a response. */
    public void flush() throws IOException {
        writePending();
        out.flush();
    }

    private void writePending() throws IOException {
        if (sent > 0) out.write(buf, 0, sent);
        // Anything begun but unsent moves to the front (normally nothing: we are between packets).
        int unsent = pos - sent;
        if (unsent > 0) System.arraycopy(buf, sent, buf, 0, unsent);
        start -= sent;
        pos = unsent;
        sent = 0;
        if (start < 0) start = 0;
    }

    private static void writeHeader(byte[] into, int at, int length, int id) {
        into[at] = (byte) length;
        into[at + 1] = (byte) (length >>> 8);
        into[at + 2] = (byte) (length >>> 16);
        into[at + 3] = (byte) id;
    }

    private void ensure(int n) {
        if (pos + n <= buf.length) return;
        long wanted = Math.max((long) pos + n, (long) buf.length * 2);
        if (wanted > Integer.MAX_VALUE - 16) {
            if ((long) pos + n > Integer.MAX_VALUE - 16) throw new IllegalStateException("packet too large to build: " + ((long) pos + n));
            wanted = Integer.MAX_VALUE - 16;
        }
        buf = Arrays.copyOf(buf, (int) wanted);
    }

    /** Test hook: the payload bytes built so far. */
    byte[] payloadCopy() { return Arrays.copyOfRange(buf, start + HEADER, pos); }
}

package dev.basalt.pgwire;

import java.nio.charset.StandardCharsets;

/** Reads the fields of one frontend message body; running past its end is a malformed message. */
final class MessageBody {
    private final byte[] data;
    private int pos;

    MessageBody(byte[] data) { this.data = data; }

    boolean hasRemaining() { return pos < data.length; }

    int remaining() { return data.length - pos; }

    int int8() throws MalformedMessageException {
        need(1);
        return data[pos++] & 0xFF;
    }

    int int16() throws MalformedMessageException {
        need(2);
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return (short) v;
    }

    int int32() throws MalformedMessageException {
        need(4);
        int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** A NUL-terminated UTF-8 string. */
    String cstring() throws MalformedMessageException {
        int end = pos;
        while (end < data.length && data[end] != 0) end++;
        if (end >= data.length) throw new MalformedMessageException("unterminated string in message");
        String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return s;
    }

    byte[] bytes(int n) throws MalformedMessageException {
        if (n < 0) throw new MalformedMessageException("negative length in message");
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    byte[] rest() {
        byte[] b = java.util.Arrays.copyOfRange(data, pos, data.length);
        pos = data.length;
        return b;
    }

    /** A count field (formats, parameters, values) that must be non-negative. */
    int count16() throws MalformedMessageException {
        int n = int16();
        if (n < 0) throw new MalformedMessageException("negative count in message");
        return n;
    }

    private void need(int n) throws MalformedMessageException {
        if (data.length - pos < n) throw new MalformedMessageException("message too short");
    }
}

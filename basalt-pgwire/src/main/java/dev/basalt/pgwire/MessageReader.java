package dev.basalt.pgwire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads frontend messages: the untyped startup packet, then typed messages. */
final class MessageReader {
    private final InputStream in;
    private final long maxLength;

    MessageReader(InputStream in, long maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** A typed message; {@code type} is -1 when the client closed the connection cleanly between messages. */
    record Message(int type, MessageBody body) {}

    Message read() throws IOException {
        int type = in.read();
        if (type < 0) return new Message(-1, null);
        return new Message(type, new MessageBody(body()));
    }

    /** The startup packet (or SSLRequest / CancelRequest): a length and a body, no type byte. */
    MessageBody readStartup() throws IOException {
        return new MessageBody(body());
    }

    private byte[] body() throws IOException {
        int length = int32();
        if (length < 4 || length - 4 > maxLength) throw new MalformedMessageException("invalid message length " + length);
        // readNBytes grows its buffer as data arrives: a lying length costs no up-front allocation
        byte[] b = in.readNBytes(length - 4);
        if (b.length < length - 4) throw new EOFException("connection closed inside a message");
        return b;
    }

    private int int32() throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) throw new EOFException("connection closed inside a message");
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}

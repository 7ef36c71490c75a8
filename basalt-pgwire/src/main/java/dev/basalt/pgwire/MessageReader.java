package dev.basalt.pgwire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frontend messages: the untyped startup packet, then typed messages. A length beyond the
 * current limit is a protocol violation before a byte of the body is read, so a client cannot make
 * the server buffer what it promises; the limit is small until the client has logged in.
 */
final class MessageReader {
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH: a startup packet is a few names and values. */
    static final int MAX_STARTUP_PACKET = 10_000;
    /**
     * Largest typed message before login (password, SASL messages): PostgreSQL caps SASL tokens at
     * 64 KB; we match the MySQL listener's pre-authentication cap, which is far above what SCRAM needs.
     */
    static final int PRE_AUTH_MAX_MESSAGE = 16 * 1024;

    private final InputStream in;
    private volatile long maxLength;

    /** A reader for a client that has not logged in yet: {@link #PRE_AUTH_MAX_MESSAGE} until {@link #loggedIn}. */
    MessageReader(InputStream in) {
        this(in, PRE_AUTH_MAX_MESSAGE);
    }

    MessageReader(InputStream in, long maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** After authentication: messages up to the server's largest (max_allowed_packet). */
    void loggedIn(long maxMessage) {
        this.maxLength = maxMessage;
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
        int length = int32();
        // PostgreSQL's own wording; the packet is never read, whatever it claims
        if (length < 8 || length > MAX_STARTUP_PACKET) throw new MalformedMessageException("invalid length of startup packet");
        return new MessageBody(body(length));
    }

    private byte[] body() throws IOException {
        int length = int32();
        if (length < 4 || length - 4 > maxLength) throw new MalformedMessageException("invalid message length " + length);
        return body(length);
    }

    private byte[] body(int length) throws IOException {
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

package dev.basalt.mysql;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The client socket's buffered input, which can say whether it holds bytes not read yet (a
 * relay's event loop may take the socket only when it does not) and take back bytes the loop read
 * but left to the connection's thread (they are read again before the socket's).
 */
final class ClientInput extends BufferedInputStream {
    private byte[] unread = new byte[0];
    private int unreadAt;

    ClientInput(InputStream in, int size) { super(in, size); }

    /** Bytes buffered here, read from the socket but not yet by the connection. */
    int buffered() { return count - pos + unread.length - unreadAt; }

    /** {@code bytes} come before anything else still to be read. */
    void unread(byte[] bytes) {
        if (bytes.length == 0) return;
        if (unreadAt < unread.length) throw new IllegalStateException("bytes given back twice");
        unread = bytes;
        unreadAt = 0;
    }

    @Override public int read() throws IOException {
        if (unreadAt < unread.length) return unread[unreadAt++] & 0xFF;
        return super.read();
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        if (unreadAt < unread.length) {
            int n = Math.min(len, unread.length - unreadAt);
            System.arraycopy(unread, unreadAt, b, off, n);
            unreadAt += n;
            return n;
        }
        return super.read(b, off, len);
    }

    @Override public int available() throws IOException {
        return unread.length - unreadAt + super.available();
    }
}

package dev.basalt.mysql;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The socket's output stream, remembering since when a write has been blocked, so the server's
 * watchdog can hang up on clients that stopped reading (MySQL's net_write_timeout). Sits below
 * PacketWriter above it buffers, so it is touched once per 64 KB, not per row.
 */
final class WatchedOutputStream extends FilterOutputStream {
    /** System.nanoTime() when the current write began, or 0 when no write is in progress. */
    private volatile long writingSince;

    WatchedOutputStream(OutputStream out) {
        super(out);
    }

    long writingSince() { return writingSince; }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        writingSince = System.nanoTime() | 1; // never 0 while writing
        try {
            out.write(b, off, len);
        } finally {
            writingSince = 0;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
        writingSince = System.nanoTime() | 1;
        try {
            out.flush();
        } finally {
            writingSince = 0;
        }
    }
}

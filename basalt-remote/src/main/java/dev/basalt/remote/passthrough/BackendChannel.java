package dev.basalt.remote.passthrough;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The socket to the fronted server, read one frame (packet header and payload) at a time into a
 * reused buffer, so a relay can inspect a frame's first bytes and pass the whole frame on as it is.
 */
final class BackendChannel implements AutoCloseable {
    static final int HEADER = 4;
    static final int MAX_PIECE = 0xFFFFFF;
    private static final int INITIAL = 16 * 1024;
    private static final int SHRINK_ABOVE = 1024 * 1024;

    /** Closes sockets whose login takes too long. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("passthrough-login-timer").daemon(true).unstarted(r));

    /** The TCP socket, or the TLS socket over it after {@link #startTls}; null over a Unix socket. */
    private Socket socket;
    /** What closing closes: the socket, or the Unix socket's channel. */
    private java.io.Closeable link;
    private final ScheduledFuture<?> loginTimer;
    private final AtomicBoolean timedOut;
    private InputStream in;
    /** The socket's channel while no TLS is over it (a relay's event loop may then use it); else null. */
    private java.nio.channels.SocketChannel channel;
    private OutputStream out;
    /** The current frame: header at 0, payload from {@link #HEADER}. */
    private byte[] frame = new byte[INITIAL];
    private int length;
    /** Header and payload of a small command, written with one call (reused: no garbage per command). */
    private final byte[] small = new byte[HEADER + SMALL_COMMAND];
    private static final int SMALL_COMMAND = 1024;

    private BackendChannel(Socket socket, ScheduledFuture<?> loginTimer, AtomicBoolean timedOut) throws IOException {
        this.socket = socket;
        this.link = socket;
        this.loginTimer = loginTimer;
        this.timedOut = timedOut;
        this.in = new BufferedInputStream(socket.getInputStream(), 32 * 1024);
        this.out = socket.getOutputStream();
        this.channel = socket.getChannel();
    }

    /** Over a connected Unix socket channel (blocking: one read system call per wait, as with TCP). */
    private BackendChannel(java.nio.channels.SocketChannel local, ScheduledFuture<?> loginTimer, AtomicBoolean timedOut) {
        this.link = local;
        this.loginTimer = loginTimer;
        this.timedOut = timedOut;
        this.in = new BufferedInputStream(java.nio.channels.Channels.newInputStream(local), 32 * 1024);
        this.out = java.nio.channels.Channels.newOutputStream(local);
        this.channel = local;
    }

    /**
     * Connects to the server's Unix socket ({@code --mysql-socket}), with the same login timer as
     * {@link #connect}. On one machine this skips the TCP stack: no segments, no acknowledgements,
     * less kernel work for Basalt and the server on every statement.
     */
    static BackendChannel connectLocal(java.nio.file.Path path, int timeoutMillis) throws IOException {
        java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        return underLoginTimer(channel, timeoutMillis, (timer, expired) -> {
            channel.connect(java.net.UnixDomainSocketAddress.of(path));
            return new BackendChannel(channel, timer, expired);
        });
    }

    private interface Opening {
        BackendChannel open(ScheduledFuture<?> loginTimer, AtomicBoolean timedOut) throws IOException;
    }

    /**
     * Runs {@code opening} with the login timer started, which closes {@code c} unless
     * {@link #loggedIn()} comes first; a failed opening closes {@code c} at once.
     */
    private static BackendChannel underLoginTimer(java.io.Closeable c, int timeoutMillis, Opening opening) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> timer = TIMER.schedule(() -> {
            expired.set(true);
            try {
                c.close();
            } catch (IOException ignored) {
                // closing is all we want
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            return opening.open(timer, expired);
        } catch (IOException | RuntimeException e) {
            timer.cancel(false);
            c.close();
            if (expired.get()) throw new java.net.SocketTimeoutException("connect timed out after " + timeoutMillis + " ms");
            throw e;
        }
    }

    /** Over a Unix socket: local, so TLS is neither needed nor possible (as with the mysql client). */
    boolean local() { return socket == null; }

    /**
     * Connects; the connect and the login that follows must end with {@link #loggedIn()} within
     * the timeout, or the socket is closed under them (a blocked connect or read then fails). Not
     * a connect timeout nor a socket timeout: either switches the JDK's socket to non-blocking mode
     * for good, and every read that has to wait then costs a failed read, a poll() and a second
     * read instead of one blocking read (seen in a JFR profile of sysbench point selects).
     */
    static BackendChannel connect(String host, int port, int timeoutMillis) throws IOException {
        // a channel's socket (blocking, as a plain one): a relay's event loop can then read it too
        Socket socket = java.nio.channels.SocketChannel.open().socket();
        return underLoginTimer(socket, timeoutMillis, (timer, expired) -> {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port));
            return new BackendChannel(socket, timer, expired);
        });
    }

    /**
     * Switches to TLS after the SSLRequest was sent (nothing of the server's is buffered then: it
     * waits for the ClientHello). A failed handshake (untrusted certificate, wrong host name) is an
     * IOException naming the cause; the login timer still bounds a handshake that hangs.
     */
    void startTls(dev.basalt.remote.tls.RemoteTls tls, String host, int port) throws IOException {
        if (socket == null) throw new IOException("TLS over a Unix socket is not supported");
        javax.net.ssl.SSLSocket s = tls.wrap(socket, host, port);
        socket = s;
        link = s;
        channel = null;
        in = new BufferedInputStream(s.getInputStream(), 32 * 1024);
        out = s.getOutputStream();
    }

    boolean secure() { return socket instanceof javax.net.ssl.SSLSocket; }

    /**
     * The channel a relay's event loop may read and write between frames read here: null over TLS,
     * or while this channel holds bytes it read ahead (none between responses, normally).
     */
    java.nio.channels.SocketChannel idleChannel() throws IOException {
        return channel != null && in.available() == 0 ? channel : null;
    }

    /** After login: statements may run as long as they like, as with a direct connection. */
    void loggedIn() { loginTimer.cancel(false); }

    /**
     * Reads the next frame; a payload of exactly 0xFFFFFF bytes continues in the next frame.
     * A failure of this socket is a {@link BackendFailure}, so callers can tell it from the client's.
     */
    void readFrame() throws IOException {
        if (frame.length > SHRINK_ABOVE && length < SHRINK_ABOVE / 4) frame = new byte[INITIAL];
        readFully(0, HEADER);
        length = (frame[0] & 0xFF) | (frame[1] & 0xFF) << 8 | (frame[2] & 0xFF) << 16;
        if (HEADER + length > frame.length) frame = Arrays.copyOf(frame, HEADER + length);
        readFully(HEADER, length);
    }

    byte[] frame() { return frame; }

    /** Payload length of the current frame. */
    int length() { return length; }

    /** Header plus payload: what to copy to the client. */
    int frameLength() { return HEADER + length; }

    int sequenceId() { return frame[3] & 0xFF; }

    /** First payload byte, or -1 for an empty payload. */
    int first() { return length == 0 ? -1 : frame[HEADER] & 0xFF; }

    /** True for a frame holding a whole packet that ends a response part: ERR, or an OK/EOF. */
    boolean isErr() { return first() == 0xFF; }

    /**
     * Writes one logical packet with sequence ids from {@code sequence}, split into 0xFFFFFF-byte
     * pieces when large, and flushes. Returns the next sequence id.
     */
    int writePacket(int sequence, byte[] payload, int offset, int size) throws IOException {
        try {
            return write(sequence, payload, offset, size);
        } catch (IOException e) {
            throw new BackendFailure(e);
        }
    }

    private int write(int sequence, byte[] payload, int offset, int size) throws IOException {
        int left = size;
        int at = offset;
        while (true) {
            int piece = Math.min(left, MAX_PIECE);
            // the header goes in front of the payload in one buffer: one write system call
            byte[] packet = piece <= SMALL_COMMAND ? small : new byte[HEADER];
            packet[0] = (byte) piece;
            packet[1] = (byte) (piece >>> 8);
            packet[2] = (byte) (piece >>> 16);
            packet[3] = (byte) sequence;
            sequence = (sequence + 1) & 0xFF;
            if (piece <= SMALL_COMMAND) {
                System.arraycopy(payload, at, packet, HEADER, piece);
                out.write(packet, 0, HEADER + piece);
            } else {
                out.write(packet);
                out.write(payload, at, piece);
            }
            at += piece;
            left -= piece;
            if (piece < MAX_PIECE) break;
        }
        out.flush();
        return sequence;
    }

    private void readFully(int offset, int n) throws IOException {
        int done = 0;
        try {
            while (done < n) {
                int r = in.read(frame, offset + done, n - done);
                if (r < 0) throw new EOFException("the server closed the connection");
                done += r;
            }
        } catch (BackendFailure e) {
            throw e;
        } catch (IOException e) {
            throw new BackendFailure(e);
        }
    }

    /** True when the login timer closed the socket. */
    boolean timedOut() { return timedOut.get(); }

    @Override
    public void close() {
        try {
            link.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}

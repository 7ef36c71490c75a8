package dev.basalt.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Blocking plaintext streams over an {@link SSLEngine} and a socket's streams: what the JDK's
 * {@code SSLSocket} does for its own engine, for engines that come without a socket (OpenSSL's).
 *
 * <p>Reads run on the connection's thread; writes too, but a read may have to answer the peer
 * (TLS 1.3 KeyUpdate, close_notify), so every wrap-and-send holds {@link #writeLock} and every
 * unwrap holds {@link #readLock}. Records are sent as the engine makes them: the packet writer
 * above already buffers whole packets, so one write is one or a few records.
 */
final class EngineStreams implements TlsStreams {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final InputStream netIn;
    private final OutputStream netOut;
    private final Consumer<SSLEngine> release;
    private final Consumer<SSLEngine> afterHandshake;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    /** Ciphertext read from the socket, not yet unwrapped; kept ready to read (flipped). */
    private ByteBuffer netRead;
    /** Plaintext unwrapped, not yet handed out; kept ready to read (flipped). */
    private ByteBuffer appRead;
    /** Ciphertext one wrap made, to send. */
    private ByteBuffer netWrite;
    private boolean inboundClosed;
    /** After the first handshake: an unwrap that does nothing then waits for the next record. */
    private boolean handshakeDone;
    private boolean released;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    private EngineStreams(SSLEngine engine, InputStream netIn, OutputStream netOut, byte[] early,
                          Consumer<SSLEngine> release, Consumer<SSLEngine> afterHandshake) {
        this.engine = engine;
        this.netIn = netIn;
        this.netOut = netOut;
        this.release = release;
        this.afterHandshake = afterHandshake;
        SSLSession s = engine.getSession();
        netRead = ByteBuffer.allocate(Math.max(s.getPacketBufferSize(), early.length));
        netRead.put(early).flip();
        appRead = ByteBuffer.allocate(s.getApplicationBufferSize());
        appRead.flip();
        netWrite = ByteBuffer.allocate(s.getPacketBufferSize());
    }

    /** Runs the handshake over the streams; {@code early} are TLS bytes already read from the socket. */
    static EngineStreams handshake(SSLEngine engine, InputStream netIn, OutputStream netOut, byte[] early,
                                   Consumer<SSLEngine> release) throws IOException {
        return handshake(engine, netIn, netOut, early, release, e -> {});
    }

    /**
     * As above; {@code afterHandshake} runs once the handshake is done, before the engine's pending
     * records are sent (e.g. to make BoringSSL release its TLS 1.3 session tickets).
     */
    static EngineStreams handshake(SSLEngine engine, InputStream netIn, OutputStream netOut, byte[] early,
                                   Consumer<SSLEngine> release, Consumer<SSLEngine> afterHandshake) throws IOException {
        EngineStreams s = new EngineStreams(engine, netIn, netOut, early, release, afterHandshake);
        s.runHandshake();
        return s;
    }

    @Override public InputStream input() { return input; }

    @Override public OutputStream output() { return output; }

    @Override public SSLSession session() { return engine.getSession(); }

    @Override
    public void release() {
        synchronized (readLock) {
            synchronized (writeLock) {
                if (released) return;
                released = true;
            }
        }
        release.accept(engine);
    }

    @Override
    public void closeOutbound() throws IOException {
        synchronized (writeLock) {
            if (released || engine.isOutboundDone()) return;
            engine.closeOutbound();
            // the close_notify alert; a wrap that makes nothing more means it is out
            while (!engine.isOutboundDone()) {
                netWrite.clear();
                SSLEngineResult r = engine.wrap(EMPTY, netWrite);
                send();
                if (r.bytesProduced() == 0) break;
            }
            netOut.flush();
        }
    }

    private void runHandshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.FINISHED && hs != HandshakeStatus.NOT_HANDSHAKING) {
            switch (hs) {
                case NEED_WRAP -> hs = wrapAndSend(EMPTY).getHandshakeStatus();
                case NEED_TASK -> hs = runTasks();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r;
                    synchronized (readLock) {
                        r = unwrap();
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) throw new SSLException("the client ended the TLS handshake");
                    hs = r.getHandshakeStatus();
                }
                default -> throw new SSLException("unexpected handshake status " + hs);
            }
        }
        // TLS 1.3 session tickets: BoringSSL holds them until the server's first write, and our ports
        // wait for the client to speak first; the library's hook releases them, this wrap sends them
        afterHandshake.accept(engine);
        do {
            wrapAndSend(EMPTY);
        } while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
        netOut.flush();
        handshakeDone = true;
    }

    private HandshakeStatus runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) task.run();
        return engine.getHandshakeStatus();
    }

    /**
     * One unwrap of buffered ciphertext into {@link #appRead}, reading from the socket while the
     * engine needs more bytes for a whole record. Caller holds {@link #readLock}.
     */
    private SSLEngineResult unwrap() throws IOException {
        while (true) {
            if (released) throw new SocketException("TLS connection closed");
            appRead.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netRead, appRead);
            } finally {
                appRead.flip();
            }
            switch (r.getStatus()) {
                case OK, CLOSED -> {
                    if (r.getStatus() == SSLEngineResult.Status.OK && r.bytesConsumed() == 0 && r.bytesProduced() == 0
                            && wantsBytes(r.getHandshakeStatus())) {
                        readNet(); // nothing to work on: a record is still on its way
                        continue;
                    }
                    return r;
                }
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(appRead.remaining() + engine.getSession().getApplicationBufferSize());
                    bigger.put(appRead).flip();
                    appRead = bigger;
                }
                case BUFFER_UNDERFLOW -> {
                    if (!wantsBytes(r.getHandshakeStatus())) return r; // e.g. the handshake FINISHED: nothing to read
                    readNet();
                }
            }
        }
    }

    /**
     * Whether an unwrap that did nothing was waiting for more of the peer's bytes. Not when the
     * handshake has just ended: BoringSSL's engine reports a TLS 1.3 handshake FINISHED only on the
     * unwrap after the one that took the client's Finished (as BUFFER_UNDERFLOW, nothing left to
     * read); reading the socket then would wait for a client that waits for us to speak first.
     */
    private boolean wantsBytes(HandshakeStatus hs) {
        return switch (hs) {
            case NEED_UNWRAP -> true;
            case NOT_HANDSHAKING -> handshakeDone;
            default -> false; // NEED_WRAP, NEED_TASK, FINISHED, NEED_UNWRAP_AGAIN: the caller acts
        };
    }

    /** Reads more ciphertext from the socket behind what is buffered; EOF is the peer leaving. */
    private void readNet() throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        if (netRead.capacity() - netRead.remaining() < Math.min(packet, 4096) || netRead.capacity() < packet) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(packet, netRead.remaining() * 2 + 4096));
            bigger.put(netRead).flip();
            netRead = bigger;
        }
        netRead.compact();
        try {
            int n = netIn.read(netRead.array(), netRead.arrayOffset() + netRead.position(), netRead.remaining());
            if (n < 0) throw new EOFException("the client closed the connection");
            netRead.position(netRead.position() + n);
        } finally {
            netRead.flip();
        }
    }

    /** Wraps {@code src} (all of it, or a handshake message when empty) and sends the records. */
    private SSLEngineResult wrapAndSend(ByteBuffer src) throws IOException {
        synchronized (writeLock) {
            while (true) {
                if (released) throw new SocketException("TLS connection closed");
                netWrite.clear();
                SSLEngineResult r = engine.wrap(src, netWrite);
                switch (r.getStatus()) {
                    case BUFFER_OVERFLOW -> {
                        netWrite = ByteBuffer.allocate(netWrite.capacity() + engine.getSession().getPacketBufferSize());
                        continue;
                    }
                    case CLOSED -> {
                        send();
                        throw new SocketException("TLS connection closed");
                    }
                    case BUFFER_UNDERFLOW -> throw new SSLException("TLS engine: underflow on wrap");
                    case OK -> send();
                }
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) runTasks();
                if (!src.hasRemaining()) return r;
            }
        }
    }

    private void send() throws IOException {
        netWrite.flip();
        if (netWrite.hasRemaining()) netOut.write(netWrite.array(), netWrite.arrayOffset(), netWrite.remaining());
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            synchronized (readLock) {
                while (!appRead.hasRemaining()) {
                    if (inboundClosed) return -1;
                    SSLEngineResult r = unwrap();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) inboundClosed = true; // close_notify
                    HandshakeStatus hs = r.getHandshakeStatus();
                    if (hs == HandshakeStatus.NEED_TASK) hs = runTasks();
                    // the peer's message wants an answer (TLS 1.3 KeyUpdate, our close_notify, an alert)
                    if (hs == HandshakeStatus.NEED_WRAP && !released) answer(hs);
                }
                int n = Math.min(len, appRead.remaining());
                appRead.get(b, off, n);
                return n;
            }
        }

        /**
         * Sends what the engine wants sent after an unwrap. A record that fails to decrypt makes
         * netty's engine ask for a wrap (the alert) and keep the error until the next wrap; that
         * wrap is made here, so the read fails at once instead of waiting for the peer's next bytes
         * (a peer that stays connected would be waited for until wait_timeout). With no error held,
         * the extra wrap produces nothing.
         */
        private void answer(HandshakeStatus hs) throws IOException {
            try {
                while (hs == HandshakeStatus.NEED_WRAP && !released) hs = wrapAndSend(EMPTY).getHandshakeStatus();
                if (!released && !engine.isOutboundDone()) wrapAndSend(EMPTY);
            } catch (SocketException closed) {
                // our side is closed already (close_notify answered): the read returns what it has
            }
        }

        @Override
        public int available() {
            synchronized (readLock) {
                return appRead.remaining();
            }
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) return;
            wrapAndSend(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void flush() throws IOException {
            netOut.flush();
        }
    }
}

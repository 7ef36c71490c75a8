package dev.basalt.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells whether the client of an exchange has hung up while its statement runs, so the statement
 * can be stopped (MySQL notices a closed socket and kills the query; the JDK's HttpServer has no
 * disconnect callback, so we look ourselves).
 *
 * <p>The request body has been read in full before the statement starts, and HTTP/1.1 clients do not
 * pipeline behind a POST, so the socket has nothing more to say until the client leaves: a
 * non-blocking read that returns end-of-stream (FIN) or fails (RST) means it is gone. The probe
 * runs on the exchange's own handler thread, between waits for the statement, so nothing else
 * reads the socket at that moment; it puts the channel back into blocking mode for the server.
 * Bytes it does read cannot be given back: it then asks for {@code Connection: close}, so the
 * connection ends with this answer instead of being misread. Over HTTPS a leaving client sends
 * its TLS close_notify before the FIN: a probe reads on through such bytes to the end of stream.
 *
 * <p>The socket lives inside the JDK's exchange; reaching it needs
 * {@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED} (bin/basalt and the build pass
 * it). Without it the probe says "still there" and statements run to their end, as before.
 */
final class ClientGone {

    private static final Logger LOG = Logger.getLogger(ClientGone.class.getName());
    private static final Field IMPL = field("sun.net.httpserver.HttpExchangeImpl", "impl");
    private static final Field HTTPS_IMPL = field("sun.net.httpserver.HttpsExchangeImpl", "impl");
    private static final Field CONNECTION = field("sun.net.httpserver.ExchangeImpl", "connection");
    private static final Field CHANNEL = field("sun.net.httpserver.HttpConnection", "chan");

    /** A probe that never sees a disconnect (the socket is out of reach). */
    static final ClientGone NEVER = new ClientGone(null, null);

    private final SocketChannel channel;
    private final HttpExchange exchange;
    private boolean gone;
    private boolean consumed;

    private ClientGone(SocketChannel channel, HttpExchange exchange) {
        this.channel = channel;
        this.exchange = exchange;
    }

    /** The probe for this exchange's connection, or {@link #NEVER} when it cannot be reached. */
    static ClientGone of(HttpExchange ex) {
        Field impl = ex instanceof com.sun.net.httpserver.HttpsExchange ? HTTPS_IMPL : IMPL;
        if (impl == null || CONNECTION == null || CHANNEL == null || !impl.getDeclaringClass().isInstance(ex)) return NEVER;
        try {
            Object exchangeImpl = impl.get(ex);
            Object connection = CONNECTION.get(exchangeImpl);
            return connection == null ? NEVER : new ClientGone((SocketChannel) CHANNEL.get(connection), ex);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return NEVER;
        }
    }

    /** True once the client has closed or reset its connection. */
    boolean check() {
        if (gone || channel == null) return gone;
        if (!channel.isOpen()) return gone = true;
        // read what is there, up to the end: a TLS client says close_notify (some bytes) before its FIN
        ByteBuffer buffer = ByteBuffer.allocate(512);
        try {
            synchronized (channel.blockingLock()) {
                channel.configureBlocking(false);
                try {
                    for (int reads = 0; reads < 64 && !gone; reads++) {
                        buffer.clear();
                        int n = channel.read(buffer);
                        if (n == 0) break;
                        if (n < 0) gone = true;
                        else if (!consumed) {
                            consumed = true;
                            closeAfterTheAnswer();
                        }
                    }
                } finally {
                    channel.configureBlocking(true);
                }
            }
        } catch (IOException e) {
            gone = true; // reset by peer, or the channel closed under us
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cannot probe the HTTP connection", e);
        }
        return gone;
    }

    /** Bytes were read that the server will not see: the connection must not carry another request. */
    private void closeAfterTheAnswer() {
        try {
            exchange.getResponseHeaders().set("Connection", "close");
        } catch (RuntimeException e) {
            // the headers are out already (a stream): the client is leaving or misbehaving anyway
        }
    }

    private static Field field(String className, String name) {
        try {
            Field f = Class.forName(className, false, ClassLoader.getPlatformClassLoader()).getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not opened to us (InaccessibleObjectException) or another JDK: no disconnect detection
            LOG.log(Level.FINE, "HTTP client disconnect detection is off: " + e);
            return null;
        }
    }
}

package dev.basalt.mysql.tls;

import javax.net.ssl.SSLSession;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection's TLS layer after the handshake: plaintext streams over the encrypted socket and
 * the negotiated session (protocol, cipher, client certificate).
 */
public interface TlsStreams {
    InputStream input();

    OutputStream output();

    SSLSession session();

    /**
     * Frees what the TLS layer holds beyond the socket (a native engine); called once, by the
     * connection's own thread when it ends. The socket is closed by its owner, not here.
     */
    default void release() {}
}

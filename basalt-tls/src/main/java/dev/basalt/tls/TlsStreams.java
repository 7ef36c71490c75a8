package dev.basalt.tls;

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
     * Ends our direction in order: sends TLS close_notify, so the peer can tell the end from a
     * truncation (as MySQL does on COM_QUIT). The socket stays open; its owner closes it.
     */
    default void closeOutbound() throws java.io.IOException {}

    /**
     * Frees what the TLS layer holds beyond the socket (a native engine); called once, by the
     * connection's own thread when it ends. The socket is closed by its owner, not here.
     */
    default void release() {}
}

package dev.basalt.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * How a listener turns an accepted plain socket into TLS mid-conversation (after the client's
 * SSLRequest): the JDK's TLS socket ({@link JdkTlsHandshake}) or an {@link javax.net.ssl.SSLEngine}
 * from another library ({@link EngineTlsHandshake}).
 */
public interface TlsHandshake {
    /**
     * Runs the server side of the handshake.
     *
     * @param buffered the stream the plain packets were read through: bytes it has buffered past the
     *                 SSLRequest are the client's first TLS bytes
     * @throws IOException when the handshake fails (garbage, no common protocol, the peer left)
     */
    TlsStreams accept(Socket plain, InputStream buffered) throws IOException;

    /** The TLS implementation's name, as SHOW STATUS LIKE 'Ssl_library' shows it. */
    String library();
}

package dev.basalt.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * Turns an accepted plain socket into a server-side TLS socket mid-conversation (after the
 * client's SSLRequest). The client sends its TLS ClientHello right behind the request, so bytes
 * already buffered from the plain stream are handed to the TLS layer, not lost.
 */
public final class TlsUpgrade {
    private TlsUpgrade() {}

    /**
     * @param buffered the stream the plain packets were read through; its buffered bytes belong to TLS now
     * @return the TLS socket, its handshake done; closing it closes {@code plain}
     * @throws IOException when the handshake fails (garbage, no common protocol, the peer left)
     */
    public static SSLSocket serverSide(SSLContext context, Socket plain, InputStream buffered) throws IOException {
        return serverSide(context, plain, buffered, null);
    }

    /** As above, the socket configured with {@code parameters} (protocols, ciphers, client certificate) unless null. */
    public static SSLSocket serverSide(SSLContext context, Socket plain, InputStream buffered,
                                       javax.net.ssl.SSLParameters parameters)
            throws IOException {
        byte[] early = buffered.readNBytes(Math.max(0, buffered.available()));
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, new ByteArrayInputStream(early), true);
        tls.setUseClientMode(false);
        if (parameters != null) tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }
}

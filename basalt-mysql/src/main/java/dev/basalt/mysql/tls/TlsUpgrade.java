package dev.basalt.mysql.tls;

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
        byte[] early = buffered.readNBytes(Math.max(0, buffered.available()));
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, new ByteArrayInputStream(early), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        return tls;
    }

    /**
     * The cipher as MySQL (OpenSSL) names it: TLSv1.3 suites keep their standard names
     * ({@code TLS_AES_256_GCM_SHA384}); older ones use OpenSSL's, e.g. the JDK's
     * {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256} is {@code ECDHE-RSA-AES128-GCM-SHA256}.
     */
    public static String openSslCipherName(String standard) {
        int with = standard.indexOf("_WITH_");
        if (!standard.startsWith("TLS_") || with < 0) return standard;
        String exchange = standard.substring(4, with).replace('_', '-');
        String cipher = standard.substring(with + 6)
                .replace("AES_128_", "AES128-").replace("AES_256_", "AES256-")
                .replace("CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305")
                .replace('_', '-');
        // OpenSSL drops the key exchange for plain RSA (AES128-GCM-SHA256)
        return exchange.equals("RSA") ? cipher : exchange + "-" + cipher;
    }
}

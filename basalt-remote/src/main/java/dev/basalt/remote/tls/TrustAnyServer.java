package dev.basalt.remote.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server certificate: ssl-mode PREFERRED and REQUIRED encrypt without verifying who
 * answers, as MySQL's client does in those modes (VERIFY_CA and VERIFY_IDENTITY check).
 */
final class TrustAnyServer extends X509ExtendedTrustManager {
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    /** Never used: Basalt is the client on these connections. */
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("client certificates are not checked here");
    }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        checkClientTrusted(chain, authType);
    }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        checkClientTrusted(chain, authType);
    }

    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}

package dev.basalt.server.tls;

import dev.basalt.engine.api.TlsRequirement;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MySQL's TLS knobs as JDK socket parameters: {@code tls_version} (which protocols; Basalt allows
 * TLSv1.2 and TLSv1.3, the JDK's policy disables older ones, as MySQL 8.0.28+ does),
 * {@code ssl_cipher} (OpenSSL names of TLSv1.2 suites, colon-separated; TLSv1.3 suites are not
 * restricted by it, as in MySQL, where tls_ciphersuites does that) and whether clients are asked
 * for a certificate (a CA is configured: the handshake asks, a client may still send none).
 */
final class TlsPolicy {
    private TlsPolicy() {}

    private static final Set<String> SUPPORTED = Set.of("TLSv1.2", "TLSv1.3");

    static SSLParameters parameters(SSLContext context, String tlsVersion, String sslCipher, boolean askClientCertificate)
            throws IOException {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols(tlsVersion));
        if (sslCipher != null && !sslCipher.isBlank()) p.setCipherSuites(cipherSuites(context, sslCipher));
        if (askClientCertificate) p.setWantClientAuth(true);
        return p;
    }

    private static String[] protocols(String tlsVersion) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String v : (tlsVersion == null ? "" : tlsVersion).split(",")) {
            String name = v.strip();
            if (name.isEmpty()) continue;
            String canonical = SUPPORTED.stream().filter(s -> s.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (canonical == null) {
                throw new IOException("tls_version '" + tlsVersion + "': " + name + " is not supported (TLSv1.2 and TLSv1.3 are)");
            }
            out.add(canonical);
        }
        if (out.isEmpty()) throw new IOException("tls_version '" + tlsVersion + "' names no protocol");
        return out.toArray(String[]::new);
    }

    /** TLSv1.3 suites stay; TLSv1.2 ones are those ssl_cipher names (by their OpenSSL names). */
    private static String[] cipherSuites(SSLContext context, String sslCipher) throws IOException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String c : sslCipher.split(":")) if (!c.isBlank()) wanted.add(c.strip().toUpperCase(Locale.ROOT));
        List<String> out = new ArrayList<>();
        boolean any12 = false;
        for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
            boolean tls13 = !suite.contains("_WITH_");
            String openssl = TlsRequirement.openSslCipherName(suite).toUpperCase(Locale.ROOT);
            if (tls13 || wanted.contains(openssl) || wanted.contains(suite)) {
                out.add(suite);
                any12 |= !tls13;
            }
        }
        if (!any12) throw new IOException("ssl_cipher '" + sslCipher + "': no cipher match");
        return out.toArray(String[]::new);
    }
}

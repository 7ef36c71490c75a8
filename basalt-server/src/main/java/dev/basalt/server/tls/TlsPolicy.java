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
 * {@code ssl_cipher} (OpenSSL names of TLSv1.2 suites, colon-separated), {@code tls_ciphersuites}
 * (TLSv1.3 suites, as in MySQL 8.0.16+) and whether clients are asked
 * for a certificate (a CA is configured: the handshake asks, a client may still send none).
 */
final class TlsPolicy {
    private TlsPolicy() {}

    private static final Set<String> SUPPORTED = Set.of("TLSv1.2", "TLSv1.3");

    static SSLParameters parameters(SSLContext context, TlsOptions options, boolean askClientCertificate)
            throws IOException {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols(options.tlsVersion()));
        Set<String> tls12 = names(options.sslCipher()), tls13 = names(options.tlsCiphersuites());
        if (!tls12.isEmpty() || !tls13.isEmpty()) p.setCipherSuites(cipherSuites(context, tls12, tls13, options));
        if (askClientCertificate) p.setWantClientAuth(true);
        return p;
    }

    /** A colon-separated list of suite names, upper-cased (empty: no restriction). */
    private static Set<String> names(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : (list == null ? "" : list).split(":")) if (!c.isBlank()) out.add(c.strip().toUpperCase(Locale.ROOT));
        return out;
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

    /**
     * TLSv1.2 suites named by ssl_cipher (their OpenSSL names, or the JDK's), TLSv1.3 ones named by
     * tls_ciphersuites (their standard names, which OpenSSL shares); an empty list leaves that
     * protocol's suites as the JDK has them. A list naming no suite the JDK offers fails (3888 at reload).
     */
    private static String[] cipherSuites(SSLContext context, Set<String> tls12, Set<String> tls13, TlsOptions options)
            throws IOException {
        List<String> out = new ArrayList<>();
        boolean any12 = false, any13 = false;
        for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
            if (!suite.contains("_WITH_")) { // a TLSv1.3 suite
                if (tls13.isEmpty() || tls13.contains(suite.toUpperCase(Locale.ROOT))) {
                    out.add(suite);
                    any13 = true;
                }
                continue;
            }
            String openssl = TlsRequirement.openSslCipherName(suite).toUpperCase(Locale.ROOT);
            if (tls12.isEmpty() || tls12.contains(openssl) || tls12.contains(suite)) {
                out.add(suite);
                any12 = true;
            }
        }
        if (!tls12.isEmpty() && !any12) throw new IOException("ssl_cipher '" + options.sslCipher() + "': no cipher match");
        if (!tls13.isEmpty() && !any13) {
            throw new IOException("tls_ciphersuites '" + options.tlsCiphersuites() + "': no ciphersuite match");
        }
        return out.toArray(String[]::new);
    }
}

package dev.basalt.server.tls;

import dev.basalt.tls.EngineTlsHandshake;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.ReferenceCountUtil;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.util.List;

/**
 * TLS handshakes in BoringSSL (netty-tcnative's statically linked build, through netty's OpenSSL
 * engine) for the MySQL and PostgreSQL ports. Profiled, the JDK's handshake was 74% of a new TLS connection's server
 * CPU (RSA-PSS signing in Java, X25519 in Java); BoringSSL does both in assembly. The engine runs over
 * the connection's blocking socket ({@link dev.basalt.tls.EngineStreams}), so the listener's
 * threading is unchanged. The same key managers, trust managers (with revocation lists) and
 * protocol/suite policy as the JDK context are used, so accounts' REQUIRE X509 / ISSUER / SUBJECT,
 * ssl_crl and tls_version behave alike.
 */
final class OpenSslHandshakes {
    private OpenSslHandshakes() {}

    /** netty-tcnative names the library "BoringSSL"; Ssl_library adds where it came from. */
    static final String LIBRARY = "BoringSSL (netty-tcnative)";

    /** True when the native library loaded on this machine (checked once, by netty). */
    static boolean available() {
        try {
            return OpenSsl.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Why the native library did not load, for the start-up log. */
    static String unavailableReason() {
        try {
            Throwable cause = OpenSsl.unavailabilityCause();
            return cause == null ? "unknown" : String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause);
        } catch (LinkageError e) {
            return e.toString();
        }
    }

    /**
     * @param keys       the server's certificate chain and key (the JDK context's)
     * @param trust      client certificates' CAs and revocation lists; null: no client certificate asked for
     * @param parameters protocols and suites as the JDK context applies them ({@link TlsPolicy})
     */
    static EngineTlsHandshake build(KeyManagerFactory keys, TrustManagerFactory trust, SSLParameters parameters)
            throws SSLException {
        // the caching factory turns the key into BoringSSL's form once, not at every handshake
        SslContextBuilder b = SslContextBuilder.forServer(new OpenSslCachingX509KeyManagerFactory(keys))
                .sslProvider(SslProvider.OPENSSL_REFCNT)
                .protocols(parameters.getProtocols())
                // the JDK policy's list (ssl_cipher, tls_ciphersuites applied); suites BoringSSL lacks drop out
                .ciphers(List.of(parameters.getCipherSuites()), SupportedCipherSuiteFilter.INSTANCE);
        if (trust != null) {
            b.trustManager(trust).clientAuth(parameters.getNeedClientAuth() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        SslContext context = b.build();
        return new EngineTlsHandshake(() -> context.newEngine(ByteBufAllocator.DEFAULT), ReferenceCountUtil::release, LIBRARY);
    }
}

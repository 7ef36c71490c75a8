package dev.basalt.server.tls;

import dev.basalt.tls.EngineTlsHandshake;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.internal.tcnative.Buffer;
import io.netty.internal.tcnative.SSL;
import io.netty.util.ReferenceCountUtil;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.nio.ByteBuffer;
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
        return new EngineTlsHandshake(() -> context.newEngine(ByteBufAllocator.DEFAULT), ReferenceCountUtil::release, LIBRARY,
                OpenSslHandshakes::releaseTickets);
    }

    /**
     * The HTTPS port's context: engines from a BoringSSL context of the same key, protocols and suites,
     * for the JDK's HttpsServer to drive (it takes an {@link javax.net.ssl.SSLContext} and never frees an
     * engine, so these are netty's finalizer-freed engines, not the reference-counted ones). No client
     * certificate is asked for, as on the JDK's HTTPS.
     */
    static javax.net.ssl.SSLContext httpsContext(KeyManagerFactory keys, SSLParameters parameters) throws SSLException {
        SslContext context = SslContextBuilder.forServer(new OpenSslCachingX509KeyManagerFactory(keys))
                .sslProvider(SslProvider.OPENSSL)
                .protocols(parameters.getProtocols())
                .ciphers(List.of(parameters.getCipherSuites()), SupportedCipherSuiteFilter.INSTANCE)
                .build();
        SSLEngine sample = context.newEngine(ByteBufAllocator.DEFAULT);
        SSLParameters defaults = sample.getSSLParameters(); // the library's own names for what it enabled
        return dev.basalt.tls.EngineSslContext.of(() -> context.newEngine(ByteBufAllocator.DEFAULT), defaults, LIBRARY);
    }

    /** The zero bytes of {@link #releaseTickets}: tcnative takes a direct buffer's address even for none. */
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocateDirect(1);

    /**
     * Sends TLSv1.3 session tickets at the end of the handshake. BoringSSL keeps a TLS 1.3 server's
     * NewSessionTicket messages until the server's first write (so a client that never reads cannot
     * stall it) and documents a zero-byte write for servers that do not speak first, which both ports
     * are after the upgrade (MySQL waits for the handshake response, PostgreSQL for the startup
     * message); netty's engine never writes zero bytes, so this does, under the engine's lock. The
     * tickets then wait in netty's network buffer for the wrap that follows. Without it a client that
     * resumes (s_client -sess_out, libpq, Connector/J's session cache) got no TLS 1.3 ticket.
     */
    static void releaseTickets(SSLEngine engine) {
        if (!(engine instanceof ReferenceCountedOpenSslEngine e)) return;
        synchronized (e) {
            long ssl = e.sslPointer();
            if (ssl == 0) return; // freed: the connection is gone
            // returns 0 on success too (no application bytes); an error here shows on the next wrap
            SSL.writeToSSL(ssl, Buffer.address(NO_BYTES), 0);
            SSL.clearError();
        }
    }
}

package dev.basalt.tls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * An {@link SSLContext} whose engines come from another TLS library (BoringSSL's, through netty),
 * for listeners that take a JDK context and drive its engines themselves: the JDK's HttpsServer.
 * Engines only: the socket factories and session contexts of a JDK context are not there. Each
 * engine reports its handshake FINISHED as the JDK's does ({@link FinishedOnTimeEngine}).
 */
public final class EngineSslContext extends SSLContext {

    private EngineSslContext(Spi spi, String library) {
        super(spi, new LibraryProvider(library), "TLS");
    }

    /**
     * @param engines  a new, configured server-mode engine per call
     * @param defaults what a listener configures each engine with ({@link #getDefaultSSLParameters()}):
     *                 names the library itself reported, so setting them back cannot be refused
     * @param library  the library's name, as the context's provider
     */
    public static SSLContext of(Supplier<SSLEngine> engines, SSLParameters defaults, String library) {
        return new EngineSslContext(new Spi(engines, defaults), library);
    }

    private static final class LibraryProvider extends Provider {
        LibraryProvider(String library) {
            super(library, "1", library + " engines behind an SSLContext");
        }
    }

    private static final class Spi extends SSLContextSpi {
        private final Supplier<SSLEngine> engines;
        private final SSLParameters defaults;

        Spi(Supplier<SSLEngine> engines, SSLParameters defaults) {
            this.engines = engines;
            this.defaults = defaults;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw new UnsupportedOperationException("configured by the library it wraps");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() { return new FinishedOnTimeEngine(engines.get()); }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) { return engineCreateSSLEngine(); }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() { return copy(defaults); }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() { return copy(defaults); }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() { throw engineOnly(); }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() { throw engineOnly(); }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() { return null; }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() { return null; }

        private static UnsupportedOperationException engineOnly() {
            return new UnsupportedOperationException("this context makes SSLEngines only");
        }

        private static SSLParameters copy(SSLParameters p) {
            SSLParameters c = new SSLParameters(p.getCipherSuites(), p.getProtocols());
            c.setNeedClientAuth(p.getNeedClientAuth());
            if (!p.getNeedClientAuth()) c.setWantClientAuth(p.getWantClientAuth());
            return c;
        }
    }
}

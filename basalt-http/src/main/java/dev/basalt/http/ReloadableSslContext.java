package dev.basalt.http;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An SSLContext whose every new engine comes from whichever context was handed in last. The JDK's
 * HttpsServer takes its context once, at configuration, and refuses a new configurator once
 * started; behind this one ALTER INSTANCE RELOAD TLS can still give new HTTPS connections the new
 * certificate, while connections already open keep the engine (and certificate) they got.
 */
final class ReloadableSslContext extends SSLContext {
    private final AtomicReference<SSLContext> current;

    private ReloadableSslContext(AtomicReference<SSLContext> current) {
        super(new Delegate(current), current.get().getProvider(), current.get().getProtocol());
        this.current = current;
    }

    static ReloadableSslContext of(SSLContext initial) {
        return new ReloadableSslContext(new AtomicReference<>(initial));
    }

    /** New connections from now on use {@code next}. */
    void use(SSLContext next) {
        current.set(next);
    }

    private static final class Delegate extends SSLContextSpi {
        private final AtomicReference<SSLContext> current;

        Delegate(AtomicReference<SSLContext> current) {
            this.current = current;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw new UnsupportedOperationException("initialized by the contexts it delegates to");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() { return current.get().getSocketFactory(); }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() { return current.get().getServerSocketFactory(); }

        @Override
        protected SSLEngine engineCreateSSLEngine() { return current.get().createSSLEngine(); }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) { return current.get().createSSLEngine(host, port); }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() { return current.get().getServerSessionContext(); }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() { return current.get().getClientSessionContext(); }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() { return current.get().getDefaultSSLParameters(); }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() { return current.get().getSupportedSSLParameters(); }
    }
}

package dev.basalt.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * TLS by the JDK's own provider: a server-side {@link SSLSocket} layered over the plain socket.
 *
 * @param parameters protocols, suites and client-certificate request; null: the context's defaults
 */
public record JdkTlsHandshake(SSLContext context, SSLParameters parameters) implements TlsHandshake {

    /** What Ssl_library shows for the JDK's provider. */
    public static final String LIBRARY = "JDK " + Runtime.version().feature() + " (SunJSSE)";

    @Override
    public TlsStreams accept(Socket plain, InputStream buffered) throws IOException {
        SSLSocket tls = TlsUpgrade.serverSide(context, plain, buffered, parameters);
        InputStream in = tls.getInputStream();
        OutputStream out = tls.getOutputStream();
        return new TlsStreams() {
            @Override public InputStream input() { return in; }
            @Override public OutputStream output() { return out; }
            @Override public SSLSession session() { return tls.getSession(); }
        };
    }

    @Override
    public String library() { return LIBRARY; }
}

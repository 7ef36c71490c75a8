package dev.basalt.tls;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * TLS by any {@link SSLEngine} (e.g. an OpenSSL-backed one), run over the connection's blocking
 * socket by {@link EngineStreams}: the listener's thread-per-connection model stays as it is.
 *
 * @param engines a new server-mode engine per connection, configured (protocols, suites, client auth)
 * @param release frees an engine when its connection ends (native memory); may do nothing
 * @param library the implementation's name for Ssl_library
 * @param afterHandshake what the library needs done once a handshake is over, before the engine's
 *                pending records go out (BoringSSL: release TLS 1.3 session tickets); may do nothing
 */
public record EngineTlsHandshake(Supplier<SSLEngine> engines, Consumer<SSLEngine> release, String library,
                                 Consumer<SSLEngine> afterHandshake)
        implements TlsHandshake {

    public EngineTlsHandshake(Supplier<SSLEngine> engines, Consumer<SSLEngine> release, String library) {
        this(engines, release, library, e -> {});
    }

    @Override
    public TlsStreams accept(Socket plain, InputStream buffered) throws IOException {
        byte[] early = buffered.readNBytes(Math.max(0, buffered.available()));
        SSLEngine engine = engines.get();
        try {
            return EngineStreams.handshake(engine, plain.getInputStream(), plain.getOutputStream(), early, release,
                    afterHandshake);
        } catch (IOException | RuntimeException e) {
            release.accept(engine);
            throw e;
        }
    }
}

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
 */
public record EngineTlsHandshake(Supplier<SSLEngine> engines, Consumer<SSLEngine> release, String library)
        implements TlsHandshake {

    @Override
    public TlsStreams accept(Socket plain, InputStream buffered) throws IOException {
        byte[] early = buffered.readNBytes(Math.max(0, buffered.available()));
        SSLEngine engine = engines.get();
        try {
            return EngineStreams.handshake(engine, plain.getInputStream(), plain.getOutputStream(), early, release);
        } catch (IOException | RuntimeException e) {
            release.accept(engine);
            throw e;
        }
    }
}

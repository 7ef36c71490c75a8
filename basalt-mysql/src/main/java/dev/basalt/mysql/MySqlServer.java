package dev.basalt.mysql;

import dev.basalt.engine.api.Engine;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * TEMP stub (wip-server); the real class comes from wip-proto. Accepts connections and sends
 * only the first bytes of a v10 handshake so the server smoke test has something to read.
 */
public final class MySqlServer implements AutoCloseable {
    private final Engine engine;
    private final MySqlServerConfig config;
    private ServerSocket socket;

    public MySqlServer(Engine engine, MySqlServerConfig config) {
        this.engine = engine;
        this.config = config;
    }

    public void start() throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()));
        Thread.ofVirtual().start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                byte[] version = engine.serverVersion().getBytes(StandardCharsets.US_ASCII);
                int len = 1 + version.length + 1;
                OutputStream out = s.getOutputStream();
                out.write(new byte[] {(byte) len, (byte) (len >> 8), (byte) (len >> 16), 0, 10});
                out.write(version);
                out.write(0);
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }

    public int port() { return socket.getLocalPort(); }

    public void shutdown(Duration drain) { close(); }

    @Override
    public void close() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) {
        }
    }
}

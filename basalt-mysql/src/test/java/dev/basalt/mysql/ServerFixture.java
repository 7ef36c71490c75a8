package dev.basalt.mysql;

import dev.basalt.mysql.fake.FakeEngine;

import java.io.IOException;
import java.time.Duration;

/** Starts a MySqlServer on an ephemeral loopback port in front of a FakeEngine. */
final class ServerFixture implements AutoCloseable {
    final FakeEngine engine = new FakeEngine();
    final MySqlServer server;

    ServerFixture(String plugin, long maxAllowedPacket, boolean trustStoredSha2) throws IOException {
        server = new MySqlServer(engine, new MySqlServerConfig("127.0.0.1", 0, maxAllowedPacket, plugin, 50), trustStoredSha2);
        engine.maxAllowedPacket = maxAllowedPacket;
        server.start();
    }

    ServerFixture(String plugin) throws IOException {
        this(plugin, 64L * 1024 * 1024, true);
    }

    int port() { return server.port(); }

    @Override
    public void close() { server.shutdown(Duration.ofSeconds(2)); }
}

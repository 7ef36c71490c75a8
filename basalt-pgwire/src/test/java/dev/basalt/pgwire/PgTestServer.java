package dev.basalt.pgwire;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.storage.memory.MemoryKvStore;

import java.time.Duration;

/** An in-memory engine with a PostgreSQL listener on a free port, for tests. */
final class PgTestServer implements AutoCloseable {
    final BasaltEngine engine;
    final PgServer server;

    PgTestServer(String rootPassword, String authMethod) throws Exception {
        engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt", rootPassword, 64L << 20));
        server = new PgServer(engine, new PgServerConfig("127.0.0.1", 0, 64L << 20, authMethod, 50,
                user -> user.equals("root") ? java.util.Optional.of(rootPassword) : java.util.Optional.empty()));
        server.start();
    }

    int port() { return server.port(); }

    String url(String database) { return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database; }

    /** A pgjdbc connection as root to database postgres, with URL options ({@code ?prepareThreshold=1}). */
    java.sql.Connection connect(String password, String options) throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "root");
        p.setProperty("password", password);
        return java.sql.DriverManager.getConnection(url("postgres") + options, p);
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(1));
        engine.close();
    }
}

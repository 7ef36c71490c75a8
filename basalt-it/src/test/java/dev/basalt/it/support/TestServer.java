package dev.basalt.it.support;

import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.server.BasaltServer;
import dev.basalt.server.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The only place in basalt-it that touches {@link BasaltServer}: starts Basalt in-process on a free
 * port. Tests call {@link #memory()} or {@link #start(ServerSettings)} and use it as an {@link Endpoint}.
 */
public final class TestServer implements Endpoint, AutoCloseable {
    private final BasaltServer server;
    private final String password;
    private final Path tempDir;

    private TestServer(BasaltServer server, String password, Path tempDir) {
        this.server = server;
        this.password = password;
        this.tempDir = tempDir;
    }

    /**
     * Basalt with memory storage on an ephemeral port, root without password. The system property
     * {@code basalt.it.storage} picks another throwaway storage for the same tests, e.g.
     * {@code -Dbasalt.it.storage=neon-memory} (the disaggregated compute over in-process stand-ins).
     */
    public static TestServer memory() throws IOException {
        String storage = System.getProperty("basalt.it.storage", "memory");
        if (!storage.equals("memory")) System.out.println("TestServer: storage " + storage + " (basalt.it.storage)");
        return start(ServerSettings.defaults().withStorage(storage).withPort(0).withRootPassword(""));
    }

    /** Starts Basalt; if the data dir is the default, a temporary one is used and deleted on close. */
    public static TestServer start(ServerSettings settings) throws IOException {
        return start(settings, dev.basalt.server.tls.TlsSettings.OFF);
    }

    /** As {@link #start(ServerSettings)}, with TLS as {@code tls} says. */
    public static TestServer start(ServerSettings settings, dev.basalt.server.tls.TlsSettings tls) throws IOException {
        Path temp = null;
        if (settings.dataDir() == null || settings.dataDir().equals(ServerSettings.defaults().dataDir())) {
            temp = Files.createTempDirectory("basalt-it-");
            settings = settings.withDataDir(temp);
        }
        try {
            BasaltServer s = BasaltServer.start(settings, dev.basalt.server.HttpSettings.OFF, tls);
            try {
                probeEngine(s);
            } catch (UnsupportedOperationException e) {
                s.close();
                throw e;
            }
            return new TestServer(s, settings.rootPassword() == null ? "" : settings.rootPassword(), temp);
        } catch (UnsupportedOperationException e) {
            TempDirs.deleteRecursively(temp);
            String msg = "\n*** Basalt server not available (" + e.getMessage() + "); SKIPPING Basalt tests ***\n";
            System.out.println(msg);
            Assumptions.abort(msg);
            throw e; // unreachable
        }
    }

    /**
     * While the engine core is still a placeholder, every connection dies in the handshake; say so once
     * and skip instead of failing every test with a connection error.
     */
    private static void probeEngine(BasaltServer s) {
        try (Session session = s.engine().openSession(new SessionOptions(0, "root", "127.0.0.1", null))) {
            // opened and closed: the engine is wired
        } catch (UnsupportedOperationException e) {
            if (String.valueOf(e.getMessage()).contains("not yet wired")) throw e;
        } catch (RuntimeException ignored) {
            // any other probe failure is left for the real tests to report
        }
    }

    /** Aborts the calling test loudly when the in-process engine is not wired yet (for out-of-process tests). */
    public static void requireWiredEngine() throws IOException {
        try (TestServer ignored = memory()) {
            // started and probed
        }
    }

    /** Starts the PostgreSQL listener on a free port; returns it. */
    public int startPostgres() throws IOException { return server.startPostgres(0); }

    /** The data directory in use (generated TLS certificates live there). */
    public Path dataDir() { return server.settings().dataDir(); }

    @Override public String host() { return "127.0.0.1"; }
    @Override public int port() { return server.port(); }
    @Override public String user() { return "root"; }
    @Override public String password() { return password; }

    /** The server's engine, for tests that look at its state (counters) in-process. */
    public dev.basalt.engine.api.Engine engine() { return server.engine(); }

    @Override
    public void close() {
        server.close();
        TempDirs.deleteRecursively(tempDir);
    }
}

package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The table-lock contract on Basalt, plus MySQL 8's PROCESSLIST state for the global read lock. */
class BasaltTableLocksTest extends TableLocksContract {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Override
    Endpoint endpoint() {
        return server;
    }

    /** MySQL 8 shows a writer stopped by FLUSH TABLES WITH READ LOCK as "Waiting for global read lock" (MariaDB: backup lock). */
    @Test
    void aWriterStoppedByTheGlobalReadLockSaysSo() throws Exception {
        try (Connection a = fresh("grlstate"); Connection b = endpoint().connect(a.getCatalog());
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            long idB = value(sb, "SELECT CONNECTION_ID()");
            sa.execute("FLUSH TABLES WITH READ LOCK");
            Future<Integer> write = pool.submit(() -> sb.executeUpdate("INSERT INTO u VALUES (5)"));
            assertWaits(write);
            assertEquals("Waiting for global read lock", state(sa, idB));
            sa.execute("UNLOCK TABLES");
            assertEquals(1, write.get(20, TimeUnit.SECONDS));
        }
    }
}

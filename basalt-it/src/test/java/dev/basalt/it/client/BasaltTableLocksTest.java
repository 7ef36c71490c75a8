package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MemoryServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The table-lock contract on Basalt, plus MySQL 8's PROCESSLIST state for the global read lock. */
class BasaltTableLocksTest extends TableLocksContract {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

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
            assertEquals("Waiting for global read lock", awaitState(sa, idB, "Waiting for global read lock"));
            assertEquals(List.of("GLOBAL SHARED GRANTED", "TABLE SHARED_WRITE PENDING u", "GLOBAL INTENTION_EXCLUSIVE PENDING"),
                    metadataLocks(sa));
            sa.execute("UNLOCK TABLES");
            assertEquals(1, write.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void metadataLocksListTheTableLocks() throws Exception {
        try (Connection a = fresh("mdl"); Statement sa = a.createStatement()) {
            sa.execute("LOCK TABLES t READ, u WRITE");
            assertEquals(List.of("TABLE SHARED_READ_ONLY GRANTED t", "TABLE SHARED_NO_READ_WRITE GRANTED u"), metadataLocks(sa));
            sa.execute("UNLOCK TABLES");
            assertEquals(List.of(), metadataLocks(sa));
        }
    }

    /** performance_schema.metadata_locks as "OBJECT_TYPE LOCK_TYPE LOCK_STATUS [OBJECT_NAME]" lines. */
    static List<String> metadataLocks(Statement s) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT OBJECT_TYPE, LOCK_TYPE, LOCK_STATUS, OBJECT_NAME FROM performance_schema.metadata_locks")) {
            while (rs.next()) {
                String name = rs.getString(4);
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + (name != null ? " " + name : ""));
            }
        }
        return out;
    }
}

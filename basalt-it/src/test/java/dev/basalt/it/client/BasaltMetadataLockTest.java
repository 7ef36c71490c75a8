package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MemoryServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metadata-lock contract on Basalt, plus performance_schema.metadata_locks (MariaDB keeps
 * performance_schema off by default, so that part runs here only).
 */
class BasaltMetadataLockTest extends MetadataLockContract {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Override
    Endpoint endpoint() {
        return server;
    }

    private static List<String> locks(Connection c, String db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT OBJECT_NAME, LOCK_TYPE, LOCK_DURATION, LOCK_STATUS FROM performance_schema.metadata_locks"
                        + " WHERE OBJECT_SCHEMA = '" + db + "' ORDER BY LOCK_STATUS, LOCK_TYPE")) {
            while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
        return out;
    }

    @Test
    void metadataLocksListsTransactionsAndWaitingDdl() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("pfs"); Connection b = endpoint().connect(a.getCatalog());
             Connection c = endpoint().connect(a.getCatalog())) {
            Statement sa = readingTransaction(a);
            assertEquals(List.of("t SHARED_READ TRANSACTION GRANTED"), locks(c, "mdl_pfs"));
            sa.executeUpdate("UPDATE t SET v = 0 WHERE id = 1");
            assertEquals(List.of("t SHARED_WRITE TRANSACTION GRANTED"), locks(c, "mdl_pfs"));
            Future<Boolean> drop = run(pool, b, "DROP TABLE t");
            stillWaiting(drop, "DROP TABLE");
            assertEquals(List.of("t SHARED_WRITE TRANSACTION GRANTED", "t EXCLUSIVE TRANSACTION PENDING"), locks(c, "mdl_pfs"));
            a.commit();
            drop.get(20, TimeUnit.SECONDS);
            assertEquals(List.of(), locks(c, "mdl_pfs"));
        } finally {
            pool.shutdownNow();
        }
    }
}

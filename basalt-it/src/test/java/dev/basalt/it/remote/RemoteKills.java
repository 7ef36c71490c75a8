package dev.basalt.it.remote;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Killing a Basalt statement that runs on a remote, and watching the remote's PROCESSLIST. */
final class RemoteKills {
    private RemoteKills() {}

    /** Statements on the remote whose text contains {@code marker}, other than this probe. */
    static long running(Connection remote, String marker) {
        return Remote.unchecked(() -> Remote.scalarLong(remote, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE INFO LIKE '%" + marker + "%' AND ID <> CONNECTION_ID()"));
    }

    /**
     * Starts {@code statement} in the background, waits until the remote runs it, runs {@code kill},
     * and checks that the remote statement is gone within 3 s. Returns the statement's error (null: none).
     */
    static SQLException killWhileRunning(Connection remote, String marker, Remote.SqlAction statement,
                                         Remote.SqlAction kill) throws Exception {
        CompletableFuture<SQLException> running = CompletableFuture.supplyAsync(() -> {
            try {
                statement.run();
                return null;
            } catch (SQLException e) {
                return e;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(Remote.await(10, () -> running(remote, marker) == 1), "the remote runs the slow statement");
        long t0 = System.nanoTime();
        kill.run();
        SQLException e = running.get(5, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 3, "the killed statement ended " + seconds + "s after the kill");
        assertTrue(Remote.await(3, () -> running(remote, marker) == 0), "the remote still runs the killed statement");
        return e;
    }

    /** A connection to the fixture MariaDB, with a fresh database {@code db} holding t (1), (2). */
    static Connection twoRows(dev.basalt.it.support.MariaDbServer maria, String db) throws SQLException {
        Connection remote = maria.connect("");
        VirtualDatabaseTest.exec(remote, "DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
                "CREATE TABLE " + db + ".t (id INT PRIMARY KEY)", "INSERT INTO " + db + ".t VALUES (1), (2)");
        return remote;
    }

    static int code(SQLException e) { return e == null ? 0 : e.getErrorCode(); }
}

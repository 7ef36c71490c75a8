package dev.basalt.it.remote;

import dev.basalt.it.support.ExternalBasalt;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TempDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.basalt.it.remote.VirtualDatabaseTest.column;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Basalt is SIGKILLed in the middle of an XA two-phase commit across two MariaDB servers, with
 * both participants prepared there; the restarted Basalt finishes them from its coordinator log:
 * committed when the decision was logged before the crash, rolled back when it was not. Either
 * way nothing stays prepared (XA RECOVER is empty) and both servers agree.
 */
class VirtualDatabaseXaRecoveryTest {
    private static MariaDbServer one, two;
    private static Connection remoteOne, remoteTwo;
    private Path base;
    private ExternalBasalt basalt;

    @BeforeAll
    static void startRemotes() throws Exception {
        one = MariaDbFixture.require();
        two = Remote.ownMariaDb();
        remoteOne = one.connect("");
        remoteTwo = two.connect("");
        for (Connection r : List.of(remoteOne, remoteTwo)) {
            exec(r, "DROP DATABASE IF EXISTS xr_db", "CREATE DATABASE xr_db",
                    "CREATE TABLE xr_db.t (id INT PRIMARY KEY) ENGINE=InnoDB");
        }
    }

    @AfterAll
    static void stopRemotes() throws Exception {
        if (remoteOne != null) remoteOne.close();
        if (remoteTwo != null) remoteTwo.close();
        if (two != null) two.close();
    }

    @BeforeEach
    void dataDir() throws Exception {
        base = Files.createTempDirectory("basalt-xa-");
        exec(remoteOne, "DELETE FROM xr_db.t");
        exec(remoteTwo, "DELETE FROM xr_db.t");
    }

    @AfterEach
    void stopBasalt() {
        if (basalt != null) basalt.close();
        TempDirs.deleteRecursively(base);
    }

    /** Killed after the decision was forced to the log: the restart commits on both servers. */
    @Test
    void decidedBeforeTheCrashCommitsOnRestart() throws Exception {
        crashDuringCommit("decided");
        awaitNothingPrepared();
        assertEquals(List.of("1"), ids(remoteOne));
        assertEquals(List.of("2"), ids(remoteTwo));
    }

    /** Killed with both prepared but no decision logged: the restart rolls both back (presumed abort). */
    @Test
    void preparedButUndecidedRollsBackOnRestart() throws Exception {
        crashDuringCommit("prepared");
        awaitNothingPrepared();
        assertEquals(List.of(), ids(remoteOne));
        assertEquals(List.of(), ids(remoteTwo));
    }

    /**
     * Local tables and one remote server: killed after the local commit (the decision, made after
     * the remote's XA PREPARE): the restart finds it in the local store and commits the remote branch.
     */
    @Test
    void localCommittedBeforeTheCrashCommitsTheRemoteOnRestart() throws Exception {
        crashDuringLocalCommit("decided");
        awaitNothingPrepared();
        assertEquals(List.of("1"), ids(remoteOne));
        assertEquals(List.of("5"), localIds());
    }

    /** Killed with the remote prepared and the local commit not made: the restart rolls the remote back. */
    @Test
    void preparedBeforeTheLocalCommitRollsBackOnRestart() throws Exception {
        crashDuringLocalCommit("prepared");
        awaitNothingPrepared();
        assertEquals(List.of(), ids(remoteOne));
        assertEquals(List.of(), localIds());
    }

    /** As {@link #crashDuringCommit}, for a transaction writing a local table and one remote server. */
    private void crashDuringLocalCommit(String stage) throws Exception {
        Path data = base.resolve("data");
        basalt = new ExternalBasalt(data, List.of(), List.of("-Dbasalt.remote.xa.testPause=" + stage + ":120000"));
        basalt.start();
        Connection c = basalt.connect("");
        createVirtual(c, "CREATE DATABASE a__remote__127_0_0_1__" + one.port() + "__xr_db__root__");
        exec(c, "CREATE DATABASE loc", "CREATE TABLE loc.t (id INT PRIMARY KEY)",
                "BEGIN", "INSERT INTO a.t VALUES (1)", "INSERT INTO loc.t VALUES (5)");
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
            try {
                exec(c, "COMMIT");
            } catch (SQLException e) {
                // the server is killed under it
            }
        });
        assertTrue(Remote.await(30, () -> Remote.unchecked(() -> prepared(remoteOne).size() == 1)), "remote prepared");
        if (stage.equals("decided")) {
            // the local commit is made (and visible) before the pause that follows it
            try (Connection other = basalt.connect("")) {
                assertTrue(Remote.await(30, () -> Remote.unchecked(() -> column(other, "SELECT id FROM loc.t").equals(List.of("5")))),
                        "local commit made");
            }
        }
        basalt.kill();
        commit.exceptionally(e -> null).join();
        assertEquals(1, prepared(remoteOne).size());
        basalt = new ExternalBasalt(data, List.of());
        basalt.start();
    }

    /**
     * CREATE DATABASE of a virtual database, retried while it gives 1429: the freshly started
     * Basalt's first connection to the remote (a cold JVM) can outlast the pool's 3 s connect
     * timeout on a loaded machine.
     */
    private static void createVirtual(Connection c, String sql) throws SQLException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (true) {
            try {
                exec(c, sql);
                return;
            } catch (SQLException e) {
                if (e.getErrorCode() != 1429 || System.nanoTime() > deadline) throw e;
            }
        }
    }

    private List<String> localIds() throws SQLException {
        try (Connection c = basalt.connect("")) {
            return column(c, "SELECT id FROM loc.t ORDER BY id");
        }
    }

    /**
     * Writes to both servers in one transaction, COMMITs with Basalt pausing at {@code stage},
     * SIGKILLs it once both participants are prepared, and starts it again on the same data dir.
     */
    private void crashDuringCommit(String stage) throws Exception {
        Path data = base.resolve("data");
        basalt = new ExternalBasalt(data, List.of(), List.of("-Dbasalt.remote.xa.testPause=" + stage + ":120000"));
        basalt.start();
        Connection c = basalt.connect("");
        createVirtual(c, "CREATE DATABASE a__remote__127_0_0_1__" + one.port() + "__xr_db__root__");
        createVirtual(c, "CREATE DATABASE b__remote__127_0_0_1__" + two.port() + "__xr_db__root__");
        exec(c, "BEGIN", "INSERT INTO a.t VALUES (1)", "INSERT INTO b.t VALUES (2)");
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
            try {
                exec(c, "COMMIT");
            } catch (SQLException e) {
                // the server is killed under it
            }
        });
        assertTrue(Remote.await(30, () -> Remote.unchecked(() -> prepared(remoteOne).size() == 1
                && prepared(remoteTwo).size() == 1)), "both participants prepared");
        basalt.kill();
        commit.exceptionally(e -> null).join();
        // the crash left them prepared: the remotes keep them (and their locks) for the coordinator
        assertEquals(1, prepared(remoteOne).size());
        assertEquals(1, prepared(remoteTwo).size());
        basalt = new ExternalBasalt(data, List.of());
        basalt.start();
    }

    private static void awaitNothingPrepared() {
        assertTrue(Remote.await(60, () -> Remote.unchecked(() -> prepared(remoteOne).isEmpty()
                && prepared(remoteTwo).isEmpty())), "XA RECOVER still lists a transaction after the restart");
    }

    /** XA RECOVER's data column: the identifiers prepared on that server. */
    private static List<String> prepared(Connection remote) throws SQLException {
        return VirtualDatabaseTest.rows(remote, "XA RECOVER").stream().map(r -> r.get(3)).toList();
    }

    private static List<String> ids(Connection remote) throws SQLException {
        return column(remote, "SELECT id FROM xr_db.t ORDER BY id");
    }
}

package dev.basalt.remote.vdb;

import dev.basalt.engine.external.LocalDecisions;
import dev.basalt.engine.txn.TransactionManager;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TempDirs;
import dev.basalt.storage.memory.MemoryKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery of a local+remote two-phase commit whose local outcome cannot be read (the local store
 * is not open yet, or fails): the resolver must neither commit nor presume abort, since the local
 * commit may have landed; the remote branch stays prepared (XA RECOVER lists it) and the entry
 * stays in the coordinator log, until a later pass can read the store. Then it finishes the
 * branch as the store says. A real MariaDB holds the prepared branch; the resolver runs as after
 * a restart (a coordinator log reopened from its file).
 */
class XaResolverUnreadableOutcomeTest {
    private static final String DB = "xa_unreadable";
    private MariaDbServer maria;
    private Connection remote;
    private Path dir;
    private RemotePool pool;
    private String xid;

    @BeforeEach
    void preparedBranch() throws Exception {
        maria = MariaDbFixture.require();
        remote = maria.connect("");
        exec(remote, "DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB, "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY) ENGINE=InnoDB");
        xid = "unreadable-" + System.nanoTime();
        // the branch a crashed Basalt left prepared: MariaDB keeps it after its connection ends
        try (Connection c = maria.connect("")) {
            exec(c, "XA START '" + xid + "'", "INSERT INTO " + DB + ".t VALUES (1)", "XA END '" + xid + "'", "XA PREPARE '" + xid + "'");
        }
        dir = Files.createTempDirectory("basalt-xa-unreadable-");
        VdbSpec spec = new VdbSpec("u", maria.host(), maria.port(), DB, maria.user(), maria.password());
        pool = new RemotePool(spec, false);
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) { // the run that crashed: logged, never finished
            log.begin(List.of(new XaCoordinatorLog.Participant(spec.serverKey(), xid)), () -> true, true, () -> {});
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        exec(remote, "XA ROLLBACK '" + xid + "'"); // 1397 when the test finished it: ignored
        exec(remote, "DROP DATABASE IF EXISTS " + DB);
        remote.close();
        pool.close();
        TempDirs.deleteRecursively(dir);
    }

    /** The store fails (closed) while it is asked: in doubt, retried; once it reads "committed", XA COMMIT. */
    @Test
    void aFailingStoreLeavesTheBranchPreparedThenItCommits() throws Exception {
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir); XaResolver resolver = new XaResolver(log, k -> pool)) {
            MemoryKvStore failing = new MemoryKvStore();
            failing.close(); // settle's write of "aborted" fails: the outcome cannot be made final
            log.localDecisions(new LocalDecisions(new TransactionManager(failing)));
            assertTrue(resolver.passOnce(), "the entry is left for a later pass");
            assertTrue(resolver.passOnce(), "and again while the store fails");
            assertEquals(List.of(xid), prepared(), "neither committed nor rolled back");
            assertEquals(List.of(), ids());
            assertEquals(1, log.unfinished().size());

            String gid = log.unfinished().getFirst().gid;
            TransactionManager store = new TransactionManager(new MemoryKvStore());
            LocalDecisions readable = new LocalDecisions(store);
            readable.commitWith(store.begin(), gid); // the local commit had landed
            log.localDecisions(readable);
            assertFalse(resolver.passOnce(), "finished once the store answers");
            assertEquals(List.of(), prepared());
            assertEquals(List.of("1"), ids());
            assertEquals(List.of(), log.unfinished());
        }
    }

    /** The store is not open yet (start-up): in doubt; once open without the decision, presumed abort made final. */
    @Test
    void aStoreNotOpenYetLeavesTheBranchPreparedThenItRollsBack() throws Exception {
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir); XaResolver resolver = new XaResolver(log, k -> pool)) {
            assertTrue(resolver.passOnce());
            assertEquals(List.of(xid), prepared());
            String gid = log.unfinished().getFirst().gid;

            LocalDecisions readable = new LocalDecisions(new TransactionManager(new MemoryKvStore()));
            log.localDecisions(readable);
            assertFalse(resolver.passOnce());
            assertEquals(List.of(), prepared());
            assertEquals(List.of(), ids());
            assertFalse(readable.settle(gid), "the abort is final: a late local commit can no longer land");
        }
    }

    /** XA identifiers MariaDB holds prepared in this test's database. */
    private List<String> prepared() throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = remote.createStatement(); ResultSet rs = s.executeQuery("XA RECOVER")) {
            while (rs.next()) {
                String data = rs.getString("data");
                if (data.startsWith("unreadable-")) out.add(data);
            }
        }
        return out;
    }

    private List<String> ids() throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = remote.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM " + DB + ".t ORDER BY id")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static void exec(Connection c, String... sql) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                try {
                    s.execute(q);
                } catch (java.sql.SQLException e) {
                    if (e.getErrorCode() != 1397) throw e; // XAER_NOTA: nothing to roll back
                }
            }
        }
    }
}

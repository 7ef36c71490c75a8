package dev.basalt.remote.vdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a restart reads back from the coordinator log after a crash at each step of a two-phase commit. */
class XaCoordinatorLogTest {
    private static final List<XaCoordinatorLog.Participant> TWO = List.of(
            new XaCoordinatorLog.Participant("root@127.0.0.1:3307/crm", "basalt-1"),
            new XaCoordinatorLog.Participant("us er@db.example:3306/sales db", "basalt-2"));

    @TempDir Path dir;

    @Test
    void crashAfterTheDecisionLeavesACommittedEntry() throws Exception {
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            log.begin(TWO, () -> true).decideCommit();
        }
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            List<XaCoordinatorLog.Pending> left = log.unfinished();
            assertEquals(1, left.size());
            assertTrue(left.getFirst().committed);
            assertEquals(TWO, left.getFirst().participants); // server keys with spaces survive
        }
    }

    @Test
    void crashBeforeTheDecisionLeavesAnEntryToRollBack() throws Exception {
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            log.begin(TWO, () -> true);
        }
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            assertFalse(log.unfinished().getFirst().committed);
        }
    }

    /** A decision record cut short was never forced, so no XA COMMIT followed it: roll back. */
    @Test
    void aTornDecisionIsNoDecision() throws Exception {
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            log.begin(TWO, () -> true);
        }
        String gid = Files.readString(dir.resolve(XaCoordinatorLog.FILE_NAME)).split(" ")[1];
        Files.writeString(dir.resolve(XaCoordinatorLog.FILE_NAME), "commit " + gid, StandardOpenOption.APPEND);
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            assertFalse(log.unfinished().getFirst().committed);
        }
    }

    @Test
    void finishedEntriesAreForgottenAndTheFileShrinks() throws Exception {
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            var done = log.begin(TWO, () -> true);
            done.decideCommit();
            done.finished();
            var stuck = log.begin(TWO, () -> false); // a server kept its participant prepared
            stuck.decideCommit();
            stuck.finished();
            assertEquals(1, log.unfinished().size());
        }
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            assertEquals(1, log.unfinished().size());
            log.resolved(log.unfinished().getFirst());
        }
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            assertTrue(log.unfinished().isEmpty());
        }
        assertEquals("", Files.readString(dir.resolve(XaCoordinatorLog.FILE_NAME), StandardCharsets.UTF_8));
    }

    /** A server that never commits across databases gets no file in its data directory. */
    @Test
    void noFileUntilTheFirstDistributedCommit() throws Exception {
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            assertFalse(Files.exists(dir.resolve(XaCoordinatorLog.FILE_NAME)));
            log.begin(TWO, () -> true);
            assertTrue(Files.exists(dir.resolve(XaCoordinatorLog.FILE_NAME)));
        }
    }

    /** An entry whose COMMIT is still running in a session is not the resolver's to finish. */
    @Test
    void anEntryInFlightIsNotUnfinished() throws Exception {
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            log.begin(TWO, () -> true).decideCommit();
            assertTrue(log.unfinished().isEmpty());
        }
    }

    /**
     * A transaction with local writes: its entry is a {@code local} record, kept as such across a
     * restart (the resolver then asks the local store); once finished, its decision is deleted there.
     */
    @Test
    void aLocalEntrySurvivesARestartAndItsDecisionIsForgottenWhenFinished() throws Exception {
        var store = new dev.basalt.storage.memory.MemoryKvStore();
        var decisions = new dev.basalt.engine.external.LocalDecisions(new dev.basalt.engine.txn.TransactionManager(store));
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            log.localDecisions(decisions);
            assertTrue(log.acceptsLocal());
            log.begin(TWO, () -> true, true, () -> {}); // crash before the local commit
        }
        try (XaCoordinatorLog log = XaCoordinatorLog.open(dir)) {
            log.localDecisions(decisions);
            XaCoordinatorLog.Pending p = log.unfinished().getFirst();
            assertTrue(p.local);
            assertFalse(p.committed); // the resolver settles it in the local store: absent, so rolled back
            assertFalse(decisions.settle(p.gid));
            var tm = new dev.basalt.engine.txn.TransactionManager(store);
            var entry = log.begin(TWO, () -> true, true, () -> {});
            var outcome = entry.decideByLocalCommit(tm.begin());
            assertEquals(dev.basalt.engine.external.TwoPhaseLog.LocalOutcome.COMMITTED, outcome.outcome());
            assertEquals(2, decisions.all().size());
            entry.finished();
            log.resolved(p);
            log.forgetDecisions(true);
            assertEquals(List.of(), decisions.all());
        }
    }
}

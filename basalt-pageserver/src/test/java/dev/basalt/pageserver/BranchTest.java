package dev.basalt.pageserver;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.disagg.Mutation;
import dev.basalt.pageserver.store.MemoryObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Branches: copy-on-write reads through to the parent at the branch point, isolation both ways, instant creation. */
class BranchTest {

    static final int KEYS = 100;
    static final OptionalLong NONE = OptionalLong.empty();

    @TempDir
    Path dir;

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static long put(InMemoryWalLog log, long timeMicros, String key, String value) {
        return log.append(new CommitRecord(timeMicros, List.of(new Mutation(b(key), value == null ? null : b(value)))).encode());
    }

    @Test
    void aBranchSeesItsParentAtTheBranchPointAndItsOwnWritesOnly() {
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        try (PageServer ps = new PageServer(VersionedReadsTest.small(), new MemoryObjectStore(), dir, logs).start()) {
            put(main, 100, "a", "a1");
            put(main, 200, "b", "b1");
            long point = put(main, 300, "a", "a2");
            put(main, 400, "b", null); // after the branch point: not in the branch
            put(main, 500, "c", "c1");
            ps.get("main", b("a"), main.committedLsn()); // wait for ingest

            BranchInfo dev = ps.createBranch("dev", "main", OptionalLong.of(point), NONE);
            assertEquals(point, dev.branchLsn());
            assertEquals("main", dev.parent());
            assertArrayEquals(b("a2"), ps.get("dev", b("a"), 0));
            assertArrayEquals(b("b1"), ps.get("dev", b("b"), 0));
            assertNull(ps.get("dev", b("c"), 0));

            InMemoryWalLog devLog = logs.of("dev");
            long d1 = put(devLog, 600, "a", "dev-a");
            long d2 = put(devLog, 700, "b", null);
            assertEquals(1, d1);
            assertArrayEquals(b("dev-a"), ps.get("dev", b("a"), d2));
            assertNull(ps.get("dev", b("b"), d2));
            assertArrayEquals(b("b1"), ps.get("dev", b("b"), d1));
            assertEquals(List.of("a=dev-a"), Compare.rows(ps.scan("dev", null, null, d2, false)));
            // the parent does not see the branch's writes
            assertArrayEquals(b("a2"), ps.get("main", b("a"), main.committedLsn()));
            assertNull(ps.get("main", b("b"), main.committedLsn()));

            // by timestamp: the newest LSN committed at or before it
            BranchInfo past = ps.createBranch("past", "main", NONE, OptionalLong.of(250));
            assertEquals(2, past.branchLsn());
            assertArrayEquals(b("a1"), ps.get("past", b("a"), 0));
            // a branch of a branch
            BranchInfo grand = ps.createBranch("grand", "dev", NONE, NONE);
            assertEquals(d2, grand.branchLsn());
            assertArrayEquals(b("dev-a"), ps.get("grand", b("a"), 0));

            assertEquals(List.of("dev", "grand", "main", "past"), ps.listBranches().stream().map(BranchInfo::name).toList());
            assertEquals(PageServerException.Kind.ALREADY_EXISTS,
                    assertThrows(PageServerException.class, () -> ps.createBranch("dev", "main", NONE, NONE)).kind());
            assertEquals(PageServerException.Kind.NOT_FOUND,
                    assertThrows(PageServerException.class, () -> ps.createBranch("x", "nope", NONE, NONE)).kind());
            assertEquals(PageServerException.Kind.INVALID,
                    assertThrows(PageServerException.class, () -> ps.createBranch("bad name", "main", NONE, NONE)).kind());
            assertEquals(PageServerException.Kind.NOT_FOUND,
                    assertThrows(PageServerException.class, () -> ps.get("nope", b("a"), 0)).kind());
        }
    }

    @Test
    void aBranchMatchesTheReferenceAcrossLayerFilesAndCreationIsInstant() {
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        Workload w = new Workload(99, KEYS);
        try (PageServer ps = new PageServer(VersionedReadsTest.small(), new MemoryObjectStore(), dir, logs).start();
             InMemoryPageReader mainRef = new InMemoryPageReader(main)) {
            w.append(main, 300);
            ps.checkpoint("main");
            ps.maintain("main");
            long point = 250;
            ps.get("main", Workload.key(0), main.committedLsn());

            long t0 = System.nanoTime();
            ps.createBranch("feature", "main", OptionalLong.of(point), NONE);
            long micros = (System.nanoTime() - t0) / 1000;
            assertTrue(micros < 200_000, "branch creation copies nothing, took " + micros + " us");

            // the branch's reference: the parent's log up to the branch point, then the branch's own log
            InMemoryWalLog flat = new InMemoryWalLog();
            for (var e : main.read(1, (int) point, java.time.Duration.ZERO)) flat.append(e.payload());
            InMemoryWalLog feature = logs.of("feature");
            w.append(main, 100); // the parent moves on
            for (int i = 0; i < 200; i++) {
                byte[] commit = w.nextCommit().encode();
                feature.append(commit);
                flat.append(commit);
            }
            ps.checkpoint("feature");
            ps.maintain("feature");
            ps.checkpoint("main");
            ps.maintain("main");
            try (InMemoryPageReader flatRef = new InMemoryPageReader(flat)) {
                for (long lsn = 0; lsn <= 200; lsn += 17) {
                    Compare.sameAt(flatRef, "flat", point + lsn, ps, "feature", lsn, KEYS);
                    Compare.sameAt(flatRef, "flat", point + lsn, new SmallPages(ps, 3), "feature", lsn, KEYS);
                }
            }
            Compare.sameAt(mainRef, "main", ps, "main", main.committedLsn(), KEYS);
        }
    }

    @Test
    void parentGarbageCollectionStopsAtABranchPoint() {
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        Workload w = new Workload(5, KEYS);
        PageServerSettings s = VersionedReadsTest.small().withImageIntervalLsns(50).withGcRetentionLsns(40);
        try (PageServer ps = new PageServer(s, new MemoryObjectStore(), dir, logs).start();
             InMemoryPageReader mainRef = new InMemoryPageReader(main)) {
            w.append(main, 100);
            ps.get("main", Workload.key(0), 100);
            ps.createBranch("keep", "main", OptionalLong.of(60), NONE);
            for (int round = 0; round < 5; round++) {
                w.append(main, 60);
                ps.checkpoint("main");
                ps.maintain("main");
            }
            long horizon = ps.listBranches().stream().filter(x -> x.name().equals("main")).findFirst().orElseThrow().gcHorizon();
            assertEquals(60, horizon, "the branch point holds the parent's horizon back");
            Compare.sameAt(mainRef, "main", 60, ps, "keep", 0, KEYS);
            assertEquals(PageServerException.Kind.BELOW_GC_HORIZON,
                    assertThrows(PageServerException.class, () -> ps.createBranch("old", "main", OptionalLong.of(59), NONE)).kind());
            assertEquals(PageServerException.Kind.BELOW_GC_HORIZON,
                    assertThrows(PageServerException.class, () -> ps.createBranch("old", "main", NONE, OptionalLong.of(1))).kind());
        }
    }
}

package dev.basalt.pageserver;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.pageserver.store.MemoryObjectStore;
import dev.basalt.pageserver.timeline.TimelineIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page server answers like the reference {@link InMemoryPageReader} at many LSNs of a seeded
 * random workload, while its data moves from memory into delta layers, compacted deltas and images,
 * and after GC (at and above the horizon; below it reads fail clearly).
 */
class VersionedReadsTest {

    static final int KEYS = 120;

    @TempDir
    Path dir;

    static PageServerSettings small() {
        return PageServerSettings.defaults().withCheckpointBytes(4096).withCheckpointInterval(Duration.ofHours(1))
                .withCompactionThreshold(3).withImageIntervalLsns(150).withGcRetentionLsns(1_000_000)
                .withReadWait(Duration.ofSeconds(10));
    }

    @Test
    void matchesTheReferenceAtManyLsnsAcrossFlushesCompactionAndImages() {
        InMemoryWalLog log = new InMemoryWalLog();
        MemoryObjectStore store = new MemoryObjectStore();
        Workload w = new Workload(42, KEYS);
        try (PageServer ps = new PageServer(small(), store, dir, name -> log).start();
             InMemoryPageReader ref = new InMemoryPageReader(log)) {
            for (int round = 0; round < 6; round++) {
                w.append(log, 80);
                if (round % 2 == 0) ps.checkpoint("main");
                ps.maintain("main");
            }
            long last = log.committedLsn();
            for (long lsn = 0; lsn <= last; lsn += 13) Compare.sameAt(ref, "main", ps, "main", lsn, KEYS);
            for (int page : new int[] {1, 2, 7}) {
                for (long lsn = 5; lsn <= last; lsn += 61) Compare.sameAt(ref, "main", new SmallPages(ps, page), "main", lsn, KEYS);
            }
            Compare.sameAt(ref, "main", ps, "main", last, KEYS);

            List<String> objects = store.list("timelines/main/layers/");
            assertTrue(objects.stream().anyMatch(o -> o.contains("/image-")), "an image layer was written: " + objects);
            assertTrue(objects.stream().anyMatch(o -> o.contains("/delta-")), "delta layers were written: " + objects);
            assertTrue(store.get(TimelineIndex.objectName("main")) != null);
            // an empty or inverted range is simply empty
            assertEquals(List.of(), Compare.rows(ps.scan("main", Workload.key(9), Workload.key(3), last, false)));
            assertEquals(List.of(), Compare.rows(ps.scan("main", Workload.key(5), Workload.key(5), last, true)));
        }
    }

    @Test
    void garbageCollectionKeepsTheRetentionWindowAndRefusesOlderReads() {
        InMemoryWalLog log = new InMemoryWalLog();
        MemoryObjectStore store = new MemoryObjectStore();
        Workload w = new Workload(7, KEYS);
        PageServerSettings s = small().withImageIntervalLsns(100).withGcRetentionLsns(120);
        try (PageServer ps = new PageServer(s, store, dir, name -> log).start();
             InMemoryPageReader ref = new InMemoryPageReader(log)) {
            for (int round = 0; round < 8; round++) {
                w.append(log, 70);
                ps.checkpoint("main");
                ps.maintain("main");
            }
            ps.maintain("main");
            long last = log.committedLsn();
            long horizon = ps.listBranches().getFirst().gcHorizon();
            assertEquals(last - 120, horizon, "horizon = last uploaded LSN - retention");

            for (long lsn = horizon; lsn <= last; lsn += 11) Compare.sameAt(ref, "main", ps, "main", lsn, KEYS);
            PageServerException e = assertThrows(PageServerException.class, () -> ps.get("main", Workload.key(1), horizon - 1));
            assertEquals(PageServerException.Kind.BELOW_GC_HORIZON, e.kind());
            assertThrows(PageServerException.class, () -> ps.scan("main", null, null, 1, false));

            // layers below the newest image under the horizon are gone from object storage
            long newestImageBelow = store.list("timelines/main/layers/image-").stream()
                    .map(o -> dev.basalt.pageserver.layer.LayerName.parse(o.substring(o.lastIndexOf('/') + 1)))
                    .filter(n -> n.endLsn() <= horizon).mapToLong(n -> n.endLsn()).max().orElseThrow();
            for (String o : store.list("timelines/main/layers/")) {
                var n = dev.basalt.pageserver.layer.LayerName.parse(o.substring(o.lastIndexOf('/') + 1));
                assertTrue(n.endLsn() >= newestImageBelow, "GC should have dropped " + o);
            }
        }
    }
}

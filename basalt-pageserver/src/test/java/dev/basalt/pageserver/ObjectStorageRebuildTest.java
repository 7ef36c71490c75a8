package dev.basalt.pageserver;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.pageserver.layer.CorruptLayerException;
import dev.basalt.pageserver.layer.LayerFormat;
import dev.basalt.pageserver.layer.LayerName;
import dev.basalt.pageserver.store.S3ObjectStore;
import dev.basalt.pageserver.timeline.TimelineIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layers and indexes land in S3-compatible storage (s3proxy, filesystem backend), and a page server
 * that lost its local disk rebuilds every timeline from them plus the logs after the last uploaded LSN.
 */
class ObjectStorageRebuildTest {

    static final int KEYS = 100;

    @TempDir
    Path tmp;

    /** One s3proxy for the class (its start is the slow part); each test uses its own bucket. */
    @TempDir
    static Path s3Dir;

    private static S3ProxyFixture s3;

    @BeforeAll
    static void startS3() throws Exception { s3 = new S3ProxyFixture(s3Dir); }

    @AfterAll
    static void stopS3() throws Exception { s3.close(); }

    @Test
    void layersAreStoredAndAPageServerWithAnEmptyDiskRebuildsFromThemAndTheLog() throws IOException {
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        Path dataDir = tmp.resolve("data");
        Workload w = new Workload(2024, KEYS);
        long branchedAt;
        try (S3ObjectStore store = s3.store("basalt-layers");
             PageServer ps = new PageServer(VersionedReadsTest.small().withImageIntervalLsns(120).withCheckpointBytes(1 << 30),
                     store, dataDir, logs).start()) {
            for (int i = 0; i < 5; i++) {
                w.append(main, 50);
                ps.checkpoint("main"); // only checkpoints upload here, so the last 40 commits below stay in memory
            }
            ps.maintain("main");
            branchedAt = 200;
            ps.get("main", Workload.key(0), main.committedLsn());
            ps.createBranch("dev", "main", OptionalLong.of(branchedAt), OptionalLong.empty());
            for (int i = 0; i < 60; i++) logs.of("dev").append(w.nextCommit().encode());
            ps.checkpoint("dev");
            w.append(main, 40); // applied, never uploaded: the rebuild must take these from the log

            List<String> layers = store.list("timelines/main/layers/");
            assertTrue(layers.stream().anyMatch(o -> o.contains("/delta-")), "delta layers in the bucket: " + layers);
            assertTrue(layers.stream().anyMatch(o -> o.contains("/image-")), "an image layer in the bucket: " + layers);
            assertTrue(store.get(TimelineIndex.objectName("dev")) != null, "the branch's index is stored");
            byte[] index = store.get(TimelineIndex.objectName("main"));
            TimelineIndex parsed = TimelineIndex.decode(index);
            assertEquals(250, parsed.diskConsistentLsn());
            for (LayerName l : parsed.layers()) {
                LayerFormat.decode(l, store.get(TimelineIndex.layerObjectName("main", l))); // every named layer is there and valid
            }
        }
        deleteRecursively(dataDir);
        assertFalse(Files.exists(dataDir));

        try (S3ObjectStore store = s3.store("basalt-layers");
             PageServer rebuilt = new PageServer(VersionedReadsTest.small(), store, dataDir, logs).start();
             InMemoryPageReader ref = new InMemoryPageReader(main)) {
            long last = main.committedLsn();
            for (long lsn = 0; lsn <= last; lsn += 29) Compare.sameAt(ref, "main", rebuilt, "main", lsn, KEYS);
            Compare.sameAt(ref, "main", rebuilt, "main", last, KEYS);
            BranchInfo dev = rebuilt.listBranches().stream().filter(b -> b.name().equals("dev")).findFirst().orElseThrow();
            assertEquals("main", dev.parent());
            assertEquals(branchedAt, dev.branchLsn());
            // the branch at LSN 0 is main at the branch point, and its own 60 commits are back
            Compare.sameAt(ref, "main", branchedAt, rebuilt, "dev", 0, KEYS);
            assertEquals(60, waitApplied(rebuilt, "dev", 60));
            assertTrue(Files.exists(dataDir.resolve("timelines/main")), "downloaded layers are cached locally again");
        }
    }

    @Test
    void aDamagedLayerIsRefusedNotHalfTrusted() {
        Logs logs = new Logs();
        try (S3ObjectStore store = s3.store("basalt-corrupt");
             PageServer ps = new PageServer(VersionedReadsTest.small().withCheckpointBytes(1 << 30).withCompactionThreshold(1000),
                     store, null, logs).start()) { // one layer, left alone by background compaction
            new Workload(1, KEYS).append(logs.of("main"), 50);
            ps.checkpoint("main");
            // (s3proxy's filesystem backend may list an upload in progress under a temporary name)
            String object = store.list("timelines/main/layers/").stream().filter(o -> o.endsWith(".layer")).findFirst().orElseThrow();
            byte[] bytes = store.get(object);
            LayerName name = LayerName.parse(object.substring(object.lastIndexOf('/') + 1));
            LayerFormat.decode(name, bytes);
            bytes[bytes.length / 2] ^= 1;
            byte[] flipped = bytes;
            assertThrows(CorruptLayerException.class, () -> LayerFormat.decode(name, flipped));
            byte[] truncated = java.util.Arrays.copyOf(store.get(object), 20);
            assertThrows(CorruptLayerException.class, () -> LayerFormat.decode(name, truncated));
            LayerName other = LayerName.delta(name.startLsn() + 1, name.endLsn(), name.suffix());
            assertThrows(CorruptLayerException.class, () -> LayerFormat.decode(other, store.get(object)));
        }
    }

    private static long waitApplied(PageServer ps, String timeline, long lsn) {
        ps.get(timeline, Workload.key(0), lsn);
        return ps.appliedLsn(timeline);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}

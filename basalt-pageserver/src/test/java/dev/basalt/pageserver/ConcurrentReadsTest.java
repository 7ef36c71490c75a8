package dev.basalt.pageserver;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.pageserver.store.MemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readers at random recent LSNs agree with the reference while ingest, flushes, compaction, image
 * layers and GC run underneath them (seeded workload; the layer snapshot and GC horizon must make
 * every read consistent whatever it races with).
 */
class ConcurrentReadsTest {

    static final int KEYS = 80;

    @Test
    void readsStayCorrectWhileLayersChangeUnderneath() throws Exception {
        InMemoryWalLog log = new InMemoryWalLog();
        PageServerSettings s = PageServerSettings.defaults().withCheckpointBytes(1024).withCheckpointInterval(Duration.ofMillis(50))
                .withCompactionThreshold(3).withImageIntervalLsns(40).withGcRetentionLsns(150).withReadWait(Duration.ofSeconds(20));
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        int[] reads = new int[3];
        try (PageServer ps = new PageServer(s, new MemoryObjectStore(), null, name -> log).start();
             InMemoryPageReader ref = new InMemoryPageReader(log)) {
            Workload w = new Workload(77, KEYS);
            w.append(log, 50);
            ps.get("main", Workload.key(0), 50);
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int id = t;
                readers.add(Thread.ofPlatform().start(() -> {
                    Random r = new Random(id);
                    while (!stop.get() && failures.isEmpty()) {
                        long applied = ps.appliedLsn("main");
                        long lsn = Math.max(0, applied - r.nextInt(100));
                        try {
                            if (r.nextInt(10) == 0) {
                                int a1 = r.nextInt(KEYS), a2 = r.nextInt(KEYS);
                                byte[] lo = Workload.key(Math.min(a1, a2)), hi = Workload.key(Math.max(a1, a2) + 1);
                                boolean reverse = r.nextBoolean();
                                List<String> e = Compare.rows(ref.scan("main", lo, hi, lsn, reverse));
                                List<String> a = Compare.rows(ps.scan("main", lo, hi, lsn, reverse, 1 + r.nextInt(5)));
                                if (!e.equals(a)) failures.add("scan at LSN " + lsn + ": " + e + " != " + a);
                            } else {
                                byte[] k = Workload.key(r.nextInt(KEYS));
                                byte[] e = ref.get("main", k, lsn), a = ps.get("main", k, lsn);
                                if (!Arrays.equals(e, a)) failures.add("get " + new String(k) + " at LSN " + lsn);
                            }
                            reads[id]++;
                        } catch (PageServerException ex) {
                            // a reader that stalled while the writer raced on may fall under the moving horizon:
                            // a clear refusal is right then (never a wrong answer)
                            if (ex.kind() != PageServerException.Kind.BELOW_GC_HORIZON) failures.add("read at LSN " + lsn + ": " + ex);
                        } catch (RuntimeException ex) {
                            failures.add("read at LSN " + lsn + " (applied " + applied + "): " + ex);
                        }
                    }
                }));
            }
            for (int i = 0; i < 12 && failures.isEmpty(); i++) {
                for (int j = 0; j < 60; j++) {
                    log.append(w.nextCommit().encode());
                    if (j % 10 == 0) Thread.sleep(1);
                }
                ps.maintain("main"); // compaction, images and GC race the readers (and the background worker)
            }
            stop.set(true);
            for (Thread t : readers) t.join();
            assertEquals(List.of(), failures);
            assertTrue(Arrays.stream(reads).sum() > 100, "readers ran: " + Arrays.toString(reads));
            assertTrue(ps.listBranches().getFirst().gcHorizon() > 0, "GC ran while reading");
        }
    }
}

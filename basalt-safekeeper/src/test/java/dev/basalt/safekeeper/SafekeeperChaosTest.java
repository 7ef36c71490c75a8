package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assertions.*;

import dev.basalt.disagg.WalException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded chaos: four threads append through one writer while safekeeper processes are SIGKILLed and
 * restarted at random moments (sometimes two at once, so the quorum is lost for a while). Afterwards
 * every acknowledged record is at the LSN it was acknowledged with, LSNs have no gaps, and no record
 * appears twice. {@code -Dbasalt.chaos.seed=N -Dbasalt.chaos.trials=T} replays or lengthens a run.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class SafekeeperChaosTest {

    @TempDir Path dir;

    @Test
    void randomKillsDuringAppendsLoseNoAckedRecord() throws Exception {
        long seed = Long.getLong("basalt.chaos.seed", 20261206L);
        int trials = Integer.getInteger("basalt.chaos.trials", 4);
        Random random = new Random(seed);
        Map<String, Long> acked = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> threadErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        int quorumLosses = 0;
        try (ProcessCluster cluster = new ProcessCluster(dir);
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "chaos", Duration.ofSeconds(3))) {
            List<Thread> appenders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                appenders.add(Thread.ofPlatform().uncaughtExceptionHandler((th, e) -> threadErrors.add(e)).start(() -> {
                    long last = 0;
                    for (int i = 0; !stop.get(); i++) {
                        String payload = "t" + thread + "-" + i;
                        try {
                            long lsn = writer.append(payload.getBytes(StandardCharsets.UTF_8));
                            assertTrue(lsn > last, "a thread's LSNs increase");
                            last = lsn;
                            acked.put(payload, lsn);
                        } catch (WalException e) {
                            assertFalse(e.fenced(), "nobody else writes");
                            failed.incrementAndGet();
                            sleep(50);
                        }
                    }
                }));
            }
            for (int trial = 0; trial < trials; trial++) {
                sleep(300 + random.nextInt(1200));
                int victim = 1 + random.nextInt(3);
                cluster.kill(victim);
                if (random.nextInt(3) == 0) {
                    int second = 1 + (victim + random.nextInt(2)) % 3;
                    cluster.kill(second);
                    quorumLosses++;
                    sleep(500 + random.nextInt(1500));
                    cluster.start(second);
                }
                sleep(300 + random.nextInt(1500));
                cluster.start(victim);
            }
            sleep(1000);
            stop.set(true);
            for (Thread t : appenders) t.join(30_000);
            assertEquals(List.of(), threadErrors);

            cluster.awaitLeader();
            List<String> all;
            try (SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", Duration.ofSeconds(30))) {
                all = SafekeeperWalLogTest.readAll(reader); // asserts LSNs 1, 2, 3, ... without gaps
            }
            Set<String> seen = new HashSet<>();
            for (String r : all) assertTrue(seen.add(r), "record " + r + " appears twice");
            for (Map.Entry<String, Long> a : acked.entrySet()) {
                assertTrue(a.getValue() <= all.size(), "acked LSN " + a.getValue() + " beyond the log's end " + all.size());
                assertEquals(a.getKey(), all.get((int) (a.getValue() - 1)), "acked record at its LSN");
            }
            assertTrue(acked.size() > 0);
            System.out.printf("SafekeeperChaosTest: seed %d, %d trials (%d with the quorum lost), %d acked, %d failed appends, %d records in the log%n",
                    seed, trials, quorumLosses, acked.size(), failed.get(), all.size());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

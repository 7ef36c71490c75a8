package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Append latency and throughput against three safekeepers in this JVM (loopback, real fsyncs), one
 * appender and then eight concurrent ones, plus how fast a reader tails what was written and what one
 * small query costs. Skipped
 * unless asked for:
 * {@code bin/test -pl basalt-safekeeper -am -Dtest=SafekeeperBench -Dbasalt.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbasalt.bench.appends=N} per phase, default 2000; {@code -Dbasalt.bench.bytes=B} per record, default 200).
 * With {@code -Dbasalt.bench.peers=h:p,h:p,h:p} it appends to those running safekeepers instead (a
 * {@code bin/basalt cluster}'s, on a timeline of its own), and runs only the two append phases: what a
 * bare append costs beside a compute under load, to tell the safekeepers' share of a commit from the compute's.
 */
class SafekeeperBench {

    @TempDir Path dir;

    @Test
    void appendLatencyAndThroughput() throws Exception {
        assumeTrue(Boolean.getBoolean("basalt.bench"), "a benchmark: run with -Dbasalt.bench=true");
        int appends = Integer.getInteger("basalt.bench.appends", 2000);
        byte[] payload = new byte[Integer.getInteger("basalt.bench.bytes", 200)];
        String external = System.getProperty("basalt.bench.peers");
        if (external != null) {
            String timeline = "bench-" + Long.toHexString(System.nanoTime());
            try (SafekeeperWalLog writer = SafekeeperWalLog.openWriter(SafekeeperWalLog.parsePeers(external), timeline, "bench",
                    Duration.ofSeconds(30))) {
                for (int i = 0; i < 50; i++) writer.append(payload); // warm-up: JIT, connections
                report("external, 1 appender   ", run(writer, payload, 1, appends / 4));
                report("external, 8 appenders  ", run(writer, payload, 8, appends));
                writer.drop();
            }
            return;
        }
        try (LocalCluster cluster = new LocalCluster(dir);
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "bench", Duration.ofSeconds(30))) {
            for (int i = 0; i < 200; i++) writer.append(payload); // warm-up: JIT, connections
            report("sequential, 1 appender ", run(writer, payload, 1, appends));
            report("concurrent, 8 appenders", run(writer, payload, 8, appends));

            try (SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", Duration.ofSeconds(30))) {
                long end = reader.committedLsn();
                long t0 = System.nanoTime();
                long next = 1;
                while (next <= end) next += reader.read(next, 10_000, Duration.ofSeconds(1)).size();
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("SafekeeperBench read: %d records tailed in %.2f s = %.0f records/s%n", end, seconds, end / seconds);
                // one small query at a time: what the leader's confirmation (ReadIndex: a heartbeat round) costs each query
                List<Long> queries = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    long s = System.nanoTime();
                    reader.committedLsn();
                    queries.add(System.nanoTime() - s);
                }
                Collections.sort(queries);
                System.out.printf("SafekeeperBench query: %d committedLsn calls, latency p50 %.2f ms, p99 %.2f ms%n", queries.size(),
                        queries.get(queries.size() / 2) / 1e6, queries.get((int) (queries.size() * 0.99)) / 1e6);
                // a tailing reader parked on the next LSN: how long after the append's acknowledgement it wakes (negative:
                // before the writer heard back, as the node it asks applied the record first)
                List<Long> wakes = new ArrayList<>();
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < 60; i++) {
                        long from = reader.committedLsn() + 1;
                        Future<Long> woken = pool.submit(() -> {
                            reader.read(from, 10, Duration.ofSeconds(20));
                            return System.nanoTime();
                        });
                        Thread.sleep(50); // parked on the node
                        writer.append(payload);
                        long acked = System.nanoTime();
                        wakes.add(woken.get() - acked);
                    }
                }
                Collections.sort(wakes);
                System.out.printf("SafekeeperBench wake: %d tailing reads, woken after the ack p50 %.2f ms, p90 %.2f ms%n", wakes.size(),
                        wakes.get(wakes.size() / 2) / 1e6, wakes.get(wakes.size() * 9 / 10) / 1e6);
            }
        }
    }

    private record Result(List<Long> latenciesNanos, double seconds) {}

    private static Result run(SafekeeperWalLog writer, byte[] payload, int threads, int appends) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = appends / threads;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        long s = System.nanoTime();
                        writer.append(payload);
                        latencies.add(System.nanoTime() - s);
                    }
                }));
            }
            for (Future<?> f : runs) f.get();
        }
        return new Result(latencies, (System.nanoTime() - t0) / 1e9);
    }

    private static void report(String what, Result r) {
        List<Long> sorted = new ArrayList<>(r.latenciesNanos());
        Collections.sort(sorted);
        System.out.printf("SafekeeperBench %s: %d appends in %.2f s = %.0f appends/s, latency p50 %.2f ms, p99 %.2f ms%n",
                what, sorted.size(), r.seconds(), sorted.size() / r.seconds(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }
}

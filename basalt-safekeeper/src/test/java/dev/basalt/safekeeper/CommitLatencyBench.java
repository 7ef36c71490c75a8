package dev.basalt.safekeeper;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A commit's round trip to the safekeepers (append to the leader, fsynced by a quorum, acknowledged)
 * with three safekeepers in this JVM on loopback, real fsyncs: {@code CommitLatencyBench SECONDS
 * APPENDERS[,APPENDERS...]} ({@code bin/bench disagg-latency commit}). The three nodes fsync to one
 * disk here, where each would have its own. Not CI.
 */
public final class CommitLatencyBench {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int[] appenders = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        byte[] payload = new byte[200];
        Path dir = Files.createTempDirectory("commit-latency-bench");
        try (LocalCluster cluster = new LocalCluster(dir);
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "bench", Duration.ofSeconds(30))) {
            run(writer, payload, 8, 10_000); // warm-up: JIT, connections
            for (int n : appenders) {
                long c0 = cpuNanos();
                long[] a = run(writer, payload, n, seconds * 1000L);
                long cpu = cpuNanos() - c0;
                Arrays.sort(a);
                System.out.printf("Commit round trip, %d appenders, %d s: %d appends (%.0f/s), p50 %.2f ms, p99 %.2f ms, "
                                + "CPU %.0f us per append (three nodes and the client), load average %.1f%n", n, seconds, a.length,
                        a.length / (double) seconds, a[a.length / 2] / 1e6, a[(int) (a.length * 0.99)] / 1e6, cpu / 1e3 / a.length,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Latencies (ns) of appends by {@code threads} appenders for {@code millis}. */
    private static long[] run(SafekeeperWalLog writer, byte[] payload, int threads, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        long[][] out = new long[threads][];
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts[t] = Thread.ofPlatform().start(() -> {
                long[] lat = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    writer.append(payload);
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = System.nanoTime() - s;
                }
                out[id] = Arrays.copyOf(lat, n);
            });
        }
        for (Thread t : ts) t.join();
        return Arrays.stream(out).flatMapToLong(Arrays::stream).toArray();
    }
}

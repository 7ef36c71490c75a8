package dev.basalt.pageserver;

import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.pageserver.grpc.PageGrpcServer;
import dev.basalt.pageserver.store.MemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Get@LSN latency over gRPC on loopback under concurrent load (in the spirit of Neon's pagebench):
 * reader threads issue Gets of random keys at the newest applied LSN while a writer keeps appending
 * to the log. Prints p50/p99/p99.9 and throughput. Short by default (a smoke run in the suite); longer
 * with -Dbasalt.bench.seconds=N -Dbasalt.bench.threads=T. The 1 ms p99 target is reported, not asserted:
 * the build machines are shared.
 */
class GetLatencyBenchmarkTest {

    @Test
    void getLatencyUnderConcurrentLoad() throws Exception {
        int seconds = Integer.getInteger("basalt.bench.seconds", 2);
        int threads = Integer.getInteger("basalt.bench.threads", 4);
        int keys = 20_000;
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        PageServerSettings s = PageServerSettings.defaults().withCheckpointBytes(512 << 10).withReadWait(Duration.ofSeconds(10));
        try (PageServer ps = new PageServer(s, new MemoryObjectStore(), null, logs).start();
             PageGrpcServer server = new PageGrpcServer(ps, "127.0.0.1", 0).start();
             GrpcPageReader client = new GrpcPageReader("127.0.0.1:" + server.port())) {
            Workload w = new Workload(3, keys);
            w.append(main, 20_000);
            ps.checkpoint("main");
            ps.maintain("main");

            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    main.append(w.nextCommit().encode());
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            // warm-up (JIT, connections), then measure over gRPC, then in-process (the server's own share)
            run((k, lsn) -> client.get("main", k, lsn), ps, keys, threads, Duration.ofMillis(500));
            long[] grpc = sorted(run((k, lsn) -> client.get("main", k, lsn), ps, keys, threads, Duration.ofSeconds(seconds)));
            long[] local = sorted(run((k, lsn) -> ps.get("main", k, lsn), ps, keys, threads, Duration.ofSeconds(1)));
            stop.set(true);
            writer.join();
            report("over gRPC  ", grpc, threads, seconds, main.committedLsn());
            report("in-process ", local, threads, 1, main.committedLsn());
            assertTrue(grpc.length > 0 && local.length > 0);
        }
    }

    private interface Getter { byte[] get(byte[] key, long lsn); }

    private static long[] sorted(long[][] perThread) {
        return Arrays.stream(perThread).flatMapToLong(Arrays::stream).sorted().toArray();
    }

    private static void report(String what, long[] all, int threads, int seconds, long logLsn) {
        System.out.printf("Get@LSN %s %d threads, %d s: %d gets (%.0f/s), p50 %.0f us, p99 %.0f us, p99.9 %.0f us, log at LSN %d, "
                        + "load average %.1f%n", what, threads, seconds, all.length, all.length / (double) seconds,
                all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3, all[(int) (all.length * 0.999)] / 1e3, logLsn,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Latencies in nanoseconds, per thread. */
    private static long[][] run(Getter getter, PageServer ps, int keys, int threads, Duration length) throws InterruptedException {
        long[][] out = new long[threads][];
        Thread[] ts = new Thread[threads];
        long end = System.nanoTime() + length.toNanos();
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts[t] = Thread.ofPlatform().start(() -> {
                Random r = new Random(id);
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long lsn = ps.appliedLsn("main");
                    long t0 = System.nanoTime();
                    getter.get(Workload.key(r.nextInt(keys)), lsn);
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = System.nanoTime() - t0;
                }
                out[id] = Arrays.copyOf(lat, n);
            });
        }
        for (Thread t : ts) t.join();
        return out;
    }
}

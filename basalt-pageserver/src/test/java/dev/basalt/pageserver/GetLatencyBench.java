package dev.basalt.pageserver;

import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.pageserver.grpc.PageGrpcServer;
import dev.basalt.pageserver.store.MemoryObjectStore;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Get@LSN latency over gRPC on loopback under concurrent ingest (in the spirit of Neon's pagebench): a
 * page server alone (in-memory log and object store, no safekeepers), reader threads issuing Gets of
 * random keys at the newest applied LSN while a writer appends a commit every millisecond. Used by
 * {@link GetLatencyBenchmarkTest} (a short smoke run) and by {@code bin/bench disagg-latency get} through
 * {@link #main}: {@code GetLatencyBench SECONDS THREADS[,THREADS...]}.
 */
public final class GetLatencyBench implements AutoCloseable {

    static final int KEYS = 20_000;

    private final InMemoryWalLog main;
    private final PageServer ps;
    private final PageGrpcServer server;
    private final GrpcPageReader client;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread writer;

    GetLatencyBench() {
        Logs logs = new Logs();
        main = logs.of("main");
        PageServerSettings s = PageServerSettings.defaults().withCheckpointBytes(512 << 10).withReadWait(Duration.ofSeconds(10));
        ps = new PageServer(s, new MemoryObjectStore(), null, logs).start();
        server = new PageGrpcServer(ps, "127.0.0.1", 0).start();
        client = new GrpcPageReader("127.0.0.1:" + server.port());
        Workload w = new Workload(3, KEYS);
        w.append(main, 20_000);
        ps.checkpoint("main");
        ps.maintain("main");
        writer = Thread.ofPlatform().name("bench-writer").start(() -> {
            while (!stop.get()) {
                main.append(w.nextCommit().encode());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Sorted latencies in nanoseconds of Gets over gRPC by {@code threads} readers for {@code length}. */
    long[] overGrpc(int threads, Duration length) throws InterruptedException {
        return sorted(run((k, lsn) -> client.get("main", k, lsn), threads, length));
    }

    /** The same, calling the page server in-process (its own share of the latency). */
    long[] inProcess(int threads, Duration length) throws InterruptedException {
        return sorted(run((k, lsn) -> ps.get("main", k, lsn), threads, length));
    }

    long logLsn() { return main.committedLsn(); }

    static String report(String what, long[] all, int threads, double seconds) {
        return String.format("Get@LSN %s %d threads, %.0f s: %d gets (%.0f/s), p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us, "
                        + "load average %.1f", what, threads, seconds, all.length, all.length / seconds,
                all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3, all[(int) (all.length * 0.999)] / 1e3,
                all[all.length - 1] / 1e3, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private interface Getter { byte[] get(byte[] key, long lsn); }

    private static long[] sorted(long[][] perThread) {
        return Arrays.stream(perThread).flatMapToLong(Arrays::stream).sorted().toArray();
    }

    /** Latencies in nanoseconds, per thread. */
    private long[][] run(Getter getter, int threads, Duration length) throws InterruptedException {
        long[][] out = new long[threads][];
        Thread[] ts = new Thread[threads];
        long end = System.nanoTime() + length.toNanos();
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts[t] = Thread.ofPlatform().name("bench-reader-" + t).start(() -> {
                Random r = new Random(id);
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long lsn = ps.appliedLsn("main");
                    long t0 = System.nanoTime();
                    getter.get(Workload.key(r.nextInt(KEYS)), lsn);
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = System.nanoTime() - t0;
                }
                out[id] = Arrays.copyOf(lat, n);
            });
        }
        for (Thread t : ts) t.join();
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        writer.join();
        client.close();
        server.close();
        ps.close();
    }

    /**
     * {@code GetLatencyBench SECONDS THREADS[,THREADS...] [--compare-leak-detection]}. With the flag, each
     * thread count runs in half-second slices alternating Netty's leak detector at its default level
     * (SIMPLE: "before") and off (what the page server and its clients set: "after"), A-B-B-A, so both
     * see the same machine load; the CPU per Get is the whole process's CPU over the slices.
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] threads = Arrays.stream((args.length > 1 ? args[1] : "1,4,8").split(",")).mapToInt(Integer::parseInt).toArray();
        boolean compare = args.length > 2 && args[2].equals("--compare-leak-detection");
        try (GetLatencyBench b = new GetLatencyBench()) {
            b.slices(Arrays.stream(threads).max().orElse(1), 10, false); // warm-up: C2 was still compiling 12 s into a run
            long idle0 = cpuNanos();
            Thread.sleep(2000);
            System.out.printf("Get@LSN no readers: the process used %.0f ms of CPU per second (ingest of a commit per ms, GC, JIT)%n",
                    (cpuNanos() - idle0) / 2e6);
            for (int t : threads) {
                long[][] r = b.slices(t, seconds, compare);
                if (compare) {
                    System.out.println(report("leak detection SIMPLE (before)", r[0], t, seconds) + cpu(r[2][0], r[0].length));
                    System.out.println(report("leak detection off (after)    ", r[1], t, seconds) + cpu(r[2][1], r[1].length));
                } else {
                    System.out.println(report("over gRPC  ", r[0], t, seconds) + cpu(r[2][0], r[0].length));
                    System.out.println(report("in-process ", b.inProcess(t, Duration.ofSeconds(1)), t, 1));
                }
            }
        }
        System.exit(0);
    }

    private static String cpu(long nanos, int gets) {
        return String.format(", CPU %.0f us per Get (client, server, ingest)", nanos / 1e3 / gets);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Gets over gRPC for {@code seconds} (per variant) in half-second slices: {before, after, {cpu
     * before, cpu after}} with sorted latencies; without {@code compare} only "after" runs, as index 0.
     */
    long[][] slices(int threads, int seconds, boolean compare) throws InterruptedException {
        var off = io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector.Level.DISABLED;
        var simple = io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector.Level.SIMPLE;
        var previous = io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector.getLevel();
        long[][] lat = {new long[0], new long[0], new long[2]};
        try {
            for (int i = 0; i < seconds * 2; i++) {
                for (int j = 0; j < (compare ? 2 : 1); j++) {
                    int v = compare ? (i % 2 == 0 ? j : 1 - j) : 0;
                    io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector.setLevel(compare && v == 0 ? simple : off);
                    long c0 = cpuNanos();
                    long[] l = sorted(run((k, lsn) -> client.get("main", k, lsn), threads, Duration.ofMillis(500)));
                    lat[2][v] += cpuNanos() - c0;
                    long[] all = Arrays.copyOf(lat[v], lat[v].length + l.length);
                    System.arraycopy(l, 0, all, lat[v].length, l.length);
                    lat[v] = all;
                }
            }
        } finally {
            io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector.setLevel(previous);
        }
        Arrays.sort(lat[0]);
        Arrays.sort(lat[1]);
        return lat;
    }
}

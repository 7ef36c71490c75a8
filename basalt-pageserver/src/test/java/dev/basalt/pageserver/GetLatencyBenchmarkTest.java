package dev.basalt.pageserver;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short smoke run of {@link GetLatencyBench} in the suite: Get@LSN over gRPC on loopback under
 * concurrent ingest, then in-process (the server's own share). Longer with -Dbasalt.bench.seconds=N
 * -Dbasalt.bench.threads=T; {@code bin/bench disagg-latency get} runs the bench itself (1, 4, 8 readers, before
 * and after side by side). The 1 ms p99 target is reported, not asserted: the build machines are shared.
 */
class GetLatencyBenchmarkTest {

    @Test
    void getLatencyUnderConcurrentLoad() throws Exception {
        int seconds = Integer.getInteger("basalt.bench.seconds", 2);
        int threads = Integer.getInteger("basalt.bench.threads", 4);
        try (GetLatencyBench b = new GetLatencyBench()) {
            b.overGrpc(threads, Duration.ofMillis(500)); // warm-up: JIT, connection
            long[] grpc = b.overGrpc(threads, Duration.ofSeconds(seconds));
            long[] local = b.inProcess(threads, Duration.ofSeconds(1));
            System.out.println(GetLatencyBench.report("over gRPC  ", grpc, threads, seconds) + ", log at LSN " + b.logLsn());
            System.out.println(GetLatencyBench.report("in-process ", local, threads, 1));
            assertTrue(grpc.length > 0 && local.length > 0);
        }
    }
}

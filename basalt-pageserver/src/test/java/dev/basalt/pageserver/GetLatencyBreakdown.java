package dev.basalt.pageserver;

import com.google.protobuf.ByteString;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.pageserver.grpc.GetRequest;
import dev.basalt.pageserver.grpc.PageServiceGrpc;
import dev.basalt.pageserver.grpc.PageServiceImpl;
import dev.basalt.pageserver.store.MemoryObjectStore;
import io.grpc.*;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a slow Get@LSN spends its time (a profiling aid, not CI): each reader tags its calls with its
 * index; a server interceptor stamps when the handler starts and ends. Per Get: out (caller to the
 * server's handler: client write, client event loop, loopback, server event loop), serve (handler),
 * back (handler end to the caller: server write, client event loop, caller wake-up). Prints the
 * segments' averages over all Gets and over the slowest 1%. {@code bin/bench disagg-latency breakdown SECONDS THREADS}.
 */
public final class GetLatencyBreakdown {

    static final Metadata.Key<String> READER = Metadata.Key.of("bench-reader", Metadata.ASCII_STRING_MARSHALLER);

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]), threads = Integer.parseInt(args[1]);
        AtomicLongArray start = new AtomicLongArray(threads), end = new AtomicLongArray(threads);
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        PageServer ps = new PageServer(PageServerSettings.defaults().withCheckpointBytes(512 << 10), new MemoryObjectStore(), null, logs).start();
        Workload w = new Workload(3, GetLatencyBench.KEYS);
        w.append(main, 20_000);
        ps.checkpoint("main");
        ps.maintain("main");
        ServerInterceptor stamp = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                int id = Integer.parseInt(headers.get(READER));
                ServerCall<Q, R> wrapped = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        end.set(id, System.nanoTime());
                        super.close(status, trailers);
                    }
                };
                ServerCall.Listener<Q> l = next.startCall(wrapped, headers);
                return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(l) {
                    @Override
                    public void onHalfClose() {
                        start.set(id, System.nanoTime());
                        super.onHalfClose();
                    }
                };
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(ServerInterceptors.intercept(new PageServiceImpl(ps, Executors.newCachedThreadPool()), stamp)).build().start();
        ManagedChannel channel = NettyChannelBuilder.forTarget("127.0.0.1:" + server.getPort()).usePlaintext().build();
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                main.append(w.nextCommit().encode());
                try { Thread.sleep(1); } catch (InterruptedException e) { return; }
            }
        });
        for (int round = 0; round < 2; round++) { // round 0: warm-up
            int secs = round == 0 ? 3 : seconds;
            long[][][] out = new long[threads][][];
            Thread[] ts = new Thread[threads];
            long stop = System.nanoTime() + secs * 1_000_000_000L;
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts[t] = Thread.ofPlatform().start(() -> {
                    Metadata md = new Metadata();
                    md.put(READER, Integer.toString(id));
                    PageServiceGrpc.PageServiceBlockingStub stub = PageServiceGrpc.newBlockingStub(channel)
                            .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(md));
                    Random r = new Random(id);
                    long[][] lat = new long[3][1 << 20];
                    int n = 0;
                    while (System.nanoTime() < stop && n < lat[0].length) {
                        long lsn = ps.appliedLsn("main");
                        long t0 = System.nanoTime();
                        stub.withDeadlineAfter(30, TimeUnit.SECONDS).get(GetRequest.newBuilder().setTimeline("main")
                                .setKey(ByteString.copyFrom(Workload.key(r.nextInt(GetLatencyBench.KEYS)))).setLsn(lsn).build());
                        long t3 = System.nanoTime();
                        lat[0][n] = start.get(id) - t0;
                        lat[1][n] = end.get(id) - start.get(id);
                        lat[2][n] = t3 - end.get(id);
                        n++;
                    }
                    for (int k = 0; k < 3; k++) lat[k] = Arrays.copyOf(lat[k], n);
                    out[id] = lat;
                });
            }
            for (Thread t : ts) t.join();
            if (round == 0) continue;
            int total = Arrays.stream(out).mapToInt(o -> o[0].length).sum();
            long[][] all = new long[total][];
            int i = 0;
            for (long[][] o : out) for (int j = 0; j < o[0].length; j++) all[i++] = new long[]{o[0][j], o[1][j], o[2][j], o[0][j] + o[1][j] + o[2][j]};
            Arrays.sort(all, (a, b) -> Long.compare(a[3], b[3]));
            int slow = total - total / 100;
            System.out.printf("%d threads, %d Gets, p50 %.0f us, p99 %.0f us, load %.1f%n", threads, total, all[total / 2][3] / 1e3, all[slow][3] / 1e3,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (String[] part : new String[][]{{"0", "out  "}, {"1", "serve"}, {"2", "back "}}) {
                int k = Integer.parseInt(part[0]);
                double avgAll = Arrays.stream(all).mapToLong(a -> a[k]).average().orElse(0) / 1e3;
                double avgSlow = Arrays.stream(all, slow, total).mapToLong(a -> a[k]).average().orElse(0) / 1e3;
                System.out.printf("  %s avg %.0f us, in the slowest 1%%: avg %.0f us%n", part[1], avgAll, avgSlow);
            }
        }
        writer.interrupt();
        System.exit(0);
    }
}

package dev.basalt.pageserver.grpc;

import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;

/**
 * Turns off the leak detector of gRPC's Netty (on by default at level SIMPLE: it tracks one buffer in
 * 128 with a weak reference and records the stack that allocated it). On the Get@LSN path that was
 * 12-26% of the CPU per Get and half the p99 (GetLatencyBench, docs/benchmarks.md). A developer
 * hunting a leak still gets it with {@code -Dio.grpc.netty.shaded.io.netty.leakDetection.level=paranoid}:
 * an explicit level is left alone.
 */
public final class NettyLeakDetection {

    static final String LEVEL_PROPERTY = "io.grpc.netty.shaded.io.netty.leakDetection.level";

    private NettyLeakDetection() {}

    public static void offUnlessRequested() {
        if (System.getProperty(LEVEL_PROPERTY) == null) ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
}

package dev.basalt.safekeeper;

import org.apache.ratis.thirdparty.io.netty.util.ResourceLeakDetector;

/**
 * Turns off the leak detector of Ratis' Netty (on by default at level SIMPLE: it tracks one buffer in
 * 128 with a weak reference and records the stack that allocated it), as the page server does for
 * gRPC's (dev.basalt.pageserver.grpc.NettyLeakDetection: 4-22% of the CPU of a Get over loopback).
 * Every commit crosses Ratis' Netty four times (compute to leader, leader to followers, and back).
 * An explicit {@code -Dorg.apache.ratis.thirdparty.io.netty.leakDetection.level=...} is left alone.
 */
final class RatisNettyLeakDetection {

    static final String LEVEL_PROPERTY = "org.apache.ratis.thirdparty.io.netty.leakDetection.level";

    private RatisNettyLeakDetection() {}

    static void offUnlessRequested() {
        if (System.getProperty(LEVEL_PROPERTY) == null) ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
}

package dev.basalt.pageserver.grpc;

import dev.basalt.pageserver.PageServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Serves a {@link PageServer} over gRPC on one port (0 = any free port; see {@link #port()}). */
public final class PageGrpcServer implements AutoCloseable {

    private final Server server;
    private final ExecutorService blocking = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("pageserver-grpc-", 0).factory());

    public PageGrpcServer(PageServer pageServer, String host, int port) {
        NettyLeakDetection.offUnlessRequested();
        // direct executor: handlers run on the transport threads and hand anything that may block
        // to `blocking` themselves (see PageServiceImpl), so a ready Get costs no extra thread hop
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .directExecutor()
                .addService(new PageServiceImpl(pageServer, blocking))
                .build();
    }

    public PageGrpcServer start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the page server's gRPC listener: " + e.getMessage(), e);
        }
        return this;
    }

    public int port() { return server.getPort(); }

    public void awaitTermination() throws InterruptedException { server.awaitTermination(); }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) server.shutdownNow();
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            blocking.shutdownNow();
        }
    }
}

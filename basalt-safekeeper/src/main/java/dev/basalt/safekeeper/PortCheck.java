package dev.basalt.safekeeper;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ratis answers a port it cannot bind by exiting the JVM from inside the library (its gRPC service
 * calls {@code ExitUtils.terminate}), with its own message and a stack trace; switching that off is
 * global and would also stop Ratis from failing fast on a broken disk, which a safekeeper must. So the
 * safekeeper binds its address once itself before starting Ratis, and a clash becomes an ordinary
 * startup error naming the port. (Another process can still take the port in the few milliseconds
 * between the check and Ratis' bind; Ratis then exits as before.)
 */
final class PortCheck {
    private PortCheck() {}

    static void requireFree(String host, int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the gRPC server binds: a closed connection's TIME_WAIT is no clash
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new BindException("port " + port + " (" + host + ":" + port + ") is already in use (" + e.getMessage() + ")");
        }
    }
}

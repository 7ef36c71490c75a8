package dev.basalt.it.crash;

import dev.basalt.it.support.Endpoint;
import java.io.IOException;

/** A server the crash harness can start, SIGKILL and restart on the same data. */
public interface Crashable extends AutoCloseable {
    Endpoint endpoint();

    /** First start, or restart after {@link #kill()}; returns once the server accepts connections. */
    void start() throws IOException;

    void kill() throws InterruptedException;

    @Override
    void close();
}

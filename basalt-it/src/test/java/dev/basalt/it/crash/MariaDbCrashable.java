package dev.basalt.it.crash;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbServer;
import java.io.IOException;

/** A dedicated MariaDB (InnoDB is crash-safe): proves the harness finds no problems where there are none. */
public final class MariaDbCrashable implements Crashable {
    private MariaDbServer server;

    @Override public Endpoint endpoint() { return server; }

    @Override
    public void start() throws IOException {
        if (server == null) server = MariaDbServer.start();
        else server.restart();
    }

    @Override
    public void kill() throws InterruptedException {
        server.kill();
    }

    @Override
    public void close() {
        if (server != null) server.close();
    }
}

package dev.basalt.server;

import java.io.IOException;

/** TEMP stub (basalt-it branch): replaced by the real class when the server lands on main. */
public final class BasaltServer implements AutoCloseable {
    private BasaltServer() {}

    public static BasaltServer start(ServerSettings s) throws IOException {
        throw new UnsupportedOperationException("TEMP stub: the Basalt server is not merged yet");
    }

    public int port() { return -1; }

    @Override
    public void close() {}
}

package dev.basalt.it.crash;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.ExternalBasalt;
import dev.basalt.it.support.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Basalt with LMDB storage in a separate JVM and a temporary data directory. */
public final class BasaltCrashable implements Crashable {
    private final Path base;
    private final ExternalBasalt server;

    public BasaltCrashable(List<String> extraArgs) throws IOException {
        base = Files.createTempDirectory("basalt-crash-");
        server = new ExternalBasalt(base.resolve("data"), extraArgs);
    }

    @Override public Endpoint endpoint() { return server; }
    @Override public void start() throws IOException { server.start(); }
    @Override public void kill() { server.kill(); }

    public Path log() {
        return server.log();
    }

    @Override
    public void close() {
        server.close();
        TempDirs.deleteRecursively(base);
    }
}

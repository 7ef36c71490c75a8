package dev.basalt.safekeeper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Three safekeepers as real processes started through the command ({@link SafekeeperCommand}, what
 * {@code basalt safekeeper} runs), each killable with SIGKILL and restartable on its data directory.
 */
final class ProcessCluster implements AutoCloseable {

    final List<String> peers;
    private final Path dir;
    private final Process[] nodes;

    ProcessCluster(Path dir) throws IOException {
        this.dir = dir;
        this.peers = LocalCluster.freeAddresses(3);
        this.nodes = new Process[3];
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            int node = id;
            starting.add(CompletableFuture.runAsync(() -> start(node)));
        }
        starting.forEach(CompletableFuture::join);
        awaitLeader();
    }

    /** Waits until the nodes elected a leader that answers (fresh JVMs on a busy machine take a while). */
    void awaitLeader() {
        try (SafekeeperWalLog probe = SafekeeperWalLog.openReader(peers, "main", java.time.Duration.ofSeconds(60))) {
            probe.committedLsn();
        }
    }

    /** Starts node {@code id} and waits for its ready line. */
    void start(int id) {
        try {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"),
                    SafekeeperCommand.class.getName(),
                    "--id", String.valueOf(id),
                    "--port", String.valueOf(SafekeeperCluster.hostPort(peers.get(id - 1)).port()),
                    "--data-dir", dir.resolve("sk" + id).toString(),
                    "--peers", String.join(",", peers),
                    "--snapshot-every", "200"));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.contains("ready on")) return true;
                    }
                } catch (IOException ignored) {
                    // the process died: not ready
                }
                return false;
            });
            boolean ok = ready.get(60, TimeUnit.SECONDS);
            if (!ok) throw new IllegalStateException("safekeeper " + id + " exited before it was ready (exit " + p.waitFor() + ")");
            // keep draining its output so it never blocks on a full pipe
            Thread.ofVirtual().start(() -> {
                try {
                    while (lines.readLine() != null) { /* discard */ }
                } catch (IOException ignored) {
                    // killed
                }
            });
            synchronized (this) {
                nodes[id - 1] = p;
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start safekeeper " + id, e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush; only what was fsynced survives. */
    void kill(int id) throws InterruptedException {
        Process p;
        synchronized (this) {
            p = nodes[id - 1];
            nodes[id - 1] = null;
        }
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    synchronized boolean running(int id) { return nodes[id - 1] != null; }

    @Override
    public void close() throws InterruptedException {
        for (int id = 1; id <= nodes.length; id++) kill(id);
    }
}

package dev.basalt.server.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of a test cluster: its command line, its log file, the port that says it is up. It
 * can be SIGKILLed and started again with the same command, as {@code bin/basalt cluster restart} does.
 */
final class ClusterProcess {

    final String id;
    final int port;
    final Path dataDir;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    /** When the current process was started (System.nanoTime). */
    private long startedNanos;

    ClusterProcess(String id, int port, Path dataDir, Path log, List<String> command, Map<String, String> env) {
        this.id = id;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
    }

    synchronized void start() throws IOException {
        if (process != null && process.isAlive()) throw new IllegalStateException(id + " is running");
        ProcessBuilder b = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        b.environment().putAll(env);
        startedNanos = System.nanoTime();
        process = b.start();
    }

    synchronized long startedNanos() { return startedNanos; }

    synchronized boolean alive() { return process != null && process.isAlive(); }

    /** Waits until something listens on the port; fails when the process exits or the time is up. */
    void awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!listening(port)) {
            if (!alive()) throw new IllegalStateException(id + " exited during start-up (log " + log + ")");
            if (System.nanoTime() > deadline) throw new IllegalStateException(id + " did not listen on " + port + " within " + timeout + " (log " + log + ")");
            Thread.sleep(50);
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL (and any child of it, e.g. a launcher script's): nothing is flushed, no hook runs. */
    void kill() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null) return;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException(id + " survived SIGKILL for 30 s");
    }

    /**
     * Writes the JVM's thread dump ({@code jcmd PID Thread.print}) beside its log, as {@code ID.threads-N.txt};
     * for a test that found the cluster stalled. Does nothing when the process is not running.
     */
    void dumpThreads(String label) {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null || !p.isAlive()) return;
        Path out = log.resolveSibling(id + ".threads-" + label + ".txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(p.pid()), "Thread.print").redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) jcmd.destroyForcibly();
        } catch (IOException e) {
            System.err.println("could not dump the threads of " + this + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() { return id + " (port " + port + ", log " + log + ")"; }
}

package dev.basalt.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Basalt as a separate JVM ({@code dev.basalt.server.Main server ...}) so tests can SIGKILL it. The
 * classpath is this test JVM's own, which holds basalt-server and its dependencies.
 */
public final class ExternalBasalt implements Endpoint, AutoCloseable {
    private static final String READY = "ready for connections";
    private static final List<String> JVM_FLAGS = List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    private final Path dataDir;
    private final int port;
    private final List<String> extraArgs;
    /** Extra JVM options, e.g. a small -Xmx for out-of-memory tests. */
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;

    public ExternalBasalt(Path dataDir, List<String> extraArgs) throws IOException {
        this(dataDir, extraArgs, List.of());
    }

    public ExternalBasalt(Path dataDir, List<String> extraArgs, List<String> jvmOptions) throws IOException {
        this.dataDir = dataDir;
        this.port = FreePort.pick();
        this.extraArgs = List.copyOf(extraArgs);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) throw new IllegalStateException("already running");
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.basalt.server.Main", "server",
                "--port", Integer.toString(port), "--data-dir", dataDir.toString(), "--storage", "lmdb"));
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Process p = process;
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("basalt-log").start(() -> pump(p, ready));
        try {
            // generous: a loaded 2-core machine once took over 60 s to start the JVM and open the store
            if (!ready.get(180, TimeUnit.SECONDS)) throw new IOException("server exited before ready; see " + log);
        } catch (Exception e) {
            kill();
            throw new IOException("Basalt did not report '" + READY + "' (log: " + log + ")", e);
        }
    }

    /** Copies the server's output to the log file and completes {@code ready} on the ready line. */
    private void pump(Process p, CompletableFuture<Boolean> ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                if (line.contains(READY)) ready.complete(true);
            }
        } catch (IOException ignored) {
            // the process was killed
        }
        ready.complete(false);
    }

    /** SIGKILL: no shutdown hooks, no flush; what was acknowledged must already be durable. */
    public synchronized void kill() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    @Override public String host() { return "127.0.0.1"; }
    @Override public int port() { return port; }
    @Override public String user() { return "root"; }
    @Override public String password() { return ""; }

    /** Graceful stop (SIGTERM), then force. */
    @Override
    public synchronized void close() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.basalt.server.ops;

import dev.basalt.server.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code basalt server ...} in its own JVM, as bin/basalt runs it, with stdout and stderr in files. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ready for connections on 127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final Path stdout;
    final Path stderr;
    private int port = -1;

    private ServerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ServerProcess start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server", "--port", "0"));
        // TLS off unless the test turns it on: no certificate to generate, plain clients
        if (!List.of(args).contains("--ssl")) command.addAll(List.of("--ssl", "off"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BASALT_"));
        return new ServerProcess(pb.start(), out, err);
    }

    /** Waits for the ready line; the port, or -1 when the process exited first. */
    int awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(stdout));
            if (m.find()) return port = Integer.parseInt(m.group(1));
            if (!process.isAlive()) return -1;
            Thread.sleep(50);
        }
        throw new IOException("server not ready in 60 s: " + Files.readString(stderr));
    }

    /** The HTTP API's port from the ready line (the server was started with --http-port). */
    int httpPort() throws IOException {
        Matcher m = Pattern.compile("HTTP on 127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(stdout));
        if (!m.find()) throw new IOException("no HTTP port in " + Files.readString(stdout));
        return Integer.parseInt(m.group(1));
    }

    int exitCode() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("server did not exit");
        return process.exitValue();
    }

    String stderrText() throws IOException { return Files.readString(stderr); }

    /** Runs the mariadb client with {@code sql} on stdin in batch mode; its stdout (stderr appended on failure). */
    String sql(String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mariadb", "--no-defaults", "-h", "127.0.0.1", "-P", Integer.toString(port),
                "-u", "root", "--protocol=TCP", "--skip-ssl", "--batch").redirectErrorStream(true).start();
        p.getOutputStream().write(sql.getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) throw new IOException("mariadb timed out");
        if (p.exitValue() != 0) throw new IOException("mariadb exit " + p.exitValue() + ": " + out);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}

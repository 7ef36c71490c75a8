package dev.basalt.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs Main in its own JVM, as bin/basalt does, and stops it with SIGTERM. */
class SignalShutdownTest {

    @TempDir
    Path dir;

    @Test
    void sigtermDrainsAndExitsZeroWithAShutdownLine() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "server", "--storage", "memory", "--port", "0"));
        // stdout goes to a file: Process.destroy() closes the pipes, and we want the last line too.
        Path stdout = dir.resolve("stdout.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("BASALT_"));
        Process process = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<String> lines = List.of();
            while (lines.isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                lines = Files.readAllLines(stdout);
            }
            assertEquals(1, lines.size(), "one ready line: " + lines);
            assertTrue(lines.getFirst().matches(
                    "Basalt \\S+ ready for connections on 127\\.0\\.0\\.1:\\d+ \\(storage: memory, MySQL protocol \\S+(, TLS)?\\)"),
                    lines.getFirst());

            process.destroy();  // SIGTERM
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "exited after SIGTERM");
            assertEquals(0, process.exitValue());
            assertEquals("Basalt stopped cleanly (SIGTERM).", Files.readAllLines(stdout).getLast());
        } finally {
            process.destroyForcibly();
        }
    }
}

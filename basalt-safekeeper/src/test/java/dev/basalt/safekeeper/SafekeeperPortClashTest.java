package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A safekeeper whose port is taken fails to start with the server's exit code 1 and a message naming
 * the port, from {@code basalt safekeeper} itself (Ratis, left alone, exits the JVM from one of its
 * own threads with its own code and a stack trace).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SafekeeperPortClashTest {

    @TempDir Path dir;

    @Test
    void aPortInUseIsAClearStartupError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            List<String> others = LocalCluster.freeAddresses(2);
            String peers = "127.0.0.1:" + port + "," + String.join(",", others);
            Process p = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"),
                    SafekeeperCommand.class.getName(),
                    "--id", "1", "--port", String.valueOf(port), "--data-dir", dir.resolve("sk1").toString(), "--peers", peers)
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the safekeeper exits");
            assertEquals(1, p.exitValue(), output);
            assertTrue(output.contains("basalt safekeeper: cannot start node 1: port " + port + " (127.0.0.1:" + port
                    + ") is already in use"), output);
            assertTrue(!output.contains("ready on"), output);
        }
    }

    @Test
    void inProcessStartThrowsInsteadOfExitingTheJvm() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            List<String> peers = new java.util.ArrayList<>(List.of("127.0.0.1:" + port));
            peers.addAll(LocalCluster.freeAddresses(2));
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> Safekeeper.start(1, peers, dir.resolve("sk1")));
            assertTrue(e.getMessage().contains("port " + port), e.getMessage());
        }
    }
}

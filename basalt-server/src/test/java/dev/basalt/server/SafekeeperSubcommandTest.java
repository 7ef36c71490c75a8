package dev.basalt.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code basalt safekeeper ...} reaches the WAL service's own command line (basalt-safekeeper). */
class SafekeeperSubcommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpDescribesTheSafekeeperOptions() {
        assertEquals(0, run("safekeeper", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String flag : new String[] {"--id", "--port", "--data-dir", "--peers"}) assertTrue(help.contains(flag), flag);
    }

    @Test
    void badUsageIsRefusedWithExitCode2() {
        assertEquals(2, run("safekeeper", "--id", "1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Missing required options"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("safekeeper", "--id", "1", "--port", "9", "--data-dir", "x", "--peers", "127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not the port of node 1"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("safekeeper", "--id", "4", "--port", "9", "--data-dir", "x", "--peers", "127.0.0.1:7101"));
    }
}

package dev.basalt.server.ops;

import dev.basalt.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code basalt shell --embedded --data-dir DIR} as a process, fed through a pipe. */
class EmbeddedShellProcessTest {

    @TempDir
    Path dir;

    private String[] shell(String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "shell", "--embedded", "--data-dir", dir.resolve("data").toString())).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BASALT_"));
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new String[]{Integer.toString(p.exitValue()), out, err};
    }

    @Test
    void opensTheDataDirectoryWithoutAServerAndKeepsWhatItWrote() throws Exception {
        String[] first = shell("CREATE DATABASE d; CREATE TABLE d.t (a INT); INSERT INTO d.t VALUES (1), (2);\n");
        assertEquals("0", first[0], first[1] + first[2]);
        String[] second = shell("SELECT SUM(a) FROM d.t;\n");
        assertEquals("0", second[0], second[1] + second[2]);
        assertEquals("SUM(a)\n3\n", second[1]);
    }
}

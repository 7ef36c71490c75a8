package dev.basalt.shell;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.mysql.MySqlServer;
import dev.basalt.mysql.MySqlServerConfig;
import dev.basalt.storage.memory.MemoryKvStore;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code \e} on a pseudo-terminal: $EDITOR gets the statement typed so far and its result runs. */
class ShellEditorTest {

    @Test
    void backslashEOpensTheEditorOnTheBufferAndRunsTheEditedStatement() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        Path home = Files.createTempDirectory("shell-home");
        // an "editor" that renames the column and ends the statement, and keeps what it was given
        Path editor = home.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\ncp \"$1\" " + home.resolve("given.sql") + "\nsed -i 's/old/edited/' \"$1\"\necho ';' >> \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        try (BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 64 << 20));
             MySqlServer server = new MySqlServer(engine, new MySqlServerConfig("127.0.0.1", 0, 64 << 20, "caching_sha2_password", 5))) {
            server.start();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = java + " -cp " + System.getProperty("java.class.path") + " -Duser.home=" + home
                    + " dev.basalt.shell.Shell -P " + server.port();
            ProcessBuilder pb = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", command, "/dev/null")).redirectErrorStream(true);
            pb.environment().remove("VISUAL");
            pb.environment().put("EDITOR", editor.toString());
            Process p = pb.start();
            try (OutputStream keys = p.getOutputStream()) {
                for (String line : new String[]{"SELECT 1", "AS old \\e", "quit"}) {
                    Thread.sleep(1500);
                    keys.write((line + "\r").getBytes(StandardCharsets.UTF_8));
                    keys.flush();
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the shell quits");
            String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
            assertEquals(0, p.exitValue(), screen);
            assertEquals("SELECT 1\nAS old\n", Files.readString(home.resolve("given.sql")));
            assertTrue(screen.contains("| edited |"), screen);
        }
    }
}

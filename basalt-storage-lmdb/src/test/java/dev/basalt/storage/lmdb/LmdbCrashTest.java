package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a committing child JVM with SIGKILL and checks that every acknowledged commit survived. */
class LmdbCrashTest {

    @TempDir
    Path tmp;

    @Test
    void acknowledgedCommitsSurviveKillMinus9() throws Exception {
        Path dir = tmp.resolve("db");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xmx64m"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString()));
        Process child = new ProcessBuilder(command).redirectError(tmp.resolve("child.err").toFile()).start();
        int lastAck = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            String ready = out.readLine();
            assertNotNull(ready, "child died before opening the store");
            long childPid = Long.parseLong(ready.substring("ready ".length()));

            // Another process holds the directory: refused, naming its pid.
            StorageException locked = null;
            try {
                LmdbKvStore.open(dir, LmdbOptions.defaults()).close();
            } catch (StorageException e) {
                locked = e;
            }
            assertNotNull(locked);
            assertEquals(Kind.LOCKED, locked.kind());
            assertTrue(locked.getMessage().endsWith("(pid " + childPid + ")"), locked.getMessage());

            String line;
            while ((line = out.readLine()) != null) {
                lastAck = Integer.parseInt(line.substring("ack ".length()));
                if (lastAck == 300) {
                    // SIGKILL via the handle: Process.destroyForcibly would also close our end of the pipe.
                    child.toHandle().destroyForcibly();
                    // Keep reading: acks already in the pipe were acknowledged before the kill.
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(lastAck >= 300, "last ack " + lastAck);

        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults()); KvSnapshot snap = store.snapshot()) {
            assertTrue(store.lastSequence() >= lastAck + 1, "sequence " + store.lastSequence() + " last ack " + lastAck);
            for (int i = 0; i <= lastAck; i++) {
                byte[] v = snap.get(String.format("k%07d", i).getBytes(UTF_8));
                assertNotNull(v, "acknowledged commit " + i + " lost");
                assertEquals(("value-" + i).repeat(20), new String(v, UTF_8));
            }
            String last = new String(snap.get("last".getBytes(UTF_8)), UTF_8);
            assertTrue(Integer.parseInt(last.substring(1)) >= lastAck);
        }
    }
}

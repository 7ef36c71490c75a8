package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a child JVM committing in WAL mode: every acknowledged commit survives. */
class LmdbWalCrashTest {

    @TempDir
    Path tmp;

    @Test
    void acknowledgedCommitsSurviveKillMinus9InWalMode() throws Exception {
        Path dir = tmp.resolve("db");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xmx64m"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(), "WAL"));
        Process child = new ProcessBuilder(command).redirectError(tmp.resolve("child.err").toFile()).start();
        int lastAck = -1;
        int killAt = 1500; // several checkpoints (every ~100 ms) happen before the kill
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            assertNotNull(out.readLine(), "child died before opening the store");
            String line;
            while ((line = out.readLine()) != null) {
                lastAck = Integer.parseInt(line.substring("ack ".length()));
                if (lastAck == killAt) child.toHandle().destroyForcibly();
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(lastAck >= killAt, "last ack " + lastAck);

        LmdbOptions wal = LmdbOptions.defaults().withDurability(Durability.WAL);
        try (LmdbKvStore store = LmdbKvStore.open(dir, wal)) {
            try (KvSnapshot snap = store.snapshot()) {
                assertTrue(store.lastSequence() >= lastAck + 1, "sequence " + store.lastSequence() + " last ack " + lastAck);
                for (int i = 0; i <= lastAck; i++) {
                    byte[] v = snap.get(String.format("k%07d", i).getBytes(UTF_8));
                    assertNotNull(v, "acknowledged commit " + i + " lost");
                    assertEquals(("value-" + i).repeat(20), new String(v, UTF_8));
                }
                String last = new String(snap.get("last".getBytes(UTF_8)), UTF_8);
                assertTrue(Integer.parseInt(last.substring(1)) >= lastAck);
            }
            long seq = store.lastSequence();
            assertEquals(seq + 1, store.commit(new WriteBatch().put("after".getBytes(UTF_8), new byte[1])));
        }
    }
}

package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8 committers, readers and forced checkpoints at once in WAL mode: every snapshot is a
 * consistent prefix of each committer's history, and a snapshot held across many checkpoints
 * keeps seeing exactly what it saw at first.
 */
class LmdbWalConcurrencyTest {

    @TempDir
    Path tmp;

    private static final int WRITERS = 8;
    private static final int PER_WRITER = 400;

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    private static String key(int writer, int i) { return String.format("w%d-%05d", writer, i); }

    @Test
    void readsStayConsistentUnderConcurrentCommitsAndCheckpoints() throws Exception {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults().withDurability(Durability.WAL))) {
            // Some state in LMDB before the old snapshot is taken, some only in the overlay.
            for (int w = 0; w < WRITERS; w++) store.commit(new WriteBatch().put(b(key(w, 0)), b("0")).put(b("w" + w + "-last"), b("0")));
            store.checkpointNow();
            store.commit(new WriteBatch().put(b("shadowed"), b("old")).put(b("doomed"), b("here")));
            KvSnapshot old = store.snapshot();
            Map<String, String> oldContents = contents(old);
            long oldSequence = old.sequence();

            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int id = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 1; i <= PER_WRITER; i++) {
                            // Each batch writes entry i, deletes entry i-1's twin and moves "last" to i.
                            WriteBatch batch = new WriteBatch().put(b(key(id, i)), b(Integer.toString(i)))
                                    .put(b("w" + id + "-last"), b(Integer.toString(i)));
                            if (id == 0 && i == 10) batch.put(b("shadowed"), b("new")).delete(b("doomed"));
                            store.commit(batch);
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            Thread checkpointer = Thread.ofPlatform().start(() -> {
                try {
                    while (running.get()) {
                        store.checkpointNow();
                        Thread.sleep(3);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                boolean reverse = r == 1;
                readers.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (running.get()) checkConsistent(store, reverse);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread t : writers) t.join();
            running.set(false);
            checkpointer.join();
            for (Thread t : readers) t.join();
            if (!failures.isEmpty()) throw new AssertionError(failures.peek());

            assertTrue(store.checkpointCount() > 3, "checkpoints " + store.checkpointCount());
            // The old snapshot saw none of the later commits, through all those checkpoints.
            assertEquals(oldSequence, old.sequence());
            assertEquals(oldContents, contents(old));
            assertEquals("old", new String(old.get(b("shadowed")), UTF_8));
            assertEquals("here", new String(old.get(b("doomed")), UTF_8));
            old.close();

            store.checkpointNow();
            try (KvSnapshot now = store.snapshot()) {
                assertEquals(1L + WRITERS + WRITERS * PER_WRITER, now.sequence());
                assertEquals("new", new String(now.get(b("shadowed")), UTF_8));
                assertNull(now.get(b("doomed")));
                checkConsistent(store, false);
            }
            // Once no snapshot pins them and all is checkpointed, the overlay empties.
            store.checkpointNow();
            assertEquals(0, store.overlayBytes());
        }
    }

    private static Map<String, String> contents(KvSnapshot snap) {
        Map<String, String> out = new TreeMap<>();
        try (KvCursor c = snap.scan(null, null)) {
            while (c.next()) out.put(new String(c.key(), UTF_8), new String(c.value(), UTF_8));
        }
        return out;
    }

    /** Each writer's entries in a snapshot are exactly 0..last, with last also seen by get(). */
    private static void checkConsistent(LmdbKvStore store, boolean reverse) {
        try (KvSnapshot snap = store.snapshot()) {
            for (int w = 0; w < WRITERS; w++) {
                int last = Integer.parseInt(new String(snap.get(b("w" + w + "-last")), UTF_8));
                List<String> seen = new ArrayList<>();
                try (KvCursor c = reverse ? snap.scanReverse(b("w" + w + "-0"), b("w" + w + "-:"))
                        : snap.scan(b("w" + w + "-0"), b("w" + w + "-:"))) {
                    while (c.next()) {
                        seen.add(new String(c.key(), UTF_8));
                        assertEquals(Integer.parseInt(new String(c.key(), UTF_8).substring(3)),
                                Integer.parseInt(new String(c.value(), UTF_8)));
                    }
                }
                if (reverse) java.util.Collections.reverse(seen);
                assertEquals(last + 1, seen.size(), "writer " + w + " last " + last + " at snapshot " + snap.sequence());
                for (int i = 0; i <= last; i++) assertEquals(key(w, i), seen.get(i));
            }
        }
    }
}

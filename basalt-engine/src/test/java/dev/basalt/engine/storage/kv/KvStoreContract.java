package dev.basalt.engine.storage.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KvStore} must have. Each engine module extends this class (it is
 * published in basalt-engine's test-jar) and supplies a fresh, empty store.
 */
public abstract class KvStoreContract {

    protected KvStore store;

    /** A new, empty store; closed by the contract after each test. */
    protected abstract KvStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    protected static byte[] b(String s) { return s.getBytes(UTF_8); }

    protected static String s(byte[] bytes) { return bytes == null ? null : new String(bytes, UTF_8); }

    protected static List<String> keys(KvCursor cursor) {
        List<String> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) out.add(s(cursor.key()));
        }
        return out;
    }

    protected String read(String key) {
        try (KvSnapshot snap = store.snapshot()) {
            return s(snap.get(b(key)));
        }
    }

    @Test
    void newStoreIsEmptyAtSequenceZero() {
        assertEquals(0, store.lastSequence());
        try (KvSnapshot snap = store.snapshot()) {
            assertEquals(0, snap.sequence());
            assertNull(snap.get(b("a")));
            assertEquals(List.of(), keys(snap.scan(null, null)));
            assertEquals(List.of(), keys(snap.scanReverse(null, null)));
        }
    }

    @Test
    void putGetDeleteAndOverwrite() {
        assertEquals(1, store.commit(new WriteBatch().put(b("k1"), b("v1")).put(b("k2"), b("v2"))));
        assertEquals("v1", read("k1"));
        assertEquals("v2", read("k2"));
        assertNull(read("k3"));

        assertEquals(2, store.commit(new WriteBatch().put(b("k1"), b("v1b")).delete(b("k2"))));
        assertEquals("v1b", read("k1"));
        assertNull(read("k2"));
        assertEquals(2, store.lastSequence());

        // Deleting a missing key is not an error.
        assertEquals(3, store.commit(new WriteBatch().delete(b("nothing"))));
    }

    @Test
    void laterOpOnSameKeyInOneBatchWins() {
        store.commit(new WriteBatch().put(b("k"), b("1")).put(b("k"), b("2")));
        assertEquals("2", read("k"));
        store.commit(new WriteBatch().put(b("k"), b("3")).delete(b("k")));
        assertNull(read("k"));
        store.commit(new WriteBatch().delete(b("k")).put(b("k"), b("4")));
        assertEquals("4", read("k"));
    }

    @Test
    void emptyValuesAreNotDeletes() {
        store.commit(new WriteBatch().put(b("k"), new byte[0]));
        try (KvSnapshot snap = store.snapshot()) {
            assertArrayEquals(new byte[0], snap.get(b("k")));
            assertEquals(List.of("k"), keys(snap.scan(null, null)));
        }
    }

    @Test
    void returnedArraysBelongToTheCaller() {
        store.commit(new WriteBatch().put(b("k"), b("value")));
        try (KvSnapshot snap = store.snapshot()) {
            byte[] first = snap.get(b("k"));
            first[0] = 'X';
            assertEquals("value", s(snap.get(b("k"))));
        }
    }

    @Test
    void scansAreOrderedAndBounded() {
        WriteBatch batch = new WriteBatch();
        for (String k : List.of("d", "a", "c", "e", "b", "ab")) batch.put(b(k), b("v" + k));
        store.commit(batch);
        try (KvSnapshot snap = store.snapshot()) {
            assertEquals(List.of("a", "ab", "b", "c", "d", "e"), keys(snap.scan(null, null)));
            assertEquals(List.of("e", "d", "c", "b", "ab", "a"), keys(snap.scanReverse(null, null)));
            assertEquals(List.of("ab", "b", "c"), keys(snap.scan(b("aa"), b("d"))));
            assertEquals(List.of("c", "b", "ab"), keys(snap.scanReverse(b("aa"), b("d"))));
            assertEquals(List.of("b", "c"), keys(snap.scan(b("b"), b("cc"))));
            assertEquals(List.of("c", "b"), keys(snap.scanReverse(b("b"), b("cc"))));
            assertEquals(List.of("c", "d", "e"), keys(snap.scan(b("c"), null)));
            assertEquals(List.of("e", "d", "c"), keys(snap.scanReverse(b("c"), null)));
            assertEquals(List.of("a", "ab"), keys(snap.scan(null, b("b"))));
            assertEquals(List.of("ab", "a"), keys(snap.scanReverse(null, b("b"))));
            assertEquals(List.of(), keys(snap.scan(b("x"), null)));
            assertEquals(List.of(), keys(snap.scanReverse(null, b("a"))));
            assertEquals(List.of(), keys(snap.scan(b("c"), b("c"))));

            try (KvCursor cursor = snap.scan(b("c"), b("d"))) {
                assertTrue(cursor.next());
                assertEquals("c", s(cursor.key()));
                assertEquals("vc", s(cursor.value()));
                assertFalse(cursor.next());
            }
        }
    }

    @Test
    void keysCompareAsUnsignedBytes() {
        byte[] low = {0x01};
        byte[] mid = {0x7f};
        byte[] high = {(byte) 0x80};
        byte[] top = {(byte) 0xff};
        byte[] topLonger = {(byte) 0xff, 0x00};
        store.commit(new WriteBatch().put(top, b("top")).put(low, b("low")).put(topLonger, b("tl"))
                .put(high, b("high")).put(mid, b("mid")));
        try (KvSnapshot snap = store.snapshot(); KvCursor cursor = snap.scan(null, null)) {
            List<byte[]> seen = new ArrayList<>();
            while (cursor.next()) seen.add(cursor.key());
            assertEquals(5, seen.size());
            assertArrayEquals(low, seen.get(0));
            assertArrayEquals(mid, seen.get(1));
            assertArrayEquals(high, seen.get(2));
            assertArrayEquals(top, seen.get(3));
            assertArrayEquals(topLonger, seen.get(4));
        }
        try (KvSnapshot snap = store.snapshot()) {
            assertEquals(List.of("high", "top"), values(snap.scan(high, topLonger)));
            assertEquals(List.of("top", "high"), values(snap.scanReverse(high, topLonger)));
        }
    }

    private static List<String> values(KvCursor cursor) {
        List<String> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) out.add(s(cursor.value()));
        }
        return out;
    }

    @Test
    void snapshotIsIsolatedFromLaterCommits() {
        store.commit(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("1")));
        try (KvSnapshot old = store.snapshot()) {
            long seq = old.sequence();
            assertEquals(1, seq);
            store.commit(new WriteBatch().put(b("a"), b("2")).delete(b("b")).put(b("c"), b("2")));
            for (int i = 0; i < 50; i++) store.commit(new WriteBatch().put(b("a"), b("x" + i)));

            assertEquals("1", s(old.get(b("a"))));
            assertEquals("1", s(old.get(b("b"))));
            assertNull(old.get(b("c")));
            assertEquals(List.of("a", "b"), keys(old.scan(null, null)));
            assertEquals(List.of("b", "a"), keys(old.scanReverse(null, null)));
            assertEquals(seq, old.sequence());

            try (KvSnapshot fresh = store.snapshot()) {
                assertEquals(52, fresh.sequence());
                assertEquals("x49", s(fresh.get(b("a"))));
                assertNull(fresh.get(b("b")));
                assertEquals(List.of("a", "c"), keys(fresh.scan(null, null)));
            }
        }
    }

    @Test
    void openCursorKeepsItsSnapshotView() {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 100; i++) batch.put(b(String.format("k%03d", i)), b("v"));
        store.commit(batch);
        try (KvSnapshot snap = store.snapshot(); KvCursor cursor = snap.scan(null, null)) {
            int n = 0;
            while (cursor.next()) {
                if (n == 10) {
                    WriteBatch change = new WriteBatch();
                    for (int i = 0; i < 100; i += 2) change.delete(b(String.format("k%03d", i)));
                    change.put(b("k050x"), b("new"));
                    store.commit(change);
                }
                n++;
            }
            assertEquals(100, n);
        }
    }

    @Test
    void sequencesAreMonotonicAndSnapshotsReportThem() {
        long last = 0;
        for (int i = 0; i < 20; i++) {
            long seq = store.commit(new WriteBatch().put(b("k" + i), b("v")));
            assertEquals(last + 1, seq);
            assertEquals(seq, store.lastSequence());
            try (KvSnapshot snap = store.snapshot()) {
                assertEquals(seq, snap.sequence());
            }
            last = seq;
        }
        // An empty batch is still a commit.
        assertEquals(last + 1, store.commit(new WriteBatch()));
    }

    @Test
    void validatorSeesTheSequenceAndItsRejectionAbortsOnlyThatBatch() {
        store.commit(new WriteBatch().put(b("a"), b("1")));
        long[] seen = new long[1];
        assertEquals(2, store.commit(new WriteBatch().put(b("b"), b("1")), seq -> seen[0] = seq));
        assertEquals(2, seen[0]);

        IllegalStateException conflict = new IllegalStateException("conflict");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> store.commit(new WriteBatch().put(b("a"), b("2")).put(b("c"), b("2")), seq -> {
                    throw conflict;
                }));
        assertSame(conflict, thrown);
        assertEquals("1", read("a"));
        assertNull(read("c"));
        assertEquals(2, store.lastSequence());

        // The sequence of the rejected batch is not consumed.
        assertEquals(3, store.commit(new WriteBatch().put(b("c"), b("3"))));
        assertEquals("3", read("c"));
    }

    @Test
    void concurrentCommittersAllLandWithUniqueSequences() throws Exception {
        int threads = 8;
        int perThread = 200;
        Set<Long> sequences = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // Some batches get rejected by their validator: they must not disturb the others.
                        boolean reject = i % 17 == 5;
                        WriteBatch batch = new WriteBatch()
                                .put(b("t" + id + "-" + i), b(Integer.toString(i)))
                                .put(b("last-" + id), b(Integer.toString(i)));
                        if (reject) {
                            assertThrows(IllegalArgumentException.class, () -> store.commit(batch, seq -> {
                                throw new IllegalArgumentException("no");
                            }));
                        } else {
                            assertTrue(sequences.add(store.commit(batch)));
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) w.join();
        if (failure.get() != null) throw new AssertionError(failure.get());

        int rejectedPerThread = 0;
        for (int i = 0; i < perThread; i++) if (i % 17 == 5) rejectedPerThread++;
        int accepted = threads * (perThread - rejectedPerThread);
        assertEquals(accepted, sequences.size());
        assertEquals(accepted, store.lastSequence());
        Set<Long> expected = new HashSet<>();
        for (long s = 1; s <= accepted; s++) expected.add(s);
        assertEquals(expected, sequences);

        try (KvSnapshot snap = store.snapshot()) {
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    String value = s(snap.get(b("t" + t + "-" + i)));
                    if (i % 17 == 5) assertNull(value);
                    else assertEquals(Integer.toString(i), value);
                }
                assertEquals(Integer.toString(perThread - 1), s(snap.get(b("last-" + t))));
            }
        }
    }

    @Test
    void readersNeverSeeHalfABatch() throws Exception {
        // Invariant: keys x and y always hold the same value, written together.
        store.commit(new WriteBatch().put(b("x"), b("0")).put(b("y"), b("0")));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 1; i <= 300; i++) {
                    store.commit(new WriteBatch().put(b("x"), b(Integer.toString(i))).put(b("y"), b(Integer.toString(i))));
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(Thread.ofVirtual().start(() -> {
                try {
                    while (writer.isAlive()) {
                        try (KvSnapshot snap = store.snapshot()) {
                            String x = s(snap.get(b("x")));
                            Thread.yield();
                            String y = s(snap.get(b("y")));
                            assertEquals(x, y);
                            List<String> both = values(snap.scan(null, null));
                            assertEquals(2, both.size());
                            assertEquals(both.get(0), both.get(1));
                            assertEquals(x, both.get(0));
                            // Every commit up to sequence() must be visible; x was written by commit x + 1.
                            assertTrue(snap.sequence() <= Long.parseLong(x) + 1);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        writer.join();
        for (Thread r : readers) r.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals("300", read("x"));
    }

    @Test
    void commitAfterCloseIsRefused() {
        store.commit(new WriteBatch().put(b("a"), b("1")));
        store.close();
        StorageException e = assertThrows(StorageException.class,
                () -> store.commit(new WriteBatch().put(b("a"), b("2"))));
        assertEquals(StorageException.Kind.CLOSED, e.kind());
        store = null;
    }
}

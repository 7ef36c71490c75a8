package dev.basalt.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.KvStoreContract;
import dev.basalt.engine.storage.kv.WriteBatch;
import org.junit.jupiter.api.Test;

class MemoryKvStoreTest extends KvStoreContract {

    @Override
    protected KvStore newStore() {
        return new MemoryKvStore();
    }

    private MemoryKvStore memory() {
        return (MemoryKvStore) store;
    }

    @Test
    void oldVersionsArePrunedWhenNoSnapshotNeedsThem() {
        for (int i = 0; i < 1000; i++) store.commit(new WriteBatch().put(b("k"), b("v" + i)));
        assertEquals(1, memory().physicalVersionCount());
        assertEquals("v999", read("k"));
    }

    @Test
    void openSnapshotPinsItsVersionsUntilClosed() {
        store.commit(new WriteBatch().put(b("k"), b("old")).put(b("gone"), b("x")));
        KvSnapshot pinned = store.snapshot();
        for (int i = 0; i < 100; i++) store.commit(new WriteBatch().put(b("k"), b("v" + i)));
        store.commit(new WriteBatch().delete(b("gone")));
        assertEquals("old", s(pinned.get(b("k"))));
        assertEquals("x", s(pinned.get(b("gone"))));
        // The pinned version and the newest survive; versions in between nobody can read.
        assertEquals(1, memory().openSnapshotCount());
        assertEquals(2, memory().physicalKeyCount());

        pinned.close();
        assertEquals(0, memory().openSnapshotCount());
        store.commit(new WriteBatch().put(b("other"), b("y")));
        // After the next commit, only the live versions remain and the deleted key is gone.
        assertEquals(2, memory().physicalKeyCount());
        assertEquals(2, memory().physicalVersionCount());
        assertNull(read("gone"));
        assertEquals("v99", read("k"));
    }

    @Test
    void deletedKeysLeaveTheMap() {
        WriteBatch fill = new WriteBatch();
        for (int i = 0; i < 100; i++) fill.put(b("k" + i), b("v"));
        store.commit(fill);
        WriteBatch drop = new WriteBatch();
        for (int i = 0; i < 100; i++) drop.delete(b("k" + i));
        store.commit(drop);
        assertEquals(0, memory().physicalKeyCount());
    }

    @Test
    void putThenDeleteInOneBatchLeavesNothingBehind() {
        store.commit(new WriteBatch().put(b("new"), b("1")).delete(b("new")));
        store.commit(new WriteBatch().put(b("old"), b("1")));
        store.commit(new WriteBatch().put(b("old"), b("2")).delete(b("old")));
        store.commit(new WriteBatch().put(b("other"), b("x")));
        assertNull(read("new"));
        assertNull(read("old"));
        assertEquals(1, memory().physicalKeyCount());
    }
}

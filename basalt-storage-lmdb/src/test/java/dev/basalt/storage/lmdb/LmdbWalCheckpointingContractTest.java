package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.KvStoreContract;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KV contract in WAL mode with a checkpoint after every other commit, so that reads see
 * states split between LMDB and the overlay (shadowed keys, deletes of checkpointed keys).
 */
class LmdbWalCheckpointingContractTest extends KvStoreContract {

    @TempDir
    Path dir;

    @Override
    protected KvStore newStore() {
        LmdbKvStore inner = LmdbKvStore.open(dir.resolve("data"), LmdbOptions.defaults().withDurability(Durability.WAL));
        AtomicLong commits = new AtomicLong();
        return new KvStore() {
            @Override public KvSnapshot snapshot() { return inner.snapshot(); }
            @Override public long commit(WriteBatch batch, CommitValidator validator) {
                long seq = inner.commit(batch, validator);
                if (commits.incrementAndGet() % 2 == 0) inner.checkpointNow();
                return seq;
            }
            @Override public long lastSequence() { return inner.lastSequence(); }
            @Override public String name() { return inner.name(); }
            @Override public void close() { inner.close(); }
        };
    }
}

package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.KvStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The KV contract in {@link Durability#WAL} mode (reads merge the overlay with LMDB). */
class LmdbWalContractTest extends KvStoreContract {

    @TempDir
    Path dir;

    @Override
    protected KvStore newStore() {
        return LmdbKvStore.open(dir.resolve("data"), LmdbOptions.defaults().withDurability(Durability.WAL));
    }
}

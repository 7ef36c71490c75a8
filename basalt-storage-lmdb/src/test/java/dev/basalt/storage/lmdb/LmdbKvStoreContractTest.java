package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.KvStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LmdbKvStoreContractTest extends KvStoreContract {

    @TempDir
    Path dir;

    @Override
    protected KvStore newStore() {
        return LmdbKvStore.open(dir.resolve("data"), LmdbOptions.defaults());
    }
}

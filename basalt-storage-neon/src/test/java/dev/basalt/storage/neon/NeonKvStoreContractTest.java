package dev.basalt.storage.neon;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.KvStoreContract;

/** The engine's KV-store contract on a compute over the in-memory log and page server. */
class NeonKvStoreContractTest extends KvStoreContract {

    @Override
    protected KvStore newStore() {
        InMemoryWalLog log = new InMemoryWalLog();
        return NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults());
    }
}

package dev.basalt.storage.neon;

import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.KvStoreContract;

/**
 * The KV-store contract again, with a log that answers appends after a jittered delay: many records
 * in flight, acknowledgements arriving out of order, validators rejecting batches in between.
 */
class NeonPipelinedContractTest extends KvStoreContract {

    @Override
    protected KvStore newStore() {
        ScriptedWalLog wal = new ScriptedWalLog();
        wal.latencyMillis = 1;
        wal.jitterMillis = 3;
        return NeonKvStore.open(wal, new LaggingPageReader(wal), NeonOptions.defaults().withCacheBytes(4_096));
    }
}

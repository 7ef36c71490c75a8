package dev.basalt.server;

import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.PageReader;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.KvStoreContract;
import dev.basalt.pageserver.GrpcPageReader;
import dev.basalt.pageserver.PageServer;
import dev.basalt.pageserver.PageServerSettings;
import dev.basalt.pageserver.grpc.PageGrpcServer;
import dev.basalt.pageserver.store.MemoryObjectStore;
import dev.basalt.storage.neon.NeonKvStore;
import dev.basalt.storage.neon.NeonOptions;

import java.time.Duration;
import java.util.Iterator;

/**
 * The engine's KV-store contract on a compute (basalt-storage-neon) that reads from a real page
 * server over gRPC on loopback, with the in-memory log standing in for the safekeepers. Small
 * checkpoints make the page server move data into layer files, compact them and write images while
 * the contract runs.
 */
class NeonOverPageServerContractTest extends KvStoreContract {

    @Override
    protected KvStore newStore() {
        InMemoryWalLog log = new InMemoryWalLog();
        PageServerSettings settings = PageServerSettings.defaults().withCheckpointBytes(2048)
                .withCheckpointInterval(Duration.ofMillis(200)).withCompactionThreshold(3).withImageIntervalLsns(20);
        PageServer pageServer = new PageServer(settings, new MemoryObjectStore(), null, timeline -> log).start();
        PageGrpcServer grpc = new PageGrpcServer(pageServer, "127.0.0.1", 0).start();
        return NeonKvStore.open(log, new ClosingAll(new GrpcPageReader("127.0.0.1:" + grpc.port()), grpc, pageServer),
                NeonOptions.defaults());
    }

    /** The compute closes its page reader; here that also stops the page server it talks to. */
    private record ClosingAll(GrpcPageReader client, PageGrpcServer grpc, PageServer server) implements PageReader {
        @Override
        public byte[] get(String timeline, byte[] key, long lsn) { return client.get(timeline, key, lsn); }

        @Override
        public Iterator<KeyValue> scan(String timeline, byte[] from, byte[] to, long lsn, boolean reverse) {
            return client.scan(timeline, from, to, lsn, reverse);
        }

        @Override
        public long appliedLsn(String timeline) { return client.appliedLsn(timeline); }

        @Override
        public void close() {
            client.close();
            grpc.close();
            server.close();
        }
    }
}

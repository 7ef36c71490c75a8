package dev.basalt.storage.memory;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.WriteBatch;

/** TEMP stub (wip-server) so basalt-server compiles; the real class comes from wip-store. */
public final class MemoryKvStore implements KvStore {
    public MemoryKvStore() {}
    @Override public KvSnapshot snapshot() { throw new UnsupportedOperationException("TEMP stub"); }
    @Override public long commit(WriteBatch batch, CommitValidator validator) { throw new UnsupportedOperationException("TEMP stub"); }
    @Override public long lastSequence() { return 0; }
    @Override public String name() { return "memory"; }
    @Override public void close() {}
}

package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** TEMP stub (wip-server); the real class comes from wip-store. */
public final class LmdbKvStore implements KvStore {
    private LmdbKvStore() {}
    public static LmdbKvStore open(Path dataDir, LmdbOptions options) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.IO, "cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        return new LmdbKvStore();
    }
    @Override public KvSnapshot snapshot() { throw new UnsupportedOperationException("TEMP stub"); }
    @Override public long commit(WriteBatch batch, CommitValidator validator) { throw new UnsupportedOperationException("TEMP stub"); }
    @Override public long lastSequence() { return 0; }
    @Override public String name() { return "lmdb"; }
    @Override public void close() {}
}

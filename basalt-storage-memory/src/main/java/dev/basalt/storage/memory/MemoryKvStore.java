package dev.basalt.storage.memory;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory, multi-version {@link KvStore} for tests and ephemeral databases.
 *
 * <p>Each key maps to a chain of versions tagged with their commit sequence. A snapshot is just a
 * sequence number: it reads, for each key, the newest version not newer than itself, so taking one
 * is O(1) and readers never wait for writers. A commit adds its versions under the commit lock and
 * then publishes its sequence; until then no snapshot can see them, which makes batches atomic.
 * Versions that no open snapshot can reach any more are cut off after each commit.
 */
public final class MemoryKvStore implements KvStore {

    private final ConcurrentSkipListMap<byte[], Version> data = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final ReentrantLock commitLock = new ReentrantLock();
    private final OpenSnapshots openSnapshots = new OpenSnapshots();
    /** Keys that got a new version, with its sequence, oldest first: the candidates for pruning. */
    private final ArrayDeque<PruneCandidate> pruneQueue = new ArrayDeque<>();
    private volatile long published;
    private volatile boolean closed;

    private record PruneCandidate(byte[] key, long sequence) {}

    public MemoryKvStore() {}

    @Override
    public KvSnapshot snapshot() {
        long seq = openSnapshots.open(() -> published);
        return new MemorySnapshot(data, seq, () -> openSnapshots.close(seq));
    }

    @Override
    public long commit(WriteBatch batch, CommitValidator validator) {
        commitLock.lock();
        try {
            if (closed) throw new StorageException(StorageException.Kind.CLOSED, "the memory store is closed");
            long seq = published + 1;
            if (validator != null) validator.validate(seq);
            apply(batch.ops(), seq);
            published = seq;
            prune();
            return seq;
        } finally {
            commitLock.unlock();
        }
    }

    private void apply(List<WriteBatch.Op> ops, long seq) {
        for (WriteBatch.Op op : ops) {
            // Copies: the batch's arrays stay the caller's, ours must never change.
            byte[] key = op.key().clone();
            byte[] value = op.isDelete() ? null : op.value().clone();
            Version head = data.get(key);
            if (head != null && head.sequence == seq) {
                // Same key twice in one batch: no snapshot can see this sequence yet, replace in place.
                if (value == null && head.older == null) {
                    data.remove(key); // put then delete of a new key: as if nothing happened
                } else {
                    data.put(key, new Version(seq, value, head.older));
                    if (value == null) pruneQueue.add(new PruneCandidate(key, seq));
                }
            } else {
                if (head == null && value == null) continue; // deleting an absent key changes nothing
                data.put(key, new Version(seq, value, head));
                if (head != null || value == null) pruneQueue.add(new PruneCandidate(key, seq));
            }
        }
    }

    /**
     * Cuts version chains below the oldest sequence an open snapshot may read. A key whose newest
     * version is a delete that everyone sees disappears from the map.
     */
    private void prune() {
        long horizon = openSnapshots.horizon(published);
        PruneCandidate candidate;
        while ((candidate = pruneQueue.peek()) != null && candidate.sequence() <= horizon) {
            pruneQueue.poll();
            Version head = data.get(candidate.key());
            if (head == null) continue;
            Version keep = head.visibleAt(horizon);
            if (keep == null) continue;
            keep.older = null;
            if (keep == head && head.value == null) data.remove(candidate.key(), head);
        }
    }

    @Override
    public long lastSequence() {
        return published;
    }

    @Override
    public String name() {
        return "memory";
    }

    /** Number of distinct keys held, including not yet pruned deletes. For tests and metrics. */
    public int physicalKeyCount() {
        return data.size();
    }

    /** Number of versions held over all keys. For tests and metrics; walks the whole map. */
    public long physicalVersionCount() {
        long n = 0;
        for (Version v : data.values()) {
            for (Version x = v; x != null; x = x.older) n++;
        }
        return n;
    }

    public int openSnapshotCount() {
        return openSnapshots.openCount();
    }

    @Override
    public void close() {
        commitLock.lock();
        try {
            closed = true;
        } finally {
            commitLock.unlock();
        }
    }
}

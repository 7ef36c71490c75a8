package dev.basalt.storage.neon;

import dev.basalt.disagg.Mutation;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * This compute's own commits that the page server may not have applied yet, by key, every version
 * tagged with its LSN. Since only this compute writes the timeline (fencing), the overlay holds every
 * version newer than the store's floor: a read at LSN L takes the newest overlay version <= L, and
 * if there is none the page server's answer at the floor is right. Versions leave once the page
 * server has applied them and no open snapshot still relies on them (see {@link #trim}).
 */
final class Overlay {

    /** One version of a key; {@code value == null} is a delete. Chains are newest first, immutable. */
    record Version(long lsn, byte[] value, Version older) {
        Version visibleAt(long snapshotLsn) {
            Version v = this;
            while (v != null && v.lsn > snapshotLsn) v = v.older;
            return v;
        }

        /** This chain without the versions at or below {@code lsn}, or null if nothing is left. */
        Version without(long lsn) {
            if (this.lsn <= lsn) return null;
            return new Version(this.lsn, value, older == null ? null : older.without(lsn));
        }
    }

    private record Commit(long lsn, List<Mutation> mutations, long bytes) {}

    private static final int VERSION_OVERHEAD = 64;

    private final ConcurrentSkipListMap<byte[], Version> versions = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    /** Commits in LSN order, oldest first; guarded by this. */
    private final ArrayDeque<Commit> commits = new ArrayDeque<>();
    private final AtomicLong bytes = new AtomicLong();
    /** Every commit at or below this LSN has left {@link #commits}; guarded by this. */
    private long trimmedThrough;

    /** Adds commit {@code lsn} (called in LSN order, before the LSN is published to readers). */
    void add(long lsn, List<Mutation> mutations) {
        long size = 0;
        for (Mutation m : mutations) {
            size += VERSION_OVERHEAD + m.key().length + (m.isDelete() ? 0 : m.value().length);
            versions.compute(m.key(), (k, head) -> head != null && head.lsn == lsn
                    ? new Version(lsn, m.value(), head.older) // same key again in one batch: the later op wins
                    : new Version(lsn, m.value(), head));
        }
        synchronized (this) {
            commits.addLast(new Commit(lsn, mutations, size));
        }
        bytes.addAndGet(size);
    }

    /** The newest version of the key at or below {@code lsn}, or null if the overlay has none. */
    Version visible(byte[] key, long lsn) {
        Version head = versions.get(key);
        return head == null ? null : head.visibleAt(lsn);
    }

    /** The keys in [from, to) (null = open) with their chains, live view. */
    NavigableMap<byte[], Version> range(byte[] from, byte[] to) {
        if (from != null && to != null) {
            if (Arrays.compareUnsigned(from, to) >= 0) return new TreeMap<>(Arrays::compareUnsigned);
            return versions.subMap(from, true, to, false);
        }
        if (from != null) return versions.tailMap(from, true);
        if (to != null) return versions.headMap(to, false);
        return versions;
    }

    /** Calls {@code each(lsn, mutation)} for the commits in (after, upTo], in LSN order. */
    synchronized void forEachBetween(long after, long upTo, BiConsumer<Long, Mutation> each) {
        for (Commit c : commits) {
            if (c.lsn <= after) continue;
            if (c.lsn > upTo) break;
            for (Mutation m : c.mutations) each.accept(c.lsn, m);
        }
    }

    /**
     * Like {@link #forEachBetween}, but only if the overlay still holds every commit in (after, upTo]
     * (none has been trimmed): returns false, having called nothing, otherwise.
     */
    synchronized boolean replayIfComplete(long after, long upTo, BiConsumer<Long, Mutation> each) {
        if (trimmedThrough > after) return false;
        forEachBetween(after, upTo, each);
        return true;
    }

    /**
     * True if a key in [from, to) (null = open) has a version with an LSN in (after, upTo]: a value
     * cached as of {@code upTo} is then not the value at {@code after}.
     */
    boolean changedBetween(byte[] from, byte[] to, long after, long upTo) {
        if (upTo <= after) return false;
        for (Version head : range(from, to).values()) {
            if (changedBetween(head, after, upTo)) return true;
        }
        return false;
    }

    /** {@link #changedBetween(byte[], byte[], long, long)} for one key. */
    boolean changedBetween(byte[] key, long after, long upTo) {
        return upTo > after && changedBetween(versions.get(key), after, upTo);
    }

    private static boolean changedBetween(Version v, long after, long upTo) {
        for (; v != null && v.lsn > after; v = v.older) {
            if (v.lsn <= upTo) return true;
        }
        return false;
    }

    /** Drops every version at or below {@code lsn}. */
    void trim(long lsn) {
        while (true) {
            Commit c;
            synchronized (this) {
                c = commits.peekFirst();
                if (c == null || c.lsn > lsn) return;
                commits.pollFirst();
                trimmedThrough = Math.max(trimmedThrough, c.lsn);
            }
            for (Mutation m : c.mutations) versions.computeIfPresent(m.key(), (k, head) -> head.without(lsn));
            bytes.addAndGet(-c.bytes);
        }
    }

    long bytes() { return bytes.get(); }

    int keyCount() { return versions.size(); }
}

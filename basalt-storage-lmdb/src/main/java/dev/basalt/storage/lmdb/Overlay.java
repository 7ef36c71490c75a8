package dev.basalt.storage.lmdb;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The acknowledged writes of {@link Durability#WAL} mode that are not yet checkpointed into LMDB
 * (plus, for a while, some that are): per key, a chain of versions, newest first.
 *
 * <p>Only the holder of the writer's walLock mutates it (a leader session adds versions, the
 * writer thread adds and prunes; "writer thread" below means that lock's holder). Readers resolve a key for a
 * snapshot that combines an LMDB read transaction at applied sequence A with overlay versions in
 * (A, S]: the newest version with sequence at most S, if its sequence is above A; otherwise LMDB
 * has the answer.
 *
 * <p>Pruning removes versions with sequence at most a floor F, where F is at most the checkpointed
 * sequence and at most every open snapshot's {@link Pin}. A snapshot's A is at least its pin (it
 * reads the applied sequence after registering the pin, and opens its LMDB transaction after
 * that), so it never needs a version at or below F.
 */
final class Overlay {

    /** One version of a key; {@code value == null} is a delete. */
    static final class Version {
        final long sequence;
        final byte[] value;
        /** Older versions; cut by pruning (a reader seeing the longer chain is harmless). */
        volatile Version older;

        Version(long sequence, byte[] value, Version older) {
            this.sequence = sequence;
            this.value = value;
            this.older = older;
        }
    }

    /** An open snapshot's claim on overlay versions above its pin. */
    static final class Pin {
        /** Applied sequence read after registration; -1 while not yet known. */
        volatile long floor = -1;
    }

    /** Rough bytes per version beyond key and value (node, map entry, array headers). */
    private static final int VERSION_OVERHEAD = 96;

    /**
     * A key's chain of versions. The ordered map and the hash map share one chain per key, so that
     * a new version of a key already present is one volatile write, and point lookups and adds
     * (which run inside the commit lock) hash the key once instead of descending the skip list
     * (dozens of byte-array comparisons). JFR put those descents at 18% of the server's samples in
     * sysbench write_only; {@code OverlayBench} measures the overlay alone (docs/benchmarks.md).
     */
    static final class Chain {
        volatile Version head;

        Chain(Version head) {
            this.head = head;
        }
    }

    /** A byte-array key with value equality, for the hash index. */
    private static final class HashKey {
        final byte[] bytes;
        private final int hash;

        HashKey(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HashKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }
    }

    /** Ordered: range scans and checkpoints. */
    private final ConcurrentSkipListMap<byte[], Chain> versions = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    /** The same chains by hash: point lookups ({@link #head}) and {@link #add}. Same keys as {@code versions}. */
    private final ConcurrentHashMap<HashKey, Chain> byHash = new ConcurrentHashMap<>();
    private final Set<Pin> pins = ConcurrentHashMap.newKeySet();
    /** Highest sequence durably applied to LMDB. */
    private volatile long applied;
    // Writer thread only.
    private long bytes;
    /** The map's key count: ConcurrentSkipListMap.size() walks every key, and afterGroup asks after every group. */
    private int keys;
    private long prunedTo;

    Overlay(long applied) {
        this.applied = applied;
        this.prunedTo = applied;
    }

    long applied() {
        return applied;
    }

    /** Writer thread: records that LMDB now durably holds everything up to {@code sequence}. */
    void markApplied(long sequence) {
        applied = sequence;
    }

    /** Writer thread: adds a version (visible to snapshots whose sequence reaches it). */
    void add(byte[] key, long sequence, byte[] value) {
        HashKey k = new HashKey(key);
        Chain chain = byHash.get(k);
        boolean fresh = chain == null;
        if (fresh) {
            chain = new Chain(new Version(sequence, value, null));
            versions.put(key, chain); // both before the sequence is published, so no reader misses it
            byHash.put(k, chain);
            keys++;
        } else {
            chain.head = new Version(sequence, value, chain.head);
        }
        bytes += VERSION_OVERHEAD + (fresh ? key.length : 0) + (value == null ? 0 : value.length);
    }

    long bytes() {
        return bytes;
    }

    /** Writer thread. */
    int keyCount() {
        return keys;
    }

    boolean isEmpty() {
        return byHash.isEmpty();
    }

    /** Registers a snapshot-to-be; call before reading the LMDB state it will combine with. */
    Pin pin() {
        Pin pin = new Pin();
        pins.add(pin);
        pin.floor = applied;
        return pin;
    }

    void unpin(Pin pin) {
        pins.remove(pin);
    }

    /** The version visible at snapshot (applied, sequence], or null if LMDB decides. */
    static Version visible(Version head, long applied, long sequence) {
        Version v = head;
        while (v != null && v.sequence > sequence) v = v.older;
        return v != null && v.sequence > applied ? v : null;
    }

    Version head(byte[] key) {
        Chain chain = byHash.get(new HashKey(key));
        return chain == null ? null : chain.head;
    }

    /** Keys in [from, to) (null bounds open), ascending or descending; weakly consistent. */
    Iterator<Map.Entry<byte[], Version>> range(byte[] from, byte[] to, boolean reverse) {
        if (from != null && from.length == 0) from = null;
        NavigableMap<byte[], Chain> m = versions;
        if (from != null && to != null) {
            if (Arrays.compareUnsigned(from, to) >= 0) return java.util.Collections.emptyIterator();
            m = m.subMap(from, true, to, false);
        } else if (from != null) {
            m = m.tailMap(from, true);
        } else if (to != null) {
            m = m.headMap(to, false);
        }
        return heads((reverse ? m.descendingMap() : m).entrySet().iterator());
    }

    /** Writer thread: every key with its newest version (for checkpoints). */
    Iterable<Map.Entry<byte[], Version>> all() {
        return () -> heads(versions.entrySet().iterator());
    }

    /** Each key with its chain's head as read when the entry is reached. */
    private static Iterator<Map.Entry<byte[], Version>> heads(Iterator<Map.Entry<byte[], Chain>> chains) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return chains.hasNext();
            }

            @Override
            public Map.Entry<byte[], Version> next() {
                Map.Entry<byte[], Chain> e = chains.next();
                return new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue().head);
            }
        };
    }

    /**
     * Writer thread: drops versions no snapshot can need any more (see the class comment). Returns
     * the floor used.
     */
    long prune() {
        long floor = applied; // read before the pins: a pin registered later reads at least this
        for (Pin p : pins) {
            long f = p.floor;
            if (f < 0) return prunedTo; // a snapshot is between registering and reading: try later
            floor = Math.min(floor, f);
        }
        if (floor <= prunedTo) return prunedTo;
        for (Iterator<Map.Entry<HashKey, Chain>> it = byHash.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<HashKey, Chain> e = it.next();
            Version v = e.getValue().head;
            if (v.sequence <= floor) {
                // The writer is the only mutator, so the chain still starts at v.
                it.remove();
                versions.remove(e.getKey().bytes);
                keys--;
                for (Version o = v; o != null; o = o.older) bytes -= VERSION_OVERHEAD + (o.value == null ? 0 : o.value.length);
                bytes -= e.getKey().bytes.length;
                continue;
            }
            Version prev = v;
            for (Version o = v.older; o != null; prev = o, o = o.older) {
                if (o.sequence <= floor) {
                    prev.older = null;
                    for (Version d = o; d != null; d = d.older) bytes -= VERSION_OVERHEAD + (d.value == null ? 0 : d.value.length);
                    break;
                }
            }
        }
        prunedTo = floor;
        return floor;
    }
}

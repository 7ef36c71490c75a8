package dev.basalt.storage.lmdb;

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
 * <p>Two mutators: the holder of the writer's walLock adds versions (a leader session, or the
 * writer thread), and the writer thread prunes, with or without walLock (pruning walks the whole
 * map, so it runs beside the leaders' adds rather than holding up their commits). Readers resolve a key for a
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

    private final ConcurrentSkipListMap<byte[], Version> versions = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final Set<Pin> pins = ConcurrentHashMap.newKeySet();
    /** Highest sequence durably applied to LMDB. */
    private volatile long applied;
    // Added by the walLock holder, pruned by the writer thread: each counter has one writer at a time.
    private long bytesAdded;
    /** Keys added: ConcurrentSkipListMap.size() walks every key, and afterGroup asks after every group. */
    private int keysAdded;
    private volatile long bytesPruned;
    private volatile int keysPruned;
    // Writer thread only.
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

    /**
     * The walLock holder: adds a version (visible to snapshots whose sequence reaches it). A key
     * new to the overlay (the common case) costs one search of the skip list, not a get and a put.
     */
    void add(byte[] key, long sequence, byte[] value) {
        Version fresh = new Version(sequence, value, null);
        Version head = versions.putIfAbsent(key, fresh);
        if (head != null) {
            fresh.older = head; // not visible yet: the put publishes it
            if (versions.put(key, fresh) == null) {
                // A concurrent prune removed the key in between: head is at or below the prune
                // floor, which every reader resolves from LMDB anyway; drop it from the chain.
                fresh.older = null;
                head = null;
            }
        }
        if (head == null) {
            keysAdded++;
            bytesAdded += key.length;
        }
        bytesAdded += VERSION_OVERHEAD + (value == null ? 0 : value.length);
    }

    long bytes() {
        return bytesAdded - bytesPruned;
    }

    /** The walLock holder (exact there, apart from a prune running meanwhile). */
    int keyCount() {
        return keysAdded - keysPruned;
    }

    boolean isEmpty() {
        return versions.isEmpty();
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
        return versions.get(key);
    }

    /** Keys in [from, to) (null bounds open), ascending or descending; weakly consistent. */
    Iterator<Map.Entry<byte[], Version>> range(byte[] from, byte[] to, boolean reverse) {
        if (from != null && from.length == 0) from = null;
        NavigableMap<byte[], Version> m = versions;
        if (from != null && to != null) {
            if (Arrays.compareUnsigned(from, to) >= 0) return java.util.Collections.emptyIterator();
            m = m.subMap(from, true, to, false);
        } else if (from != null) {
            m = m.tailMap(from, true);
        } else if (to != null) {
            m = m.headMap(to, false);
        }
        return (reverse ? m.descendingMap() : m).entrySet().iterator();
    }

    /** Writer thread: every key with its newest version (for checkpoints). */
    Iterable<Map.Entry<byte[], Version>> all() {
        return versions.entrySet();
    }

    /**
     * Writer thread, with or without walLock: drops versions no snapshot can need any more (see
     * the class comment). A leader may add a version to a key meanwhile: the key is removed only
     * if its head is still the one seen, else the next prune looks at it again. Returns the floor used.
     */
    long prune() {
        long floor = applied; // read before the pins: a pin registered later reads at least this
        for (Pin p : pins) {
            long f = p.floor;
            if (f < 0) return prunedTo; // a snapshot is between registering and reading: try later
            floor = Math.min(floor, f);
        }
        if (floor <= prunedTo) return prunedTo;
        long freed = 0;
        int removed = 0;
        for (Map.Entry<byte[], Version> e : versions.entrySet()) {
            Version v = e.getValue();
            if (v.sequence <= floor) {
                if (versions.remove(e.getKey(), v)) {
                    removed++;
                    for (Version o = v; o != null; o = o.older) freed += VERSION_OVERHEAD + (o.value == null ? 0 : o.value.length);
                    freed += e.getKey().length;
                }
                continue;
            }
            Version prev = v;
            for (Version o = v.older; o != null; prev = o, o = o.older) {
                if (o.sequence <= floor) {
                    prev.older = null;
                    for (Version d = o; d != null; d = d.older) freed += VERSION_OVERHEAD + (d.value == null ? 0 : d.value.length);
                    break;
                }
            }
        }
        bytesPruned += freed;
        keysPruned += removed;
        prunedTo = floor;
        return floor;
    }
}

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

    private final ConcurrentSkipListMap<byte[], Version> versions = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
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
        Version head = versions.get(key);
        versions.put(key, new Version(sequence, value, head));
        if (head == null) keys++;
        bytes += VERSION_OVERHEAD + (head == null ? key.length : 0) + (value == null ? 0 : value.length);
    }

    long bytes() {
        return bytes;
    }

    /** Writer thread. */
    int keyCount() {
        return keys;
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
        for (Iterator<Map.Entry<byte[], Version>> it = versions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<byte[], Version> e = it.next();
            Version v = e.getValue();
            if (v.sequence <= floor) {
                // The writer is the only mutator, so the entry still holds v.
                it.remove();
                keys--;
                for (Version o = v; o != null; o = o.older) bytes -= VERSION_OVERHEAD + (o.value == null ? 0 : o.value.length);
                bytes -= e.getKey().length;
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

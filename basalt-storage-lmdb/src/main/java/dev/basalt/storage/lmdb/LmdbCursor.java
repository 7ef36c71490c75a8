package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.KvCursor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;

/**
 * Iterates [from, to) of a snapshot, forwards or backwards.
 *
 * <p>It walks LMDB entries ("physical") and expands a {@link LongKeyBucket} into the keys it holds
 * ("logical"). The LMDB cursor holds page pointers, so when the map was remapped since its last
 * step ({@link MapGate#epoch()} changed) it is reopened and put back on the current physical key,
 * which the snapshot's read transaction guarantees is still there. Values of ordinary entries are
 * copied out only when asked for.
 */
final class LmdbCursor implements KvCursor {

    private enum State { NEW, ON_ENTRY, DONE, CLOSED }

    private final LmdbSnapshot snapshot;
    private final byte[] from;
    private final byte[] to;
    private final boolean reverse;
    /** Physical keys of this length are buckets. */
    private final int bucketed;
    private Cursor<ByteBuffer> cursor;
    private long epoch;
    private State state = State.NEW;
    /** The LMDB key the cursor is on (a copy). */
    private byte[] physicalKey;
    /** Decoded bucket when {@link #physicalKey} is one, else null. */
    private List<LongKeyBucket.Entry> bucket;
    private int bucketIndex;
    private byte[] key;
    private byte[] value;
    private boolean valueHandedOut;

    LmdbCursor(LmdbSnapshot snapshot, byte[] from, byte[] to, boolean reverse) {
        this.snapshot = snapshot;
        // An empty lower bound is the same as none: keys are never empty.
        this.from = from != null && from.length == 0 ? null : from;
        this.to = to;
        this.reverse = reverse;
        this.bucketed = snapshot.slot.keyBuffer.capacity();
        if (this.from != null && to != null && Arrays.compareUnsigned(this.from, to) >= 0) state = State.DONE;
        if (to != null && to.length == 0) state = State.DONE;
    }

    @Override
    public boolean next() {
        if (state == State.DONE) return false;
        MapGate gate = snapshot.store.gate;
        if (state == State.CLOSED) {
            if (gate.isClosed()) gate.enter(); // throws CLOSED: the store, not the caller, closed it
            if (snapshot.isLost()) snapshot.checkNotLost();
            throw new IllegalStateException("cursor is closed");
        }
        gate.enter();
        try {
            snapshot.checkNotLost();
            ensureCursor(gate);
            boolean found;
            if (state == State.NEW) {
                found = positionAtStart();
                while (found && beforeStart(key)) found = step();
            } else {
                found = step();
            }
            if (found && pastEnd(key)) found = false;
            valueHandedOut = false;
            if (!found) {
                state = State.DONE;
                key = null;
                value = null;
                bucket = null;
                return false;
            }
            state = State.ON_ENTRY;
            return true;
        } catch (RuntimeException e) {
            throw LmdbErrors.from("scan failed in data directory " + snapshot.store.dir(), e);
        } finally {
            gate.exit();
        }
    }

    /** Opens the LMDB cursor, or reopens it on the same physical entry after a remap. */
    private void ensureCursor(MapGate gate) {
        if (cursor != null && epoch == gate.epoch()) return;
        if (cursor != null) cursor.close();
        cursor = snapshot.store.env().data.openCursor(snapshot.slot.txn);
        epoch = gate.epoch();
        if (physicalKey != null && !cursor.get(snapshot.slot.key(physicalKey, physicalKey.length), GetOp.MDB_SET_KEY)) {
            throw new IllegalStateException("entry vanished from a read transaction after a remap");
        }
    }

    private boolean positionAtStart() {
        ReaderSlot slot = snapshot.slot;
        boolean found;
        if (!reverse) {
            found = from == null ? cursor.first() : cursor.get(slot.key(from, Math.min(from.length, bucketed)), GetOp.MDB_SET_RANGE);
        } else if (to == null) {
            found = cursor.last();
        } else {
            // On the first entry >= to (skipped backwards from there), or the last one if none is.
            found = cursor.get(slot.key(to, Math.min(to.length, bucketed)), GetOp.MDB_SET_RANGE) || cursor.last();
        }
        if (found) loadPhysical();
        return found;
    }

    /** Moves one key in scan order: within the bucket, else to the next LMDB entry. */
    private boolean step() {
        if (bucket != null && (reverse ? bucketIndex > 0 : bucketIndex < bucket.size() - 1)) {
            bucketIndex += reverse ? -1 : 1;
            loadFromBucket();
            return true;
        }
        boolean found = reverse ? cursor.prev() : cursor.next();
        if (found) loadPhysical();
        return found;
    }

    private void loadPhysical() {
        physicalKey = LmdbSnapshot.copy(cursor.key());
        if (physicalKey.length == bucketed) {
            bucket = LongKeyBucket.decode(cursor.val());
            bucketIndex = reverse ? bucket.size() - 1 : 0;
            loadFromBucket();
        } else {
            bucket = null;
            key = physicalKey;
            value = null;
        }
    }

    private void loadFromBucket() {
        LongKeyBucket.Entry e = bucket.get(bucketIndex);
        key = LongKeyBucket.fullKey(physicalKey, e.suffix());
        value = e.value();
    }

    private boolean beforeStart(byte[] k) {
        return reverse ? to != null && Arrays.compareUnsigned(k, to) >= 0 : from != null && Arrays.compareUnsigned(k, from) < 0;
    }

    private boolean pastEnd(byte[] k) {
        return reverse ? from != null && Arrays.compareUnsigned(k, from) < 0 : to != null && Arrays.compareUnsigned(k, to) >= 0;
    }

    @Override
    public byte[] key() {
        if (state != State.ON_ENTRY) throw new IllegalStateException("cursor is not on an entry");
        // Always a copy: the cursor keeps its own to find its place again after a remap.
        return key.clone();
    }

    @Override
    public byte[] value() {
        if (state != State.ON_ENTRY) throw new IllegalStateException("cursor is not on an entry");
        if (value == null) {
            MapGate gate = snapshot.store.gate;
            gate.enter();
            try {
                snapshot.checkNotLost();
                ensureCursor(gate);
                value = LmdbSnapshot.copy(cursor.val());
            } catch (RuntimeException e) {
                throw LmdbErrors.from("scan failed in data directory " + snapshot.store.dir(), e);
            } finally {
                gate.exit();
            }
        }
        if (valueHandedOut) return value.clone();
        valueHandedOut = true;
        return value;
    }

    @Override
    public void close() {
        if (state == State.CLOSED) return;
        MapGate gate = snapshot.store.gate;
        try {
            gate.enter();
        } catch (RuntimeException storeClosed) {
            state = State.CLOSED;
            return;
        }
        try {
            closeNative();
            snapshot.forget(this);
        } finally {
            gate.exit();
        }
    }

    /** Releases the LMDB cursor; the caller holds the gate. */
    void closeNative() {
        state = State.CLOSED;
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}

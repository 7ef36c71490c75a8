package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.KvCursor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;

/**
 * Iterates [from, to) of a snapshot, forwards or backwards. The LMDB cursor holds page pointers,
 * so when the map was grown since its last step ({@link MapGate#epoch()} changed) it is reopened
 * and re-positioned after the last key it returned. Values are copied out only when asked for.
 */
final class LmdbCursor implements KvCursor {

    private enum State { NEW, ON_ENTRY, DONE, CLOSED }

    private final LmdbSnapshot snapshot;
    private final byte[] from;
    private final byte[] to;
    private final boolean reverse;
    private Cursor<ByteBuffer> cursor;
    private long epoch;
    private State state = State.NEW;
    private byte[] key;
    private byte[] value;
    private boolean valueHandedOut;

    LmdbCursor(LmdbSnapshot snapshot, byte[] from, byte[] to, boolean reverse) {
        // An empty lower bound is the same as none: LMDB keys are never empty.
        this.from = from != null && from.length == 0 ? null : from;
        this.to = to;
        this.reverse = reverse;
        this.snapshot = snapshot;
        if (this.from != null && to != null && Arrays.compareUnsigned(this.from, to) >= 0) state = State.DONE;
        if (to != null && to.length == 0) state = State.DONE;
    }

    @Override
    public boolean next() {
        if (state == State.DONE) return false;
        MapGate gate = snapshot.store.gate;
        if (state == State.CLOSED) {
            if (gate.isClosed()) gate.enter(); // throws CLOSED: the store, not the caller, closed it
            throw new IllegalStateException("cursor is closed");
        }
        gate.enter();
        try {
            boolean found;
            if (cursor == null || epoch != gate.epoch()) {
                reopen(gate);
                found = state == State.NEW ? seekStart() : seekPast(key);
            } else if (state == State.NEW) {
                found = seekStart();
            } else {
                found = reverse ? cursor.prev() : cursor.next();
            }
            if (found) {
                byte[] k = LmdbSnapshot.copy(cursor.key());
                if (reverse ? from != null && Arrays.compareUnsigned(k, from) < 0 : to != null && Arrays.compareUnsigned(k, to) >= 0) {
                    found = false;
                } else {
                    key = k;
                }
            }
            value = null;
            valueHandedOut = false;
            if (!found) {
                state = State.DONE;
                key = null;
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

    private void reopen(MapGate gate) {
        if (cursor != null) cursor.close();
        cursor = snapshot.store.env().data.openCursor(snapshot.slot.txn);
        epoch = gate.epoch();
    }

    private boolean seekStart() {
        if (!reverse) return from == null ? cursor.first() : seekAtLeast(from);
        if (to == null) return cursor.last();
        return seekAtLeast(to) ? cursor.prev() : cursor.last();
    }

    /** Positions on the entry after {@code last} in scan order (after a remap). */
    private boolean seekPast(byte[] last) {
        boolean found = seekAtLeast(last);
        if (reverse) return found ? cursor.prev() : cursor.last();
        if (found && Arrays.equals(LmdbSnapshot.copy(cursor.key()), last)) return cursor.next();
        return found;
    }

    /**
     * Positions on the first key >= {@code bound}. A bound longer than LMDB's key limit is
     * truncated for the seek (stored keys are never that long), then keys below it are skipped.
     */
    private boolean seekAtLeast(byte[] bound) {
        ReaderSlot slot = snapshot.slot;
        int len = Math.min(bound.length, slot.keyBuffer.capacity());
        boolean found = cursor.get(slot.key(bound, len), GetOp.MDB_SET_RANGE);
        if (len == bound.length) return found;
        while (found && Arrays.compareUnsigned(LmdbSnapshot.copy(cursor.key()), bound) < 0) found = cursor.next();
        return found;
    }

    @Override
    public byte[] key() {
        if (state != State.ON_ENTRY) throw new IllegalStateException("cursor is not on an entry");
        // Always a copy: the cursor keeps its own to re-position after a remap.
        return key.clone();
    }

    @Override
    public byte[] value() {
        if (state != State.ON_ENTRY) throw new IllegalStateException("cursor is not on an entry");
        if (value == null) {
            MapGate gate = snapshot.store.gate;
            gate.enter();
            try {
                if (epoch != gate.epoch()) {
                    reopen(gate);
                    ReaderSlot slot = snapshot.slot;
                    cursor.get(slot.key(key, key.length), GetOp.MDB_SET_KEY);
                }
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

package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;

/**
 * A {@link Durability#WAL} snapshot: the LMDB state at applied sequence A (its base) plus the
 * overlay versions in (A, S], S being {@link #sequence()}. The overlay pin keeps those versions
 * from being pruned while the snapshot is open.
 */
final class WalSnapshot implements KvSnapshot {

    private final LmdbSnapshot base;
    private final Overlay overlay;
    private final Overlay.Pin pin;
    private final long applied;
    private final long sequence;
    private boolean closed;

    WalSnapshot(LmdbSnapshot base, Overlay overlay, Overlay.Pin pin, long sequence) {
        this.base = base;
        this.overlay = overlay;
        this.pin = pin;
        this.applied = base.sequence();
        this.sequence = sequence;
        if (applied > sequence) throw new IllegalStateException("snapshot base " + applied + " is ahead of its sequence " + sequence);
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public byte[] get(byte[] key) {
        if (closed) throw new IllegalStateException("snapshot is closed");
        Overlay.Version head = overlay.head(key);
        if (head != null) {
            Overlay.Version v = Overlay.visible(head, applied, sequence);
            if (v != null) {
                checkUsable();
                return v.value == null ? null : v.value.clone();
            }
        }
        return base.get(key); // checks the store itself
    }

    @Override
    public KvCursor scan(byte[] fromInclusive, byte[] toExclusive) {
        checkUsable();
        return new MergedCursor(this, base.scan(fromInclusive, toExclusive), overlay.range(fromInclusive, toExclusive, false),
                applied, sequence, false);
    }

    @Override
    public KvCursor scanReverse(byte[] fromInclusive, byte[] toExclusive) {
        checkUsable();
        return new MergedCursor(this, base.scanReverse(fromInclusive, toExclusive), overlay.range(fromInclusive, toExclusive, true),
                applied, sequence, true);
    }

    /** Same failures as a plain LMDB snapshot, even when the overlay alone could answer. */
    void checkUsable() {
        if (closed) throw new IllegalStateException("snapshot is closed");
        MapGate gate = base.store.gate;
        gate.enter(); // throws CLOSED once the store is closed
        try {
            base.checkNotLost();
        } finally {
            gate.exit();
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            base.close();
        } finally {
            overlay.unpin(pin);
        }
    }
}

package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.KvCursor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges an LMDB cursor with the overlay entries a {@link WalSnapshot} can see, in scan order.
 * An overlay version replaces the LMDB entry of the same key; a deleting one hides it.
 */
final class MergedCursor implements KvCursor {

    private final WalSnapshot snapshot;
    private final KvCursor base;
    private final Iterator<Map.Entry<byte[], Overlay.Version>> overlay;
    private final long applied;
    private final long sequence;
    private final boolean reverse;
    private boolean started;
    private boolean done;
    private boolean closed;
    /** Next unconsumed LMDB key (the base cursor is on it), or null when it is exhausted. */
    private byte[] baseKey;
    /** Next unconsumed visible overlay entry, or null when exhausted. */
    private byte[] overlayKey;
    private Overlay.Version overlayVersion;
    /** Where the current entry came from. */
    private boolean onBase;
    private byte[] key;
    private byte[] value;

    MergedCursor(WalSnapshot snapshot, KvCursor base, Iterator<Map.Entry<byte[], Overlay.Version>> overlay, long applied, long sequence, boolean reverse) {
        this.snapshot = snapshot;
        this.base = base;
        this.overlay = overlay;
        this.applied = applied;
        this.sequence = sequence;
        this.reverse = reverse;
    }

    @Override
    public boolean next() {
        if (closed) {
            base.next(); // throws what a closed LMDB cursor throws (CLOSED if the store closed it)
            throw new IllegalStateException("cursor is closed");
        }
        if (done) return false;
        if (!started) {
            started = true;
            advanceBase();
            advanceOverlay();
        } else if (onBase) {
            advanceBase();
        } else {
            advanceOverlay();
        }
        while (true) {
            if (baseKey == null && overlayKey == null) {
                done = true;
                key = null;
                value = null;
                return false;
            }
            int c;
            if (baseKey == null) c = 1;
            else if (overlayKey == null) c = -1;
            else c = reverse ? Arrays.compareUnsigned(overlayKey, baseKey) : Arrays.compareUnsigned(baseKey, overlayKey);
            if (c < 0) {
                onBase = true;
                key = baseKey;
                value = null;
                return true;
            }
            if (c == 0) advanceBase(); // shadowed by the overlay
            if (overlayVersion.value == null) {
                advanceOverlay(); // deleted
                continue;
            }
            snapshot.checkUsable(); // the LMDB side checks itself; an overlay-only answer must too
            onBase = false;
            key = overlayKey;
            value = overlayVersion.value;
            return true;
        }
    }

    private void advanceBase() {
        baseKey = base.next() ? base.key() : null;
    }

    private void advanceOverlay() {
        while (overlay.hasNext()) {
            Map.Entry<byte[], Overlay.Version> e = overlay.next();
            Overlay.Version v = Overlay.visible(e.getValue(), applied, sequence);
            if (v != null) {
                overlayKey = e.getKey();
                overlayVersion = v;
                return;
            }
        }
        overlayKey = null;
        overlayVersion = null;
    }

    @Override
    public byte[] key() {
        if (key == null) throw new IllegalStateException("cursor is not on an entry");
        return key.clone();
    }

    @Override
    public byte[] value() {
        if (key == null) throw new IllegalStateException("cursor is not on an entry");
        return onBase ? base.value() : value.clone(); // overlay arrays are shared with other snapshots
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        done = true;
        base.close();
    }
}

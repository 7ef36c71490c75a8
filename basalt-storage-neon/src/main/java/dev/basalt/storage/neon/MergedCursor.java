package dev.basalt.storage.neon;

import dev.basalt.disagg.KeyValue;
import dev.basalt.engine.storage.kv.KvCursor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Merges the page server's scan (at the snapshot's floor) with the overlay's versions at or below
 * the snapshot LSN: on the same key the overlay wins, and an overlay delete hides the key.
 */
final class MergedCursor implements KvCursor {

    static final KvCursor EMPTY = new KvCursor() {
        @Override public boolean next() { return false; }
        @Override public byte[] key() { throw new IllegalStateException("no current entry"); }
        @Override public byte[] value() { throw new IllegalStateException("no current entry"); }
        @Override public void close() {}
    };

    private final Iterator<KeyValue> base;
    private final Iterator<Map.Entry<byte[], Overlay.Version>> recent;
    private final long lsn;
    private final int direction;
    private final Function<RuntimeException, RuntimeException> onPageError;
    private KeyValue nextBase;
    private byte[] nextRecentKey;
    private Overlay.Version nextRecent;
    private byte[] key;
    private byte[] value;

    MergedCursor(Iterator<KeyValue> base, Iterator<Map.Entry<byte[], Overlay.Version>> recent, long lsn,
                 boolean reverse, Function<RuntimeException, RuntimeException> onPageError) {
        this.base = base;
        this.recent = recent;
        this.lsn = lsn;
        this.direction = reverse ? -1 : 1;
        this.onPageError = onPageError;
        advanceBase();
        advanceRecent();
    }

    private void advanceBase() {
        try {
            nextBase = base.hasNext() ? base.next() : null;
        } catch (RuntimeException e) {
            throw onPageError.apply(e);
        }
    }

    /** Next overlay key with a version this snapshot sees (a delete counts: it hides the base). */
    private void advanceRecent() {
        while (recent.hasNext()) {
            Map.Entry<byte[], Overlay.Version> e = recent.next();
            Overlay.Version v = e.getValue().visibleAt(lsn);
            if (v != null) {
                nextRecentKey = e.getKey();
                nextRecent = v;
                return;
            }
        }
        nextRecentKey = null;
        nextRecent = null;
    }

    @Override
    public boolean next() {
        while (nextBase != null || nextRecentKey != null) {
            int cmp = nextBase == null ? 1 : nextRecentKey == null ? -1
                    : direction * Arrays.compareUnsigned(nextBase.key(), nextRecentKey);
            if (cmp < 0) {
                key = nextBase.key();
                value = nextBase.value();
                advanceBase();
                return true;
            }
            Overlay.Version v = nextRecent;
            byte[] k = nextRecentKey;
            if (cmp == 0) advanceBase();
            advanceRecent();
            if (v.value() != null) {
                key = k;
                value = v.value();
                return true;
            }
        }
        key = null;
        value = null;
        return false;
    }

    @Override
    public byte[] key() {
        if (key == null) throw new IllegalStateException("no current entry");
        return key.clone();
    }

    @Override
    public byte[] value() {
        if (value == null) throw new IllegalStateException("no current entry");
        return value.clone();
    }

    @Override
    public void close() {
        if (base instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw onPageError.apply(e instanceof RuntimeException r ? r : new IllegalStateException(e));
            }
        }
    }
}

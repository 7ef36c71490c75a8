package dev.basalt.storage.neon;

import dev.basalt.disagg.KeyValue;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A scan's base entries (before the overlay is merged in) read from the compute's cached ranges in
 * pieces of {@link #PIECE} entries, each read checked against the floor anew; once a piece is not
 * served (the range was evicted, or one of our commits after the snapshot wrote into it), the rest
 * of the range comes from the page server at the snapshot's read LSN. Each piece is the range's
 * state as the snapshot sees it, so the pieces join into one consistent scan.
 */
final class CachedRangeScan implements Iterator<KeyValue> {

    static final int PIECE = 256;

    private final NeonKvStore store;
    private final byte[] from;
    private final byte[] to;
    private final long lsn;
    private final long readLsn;
    private final boolean reverse;
    private Iterator<KeyValue> piece;
    /** Whether the range goes on past the current piece, and the key the current piece ends with. */
    private boolean more;
    private byte[] pieceEnd;
    private Iterator<KeyValue> fromPageServer;

    /** Starts with {@code first}, a {@link VersionCache#readRange} answer for the whole range. */
    CachedRangeScan(NeonKvStore store, byte[] from, byte[] to, long lsn, long readLsn, boolean reverse, List<KeyValue> first) {
        this.store = store;
        this.from = from;
        this.to = to;
        this.lsn = lsn;
        this.readLsn = readLsn;
        this.reverse = reverse;
        take(first);
    }

    private void take(List<KeyValue> answer) {
        more = answer.size() > PIECE;
        List<KeyValue> entries = more ? answer.subList(0, PIECE) : answer;
        pieceEnd = entries.isEmpty() ? null : entries.get(entries.size() - 1).key();
        piece = entries.iterator();
    }

    @Override
    public boolean hasNext() {
        while (true) {
            if (fromPageServer != null) return fromPageServer.hasNext();
            if (piece.hasNext()) return true;
            if (!more) return false;
            // the rest: after pieceEnd (forward) or before it (reverse)
            byte[] restFrom = reverse ? from : successor(pieceEnd);
            byte[] restTo = reverse ? pieceEnd : to;
            List<KeyValue> next = store.cache().readRange(restFrom, restTo, lsn, reverse, PIECE);
            if (next != null) {
                take(next);
            } else {
                fromPageServer = store.pageScan(restFrom, restTo, readLsn, reverse);
            }
        }
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) throw new NoSuchElementException();
        return fromPageServer != null ? fromPageServer.next() : piece.next();
    }

    /** The smallest key above {@code key}. */
    static byte[] successor(byte[] key) {
        byte[] s = java.util.Arrays.copyOf(key, key.length + 1);
        return s;
    }
}

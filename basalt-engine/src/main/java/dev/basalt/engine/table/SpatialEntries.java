package dev.basalt.engine.table;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.fulltext.InvertedIndex;
import dev.basalt.engine.spatial.Geo;
import dev.basalt.engine.spatial.GeometryCodec;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.txn.Transaction;
import org.locationtech.jts.geom.Envelope;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The stored entries of one SPATIAL index: the minimum bounding rectangle (MBR) of each row's
 * geometry, ordered so that the rows whose MBR meets a search window are a few key ranges:
 * <pre>
 *   0x02 | indexId | width class (2 bytes) | minX (8 bytes, order-preserving) | pk  ->  minX, minY, maxX, maxY
 * </pre>
 * An R-tree needs pages it can split; in a sorted key-value store this layout does the same work:
 * within one width class (MBRs of width 0 for points, else of widths in [2^e, 2^(e+1))) an MBR that
 * meets the window [x1, x2] starts in [x1 - widest, x2], one range read per class present; the
 * y extent, in the entry, is checked before any row is read. Empty geometries (no MBR) have a class
 * of their own, always read. Entries carry the row key and are written under the row's lock.
 */
final class SpatialEntries {
    /** Width class of points: a zero-width MBR. */
    private static final int POINTS = 0;
    /** Width class of empty geometries: no MBR, read by every search (the predicate decides). */
    private static final int EMPTY = 0xFFFF;
    /** Math.getExponent of the smallest positive double is -1074: classes 1 .. 2100 for widths above 0. */
    private static final int EXPONENT_BIAS = 1076;

    final IndexDef index;
    final int column;
    private final byte[] prefix;

    SpatialEntries(IndexDef index) {
        this.index = index;
        this.column = index.parts().getFirst().column();
        this.prefix = Keyspace.indexPrefix(index.indexId());
    }

    private static int widthClass(double width) {
        return width <= 0 ? POINTS : Math.max(1, Math.min(EMPTY - 1, Math.getExponent(width) + EXPONENT_BIAS));
    }

    /** The widest MBR of a class (an upper bound). */
    private static double widest(int widthClass) {
        return widthClass == POINTS ? 0 : Math.scalb(1.0, widthClass - EXPONENT_BIAS + 1);
    }

    /** A double as 8 bytes whose unsigned order is the numbers' order. */
    private static long sortable(double v) {
        long bits = Double.doubleToLongBits(v == 0 ? 0.0 : v); // -0.0 sorts with 0.0
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private byte[] classStart(int widthClass) {
        byte[] k = Arrays.copyOf(prefix, prefix.length + 2);
        k[prefix.length] = (byte) (widthClass >>> 8);
        k[prefix.length + 1] = (byte) widthClass;
        return k;
    }

    private byte[] key(Object value, byte[] pk, ByteBuffer mbr) {
        Envelope e = envelope(value);
        int c = e == null ? EMPTY : widthClass(e.getWidth());
        ByteBuffer k = ByteBuffer.allocate(prefix.length + 2 + 8 + pk.length);
        k.put(classStart(c)).putLong(e == null ? 0 : sortable(e.getMinX())).put(pk);
        if (mbr != null && e != null) mbr.putDouble(e.getMinX()).putDouble(e.getMinY()).putDouble(e.getMaxX()).putDouble(e.getMaxY());
        return k.array();
    }

    private static Envelope envelope(Object value) {
        Geo g = GeometryCodec.decode(value, "spatial index");
        Envelope e = g.geometry().getEnvelopeInternal();
        return e.isNull() ? null : e;
    }

    void put(Transaction txn, Object[] row, byte[] pk) {
        ByteBuffer mbr = ByteBuffer.allocate(32);
        byte[] key = key(row[column], pk, mbr);
        txn.putUnderRowLock(key, mbr.array());
    }

    void delete(Transaction txn, Object[] row, byte[] pk) { txn.deleteUnderRowLock(key(row[column], pk, null)); }

    /** The rows (primary key bytes, in key order) whose MBR meets the window's, closed on every side. */
    NavigableSet<byte[]> rowsMeeting(Transaction txn, Envelope window) {
        return rowsMeeting(txn, window, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #rowsMeeting(Transaction, Envelope)}, plus every row whose MBR is at least
     * {@code alwaysWidth} wide, wherever it lies (a geographic row that wide may cross the
     * antimeridian or wind around a pole: its vertices' rectangle does not bound it).
     */
    NavigableSet<byte[]> rowsMeeting(Transaction txn, Envelope window, double alwaysWidth) {
        NavigableSet<byte[]> rows = new TreeSet<>(InvertedIndex.ROW_ORDER);
        byte[] end = Keyspace.prefixSuccessor(prefix);
        int c = 0;
        while (true) {
            int present = nextClass(txn, c, end);
            if (present < 0) return rows;
            byte[] start = classStart(present);
            byte[] from = start, to = Keyspace.prefixSuccessor(start);
            boolean wholeClass = present == EMPTY || widest(present) >= alwaysWidth;
            if (!wholeClass) {
                from = ByteBuffer.allocate(start.length + 8).put(start).putLong(sortable(window.getMinX() - widest(present))).array();
                to = Keyspace.prefixSuccessor(ByteBuffer.allocate(start.length + 8).put(start).putLong(sortable(window.getMaxX())).array());
            }
            try (KvCursor cur = txn.scan(from, to)) {
                while (cur.next()) {
                    byte[] k = cur.key();
                    ByteBuffer v = ByteBuffer.wrap(cur.value());
                    boolean meets = present == EMPTY || v.remaining() < 32
                            || v.getDouble(16) - v.getDouble(0) >= alwaysWidth
                            || new Envelope(v.getDouble(0), v.getDouble(16), v.getDouble(8), v.getDouble(24)).intersects(window);
                    if (meets) rows.add(Arrays.copyOfRange(k, start.length + 8, k.length));
                }
            }
            if (present == EMPTY) return rows;
            c = present + 1;
        }
    }

    /** The first width class at or after {@code from} that has entries, or -1. */
    private int nextClass(Transaction txn, int from, byte[] end) {
        try (KvCursor cur = txn.scan(classStart(from), end)) {
            if (!cur.next()) return -1;
            byte[] k = cur.key();
            return (k[prefix.length] & 0xFF) << 8 | (k[prefix.length + 1] & 0xFF);
        }
    }
}

package dev.basalt.pageserver.timeline;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.Mutation;
import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalException;
import dev.basalt.pageserver.BranchInfo;
import dev.basalt.pageserver.PageServerException;
import dev.basalt.pageserver.PageServerSettings;
import dev.basalt.pageserver.layer.Keys;
import dev.basalt.pageserver.layer.Layer;
import dev.basalt.pageserver.layer.Lookup;
import dev.basalt.pageserver.layer.OpenLayer;
import dev.basalt.pageserver.layer.VersionSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One timeline (branch): versioned key-value state built from its log, readable at any LSN between
 * its GC horizon and its applied LSN. A branch has a {@code parent} and a {@code branchLsn}; every
 * key it has never written reads through to the parent at that LSN (copy-on-write: creating a branch
 * copies nothing). A branch's own log starts at LSN 1; its LSN 0 is the parent's state at the branch point.
 *
 * <p>Threads: one ingest thread applies the log ({@link #applyBatch}); one maintenance thread
 * ({@link LayerMaintenance}) turns frozen layers into files and compacts/GCs them; any number of
 * readers. Readers take one {@link LayerMap} snapshot per read.
 */
public final class Timeline {

    /** Marks a deletion in a scan's accumulator; compared by identity, never returned. */
    private static final byte[] DELETED = new byte[0];

    final String name;
    final Timeline parent;
    final long branchLsn;
    final PageServerSettings settings;
    final CommitClock clock = new CommitClock();
    final List<Timeline> children = new CopyOnWriteArrayList<>();
    private final Object applied = new Object();

    volatile LayerMap layers;
    private volatile long appliedLsn;
    volatile long diskConsistentLsn;
    private volatile boolean freezeRequested;
    private volatile Runnable onFrozen = () -> {};
    /**
     * When a compute last read this timeline (System.nanoTime), for "is a compute attached?"; 0 = not
     * since this page server started (see {@link #served}).
     */
    private volatile long lastServedNanos;

    Timeline(String name, Timeline parent, long branchLsn, PageServerSettings settings,
             long diskConsistentLsn, long gcHorizon, List<Layer> persisted) {
        this.name = name;
        this.parent = parent;
        this.branchLsn = branchLsn;
        this.settings = settings;
        this.diskConsistentLsn = diskConsistentLsn;
        this.appliedLsn = diskConsistentLsn;
        this.layers = LayerMap.of(new OpenLayer(diskConsistentLsn), List.of(), persisted, gcHorizon);
        for (Layer l : this.layers.persisted()) clock.addAll(l.clockLsns(), l.clockTimes());
    }

    public String name() { return name; }

    /** A compute read this timeline now (a Get, a Scan, an applied-LSN poll): it counts as attached for a while. */
    public void served() { lastServedNanos = System.nanoTime(); }

    /** Milliseconds since a compute last read this timeline, or -1 if none did since this page server started. */
    public long millisSinceServed() {
        long t = lastServedNanos;
        return t == 0 ? -1 : (System.nanoTime() - t) / 1_000_000;
    }
    public Timeline parent() { return parent; }
    public long branchLsn() { return branchLsn; }
    public long appliedLsn() { return appliedLsn; }
    public long diskConsistentLsn() { return diskConsistentLsn; }
    public long gcHorizon() { return layers.gcHorizon(); }

    public BranchInfo info() {
        return new BranchInfo(name, parent == null ? null : parent.name, branchLsn, appliedLsn, diskConsistentLsn, gcHorizon());
    }

    void onFrozen(Runnable r) { onFrozen = r; }

    // ---- reads ----

    public byte[] get(byte[] key, long lsn) {
        awaitApplied(lsn);
        LayerMap m = readableSnapshot(lsn);
        for (VersionSource s : m.newestFirst()) {
            Lookup r = s.lookup(key, lsn);
            if (r.found()) return r.value();
        }
        return parent == null ? null : parent.get(key, branchLsn);
    }

    /** Keys per page of a scan: bounds the server's memory per scan (times the number of layers). */
    public static final int SCAN_PAGE = 1024;

    /**
     * Keys in [from, to) at {@code lsn}, fetched lazily one page at a time; each page reads a fresh
     * layer snapshot (the state at a fixed LSN never changes, so pages join up exactly).
     */
    public Iterator<KeyValue> scan(byte[] from, byte[] to, long lsn, boolean reverse) {
        return scan(from, to, lsn, reverse, SCAN_PAGE);
    }

    /** As {@link #scan(byte[], byte[], long, boolean)} with pages of {@code pageKeys} keys. */
    public Iterator<KeyValue> scan(byte[] from, byte[] to, long lsn, boolean reverse, int pageKeys) {
        if (pageKeys < 1) throw new IllegalArgumentException("page size " + pageKeys);
        awaitApplied(lsn);
        readableSnapshot(lsn); // refuse an LSN below the GC horizon now, not at the first hasNext()
        return new Iterator<>() {
            private Iterator<KeyValue> page = Collections.emptyIterator();
            private byte[] lo = from, hi = to;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    ScanPage p = scanPage(lo, hi, lsn, reverse, pageKeys);
                    page = p.rows().iterator();
                    if (p.resumeKey() == null) last = true;
                    else if (reverse) hi = p.resumeKey();
                    else lo = p.resumeKey();
                }
                return page.hasNext();
            }

            @Override
            public KeyValue next() {
                if (!hasNext()) throw new NoSuchElementException();
                return page.next();
            }
        };
    }

    /**
     * One page of rows and where the next page starts: {@code resumeKey} is the next page's
     * {@code from} (forward) or {@code to} (reverse); null when the range is done.
     */
    public record ScanPage(List<KeyValue> rows, byte[] resumeKey) {}

    /** About {@code limit} keys of the range (fewer when many are deleted), exact up to the resume key. */
    public ScanPage scanPage(byte[] from, byte[] to, long lsn, boolean reverse, int limit) {
        awaitApplied(lsn);
        if (from != null && to != null && Keys.compare(from, to) >= 0) return new ScanPage(List.of(), null); // empty range
        TreeMap<byte[], byte[]> acc = new TreeMap<>(Keys.ORDER);
        byte[] cut = collect(from, to, lsn, reverse, limit, acc);
        NavigableMap<byte[], byte[]> exact = cut == null ? acc : reverse ? acc.tailMap(cut, true) : acc.headMap(cut, true);
        if (reverse) exact = exact.descendingMap();
        List<KeyValue> rows = new ArrayList<>(exact.size());
        for (Map.Entry<byte[], byte[]> e : exact.entrySet()) {
            if (e.getValue() != DELETED) rows.add(new KeyValue(e.getKey(), e.getValue()));
        }
        byte[] resume = cut == null ? null : reverse ? cut : successor(cut);
        return new ScanPage(rows, resume);
    }

    /** The smallest key after {@code key}: key + 0x00. */
    private static byte[] successor(byte[] key) { return Arrays.copyOf(key, key.length + 1); }

    /**
     * Puts the newest version at or below {@code lsn} of each key in range into {@code acc} unless a
     * newer source already did (tombstones as {@link #DELETED}). Layers newest first; an image layer
     * at or below the LSN is complete, so older layers and the parent are not needed after it. Each
     * source gives at most {@code limit} keys; returns the key up to which {@code acc} is exact (the
     * earliest, in scan order, last key of a source that hit the limit), or null when it is exact
     * for the whole range.
     */
    private byte[] collect(byte[] from, byte[] to, long lsn, boolean reverse, int limit, TreeMap<byte[], byte[]> acc) {
        LayerMap m = readableSnapshot(lsn);
        byte[] cut = null;
        for (VersionSource s : m.newestFirst()) {
            int[] taken = {0};
            byte[][] lastKey = {null};
            s.scan(from, to, lsn, reverse, (k, v) -> {
                acc.putIfAbsent(k, v == null ? DELETED : v);
                lastKey[0] = k;
                return ++taken[0] < limit;
            });
            if (taken[0] >= limit) cut = earlier(cut, lastKey[0], reverse);
            if (s instanceof Layer l && l.name().isImage() && l.name().endLsn() <= lsn) return cut;
        }
        if (parent != null) {
            parent.awaitApplied(branchLsn);
            byte[] parentCut = parent.collect(from, to, branchLsn, reverse, limit, acc);
            if (parentCut != null) cut = earlier(cut, parentCut, reverse);
        }
        return cut;
    }

    private static byte[] earlier(byte[] a, byte[] b, boolean reverse) {
        if (a == null) return b;
        int c = Keys.compare(a, b);
        return (reverse ? c >= 0 : c <= 0) ? a : b;
    }

    /** Layers for a read at {@code lsn}, refusing LSNs whose versions GC may have dropped. */
    private LayerMap readableSnapshot(long lsn) {
        LayerMap m = layers; // snapshot first: if it lacks dropped layers, it carries the horizon that dropped them
        if (lsn < m.gcHorizon()) {
            throw new PageServerException(PageServerException.Kind.BELOW_GC_HORIZON,
                    "LSN " + lsn + " of timeline '" + name + "' is below its garbage-collection horizon " + m.gcHorizon());
        }
        return m;
    }

    /** True when a read at {@code lsn} need not wait: this timeline and every ancestor (at its branch point) are there. */
    public boolean appliedThrough(long lsn) {
        return appliedLsn >= lsn && (parent == null || parent.appliedThrough(branchLsn));
    }

    /** Waits (bounded by the read-wait setting) until ingest has applied {@code lsn}. */
    public void awaitApplied(long lsn) {
        if (lsn < 0) throw new PageServerException(PageServerException.Kind.INVALID, "negative LSN " + lsn);
        if (appliedLsn >= lsn) return;
        long deadline = System.nanoTime() + settings.readWait().toNanos();
        synchronized (applied) {
            while (appliedLsn < lsn) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new WalException("timeline '" + name + "' has reached LSN " + appliedLsn + ", not " + lsn
                            + " within " + settings.readWait().toMillis() + " ms", false);
                }
                try {
                    applied.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WalException("interrupted waiting for LSN " + lsn, false, e);
                }
            }
        }
    }

    // ---- ingest (the ingest thread only) ----

    /** Applies a batch read from the log; entries at or below the applied LSN (a replay) are skipped. */
    void applyBatch(List<WalEntry> batch) {
        boolean any = false;
        for (WalEntry entry : batch) {
            long lsn = entry.lsn();
            if (lsn <= appliedLsn) continue;
            if (lsn != appliedLsn + 1) {
                throw new IllegalStateException("timeline '" + name + "': log jumped from LSN " + appliedLsn + " to " + lsn);
            }
            CommitRecord commit = entry.commit();
            OpenLayer open = layers.open();
            for (Mutation m : commit.mutations()) open.put(m.key(), lsn, m.value());
            open.endCommit(lsn, commit.commitTimeMicros());
            clock.add(lsn, commit.commitTimeMicros());
            appliedLsn = lsn;
            any = true;
        }
        if (any) {
            synchronized (applied) {
                applied.notifyAll();
            }
        }
        maybeFreeze();
    }

    /** Asks the ingest thread to freeze the open layer at the next commit boundary. */
    void requestFreeze() { freezeRequested = true; }

    /** Ingest thread: freezes the open layer when it is big or old enough, or when asked to. */
    void maybeFreeze() {
        OpenLayer open = layers.open();
        if (open.isEmpty()) {
            freezeRequested = false;
            return;
        }
        boolean due = freezeRequested || open.bytes() >= settings.checkpointBytes()
                || open.ageNanos() >= settings.checkpointInterval().toNanos();
        if (!due) return;
        freezeRequested = false;
        synchronized (this) {
            layers = layers.withOpen(new OpenLayer(open.endLsn()), open);
        }
        onFrozen.run();
    }

    @Override
    public String toString() { return "timeline " + name; }
}

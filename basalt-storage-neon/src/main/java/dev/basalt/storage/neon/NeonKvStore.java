package dev.basalt.storage.neon;

import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.Mutation;
import dev.basalt.disagg.PageReader;
import dev.basalt.disagg.WalException;
import dev.basalt.disagg.WalLog;
import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The compute's {@link KvStore} in disaggregated storage: commits go to the replicated log
 * ({@link WalLog}; the record's LSN is the commit sequence), reads come from the page server
 * ({@link PageReader}) at an LSN. The compute keeps no durable state: only the overlay of its own
 * recent commits the page server has not applied yet, and a bounded cache of values it read.
 *
 * <p>Opening costs one call to the log (where does it end?) and nothing else: the catalog and the
 * data are read lazily through the page server, so a new compute answers its first query at once.
 *
 * <p>Opened {@linkplain NeonOptions#readOnlyAtLsn at an LSN}, the store serves reads as of that
 * moment and refuses commits ({@link #readOnly()} is true, so the engine answers 1290).
 */
public final class NeonKvStore implements KvStore {

    private static final Logger LOG = Logger.getLogger(NeonKvStore.class.getName());
    private static final long OVERLAY_FULL_TIMEOUT_NANOS = 30_000_000_000L;

    private final WalLog wal;
    private final PageReader pages;
    private final NeonOptions options;
    private final Overlay overlay = new Overlay();
    private final VersionCache cache;
    private final SnapshotPins pins = new SnapshotPins();
    private final CommitPipeline pipeline;
    private final Thread trimmer;
    private volatile long published;
    private volatile boolean closed;

    private NeonKvStore(WalLog wal, PageReader pages, NeonOptions options, long start) {
        this.wal = wal;
        this.pages = pages;
        this.options = options;
        this.published = start;
        this.cache = new VersionCache(options.cacheBytes(), start, overlay);
        if (options.readOnly()) {
            pipeline = null;
            trimmer = null;
        } else {
            pipeline = new CommitPipeline(wal, new Sink(), start, options.maxInFlight(), options.timeline());
            trimmer = Thread.ofPlatform().name("neon-overlay-" + options.timeline()).daemon().start(this::trimLoop);
        }
    }

    /**
     * Opens a compute on {@code options.timeline()}: writable at the end of the log, or read-only at
     * {@code options.readOnlyAtLsn()}. The store owns {@code wal} and {@code pages} and closes them.
     *
     * @throws StorageException when the log cannot be reached or the LSN is beyond its end
     */
    public static NeonKvStore open(WalLog wal, PageReader pages, NeonOptions options) {
        long end;
        try {
            end = wal.committedLsn();
        } catch (WalException e) {
            throw new StorageException(StorageException.Kind.IO, "the WAL service is unavailable: " + e.getMessage(), e);
        }
        if (options.readOnly() && options.readOnlyAtLsn() > end) {
            throw new StorageException(StorageException.Kind.OTHER, "LSN " + options.readOnlyAtLsn()
                    + " is beyond the end of timeline '" + options.timeline() + "' (" + end + ")");
        }
        return new NeonKvStore(wal, pages, options, options.readOnly() ? options.readOnlyAtLsn() : end);
    }

    @Override
    public KvSnapshot snapshot() {
        checkUsable();
        long[] lsn = new long[1];
        long floor = pins.pin(() -> {
            lsn[0] = published;
            return cache.floor();
        });
        return new NeonSnapshot(this, lsn[0], floor);
    }

    @Override
    public long commit(WriteBatch batch, CommitValidator validator) {
        checkUsable();
        if (pipeline == null) {
            throw new StorageException(StorageException.Kind.OTHER, "this compute is read-only at LSN "
                    + options.readOnlyAtLsn() + " of timeline '" + options.timeline() + "'");
        }
        return pipeline.commit(batch, validator);
    }

    @Override
    public long lastSequence() { return published; }

    @Override
    public String name() { return "neon"; }

    @Override
    public boolean readOnly() { return options.readOnly(); }

    public NeonOptions options() { return options; }

    /** Bytes of own commits not yet trimmed (the page server has not applied them or a snapshot needs them). */
    public long overlayBytes() { return overlay.bytes(); }

    public long cacheBytes() { return cache.bytes(); }

    public long cacheHits() { return cache.hits(); }

    public long cacheMisses() { return cache.misses(); }

    /** Scans (and their later pieces) answered from the cached ranges, and those that were not. */
    public long rangeCacheHits() { return cache.rangeHits(); }

    public long rangeCacheMisses() { return cache.rangeMisses(); }

    /** The LSN below which reads go to the page server (everything newer of ours is in the overlay). */
    public long floorLsn() { return cache.floor(); }

    public int openSnapshotCount() { return pins.open(); }

    /** Status variables for SHOW STATUS (names as MySQL's: capitalised, underscores). */
    public java.util.Map<String, String> status() {
        java.util.Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("Neon_lsn", Long.toString(published));
        s.put("Neon_floor_lsn", Long.toString(cache.floor()));
        s.put("Neon_overlay_bytes", Long.toString(overlay.bytes()));
        s.put("Neon_cache_bytes", Long.toString(cache.bytes()));
        s.put("Neon_cache_hits", Long.toString(cache.hits()));
        s.put("Neon_cache_misses", Long.toString(cache.misses()));
        s.put("Neon_range_cache_hits", Long.toString(cache.rangeHits()));
        s.put("Neon_range_cache_misses", Long.toString(cache.rangeMisses()));
        s.put("Neon_read_only", options.readOnly() ? "ON" : "OFF");
        return s;
    }

    Overlay overlay() { return overlay; }

    VersionCache cache() { return cache; }

    void unpin(long floor) { pins.unpin(floor); }

    byte[] pageGet(byte[] key, long lsn) {
        try {
            return pages.get(options.timeline(), key, lsn);
        } catch (RuntimeException e) {
            throw storageError(e);
        }
    }

    Iterator<KeyValue> pageScan(byte[] from, byte[] to, long lsn, boolean reverse) {
        try {
            return pages.scan(options.timeline(), from, to, lsn, reverse);
        } catch (RuntimeException e) {
            throw storageError(e);
        }
    }

    RuntimeException storageError(RuntimeException e) {
        if (e instanceof StorageException) return e;
        return new StorageException(StorageException.Kind.IO, "the page server could not serve timeline '"
                + options.timeline() + "': " + e.getMessage(), e);
    }

    private void checkUsable() {
        if (closed) throw new StorageException(StorageException.Kind.CLOSED, "the neon store is closed");
        StorageException fatal = pipeline == null ? null : pipeline.fatal();
        if (fatal != null) throw new StorageException(fatal.kind(), fatal.getMessage(), fatal);
    }

    /** Receives durable commits from the pipeline, in LSN order. */
    private final class Sink implements CommitPipeline.Sink {
        @Override
        public void durable(long lsn, List<Mutation> mutations) {
            overlay.add(lsn, mutations); // before publishing: no snapshot at lsn may miss it
            published = lsn;
        }

        @Override
        public void awaitRoom() {
            long deadline = System.nanoTime() + OVERLAY_FULL_TIMEOUT_NANOS;
            while (overlay.bytes() > options.overlayBytes()) {
                if (closed) throw new StorageException(StorageException.Kind.CLOSED, "the neon store is closed");
                if (System.nanoTime() > deadline) {
                    throw new StorageException(StorageException.Kind.IO, "the page server is not keeping up with timeline '"
                            + options.timeline() + "': " + overlay.bytes() + " bytes of commits wait to be applied");
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    /**
     * Follows the page server: once it has applied our commits, the floor moves up (cache entries of
     * the keys they wrote are refreshed) and overlay versions no snapshot needs any more leave.
     */
    private void trimLoop() {
        boolean warned = false;
        while (!closed) {
            try {
                long applied = pages.appliedLsn(options.timeline());
                long target = Math.min(applied, published);
                cache.advanceFloor(target, (after, upTo, refresher) -> overlay.forEachBetween(after, upTo,
                        (lsn, m) -> refresher.passed(lsn, m.key(), m.value())));
                overlay.trim(pins.trimBound(cache.floor()));
                warned = false;
            } catch (RuntimeException e) {
                if (!warned) LOG.log(Level.WARNING, "cannot reach the page server for timeline " + options.timeline(), e);
                warned = true;
                LockSupport.parkNanos(100_000_000);
            }
            LockSupport.parkNanos(overlay.bytes() == 0 ? 20_000_000 : 2_000_000);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (pipeline != null) pipeline.close();
        if (trimmer != null) {
            try {
                trimmer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            pages.close();
        } finally {
            wal.close();
        }
    }
}

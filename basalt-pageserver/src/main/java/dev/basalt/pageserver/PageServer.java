package dev.basalt.pageserver;

import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.PageReader;
import dev.basalt.disagg.WalLog;
import dev.basalt.pageserver.store.ObjectStore;
import dev.basalt.pageserver.timeline.LayerCache;
import dev.basalt.pageserver.timeline.TimelineService;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The page server: turns each timeline's log into versioned key-value state, keeps it in layer files
 * on object storage, and serves reads at any retained LSN. This is the in-process API; the gRPC
 * service ({@link dev.basalt.pageserver.grpc.PageGrpcServer}) exposes it to computes.
 *
 * <p>On {@link #start()} it rebuilds every timeline from object storage (layers + index), creates the
 * root timeline "main" if there is none, and starts ingesting each timeline's log after its last
 * uploaded LSN. Logs come from {@code logs} (by timeline name): the safekeeper client in production,
 * in-memory logs in tests.
 */
public final class PageServer implements PageReader {

    public static final String MAIN = "main";

    private final TimelineService timelines;

    public PageServer(PageServerSettings settings, ObjectStore store, Path dataDir, Function<String, WalLog> logs) {
        this.timelines = new TimelineService(settings, store, new LayerCache(dataDir), logs);
    }

    public PageServer start() {
        timelines.start(MAIN);
        return this;
    }

    @Override
    public byte[] get(String timeline, byte[] key, long lsn) { return timelines.serve(timeline).get(key, lsn); }

    /** Lazily, a page of keys at a time (see {@link dev.basalt.pageserver.timeline.Timeline#scan}). */
    @Override
    public Iterator<KeyValue> scan(String timeline, byte[] from, byte[] to, long lsn, boolean reverse) {
        return timelines.serve(timeline).scan(from, to, lsn, reverse);
    }

    /** As {@link #scan(String, byte[], byte[], long, boolean)} reading {@code pageKeys} keys per page (tests, tuning). */
    public Iterator<KeyValue> scan(String timeline, byte[] from, byte[] to, long lsn, boolean reverse, int pageKeys) {
        return timelines.timeline(timeline).scan(from, to, lsn, reverse, pageKeys);
    }

    /** True when a read of {@code timeline} at {@code lsn} would not wait for ingest. */
    public boolean readableWithoutWait(String timeline, long lsn) { return timelines.serve(timeline).appliedThrough(lsn); }

    @Override
    public long appliedLsn(String timeline) { return timelines.serve(timeline).appliedLsn(); }

    /**
     * Creates branch {@code name} of {@code parent} at {@code lsn}, or at the newest LSN committed at or
     * before {@code timeMicros}, or (neither given) at the parent's applied LSN. Instant: it writes one
     * small index object and copies no data.
     */
    public BranchInfo createBranch(String name, String parent, OptionalLong lsn, OptionalLong timeMicros) {
        return timelines.createBranch(name, parent, lsn, timeMicros);
    }

    public List<BranchInfo> listBranches() { return timelines.list(); }

    /**
     * Deletes branch {@code name} and its data (log on the safekeepers, layers in object storage, local
     * cache); refused (kind {@code IN_USE}) while child branches depend on it or a compute is attached
     * (read it within {@link PageServerSettings#attachLease()}), and for the root timeline.
     */
    public BranchInfo deleteBranch(String name) { return timelines.deleteBranch(name); }

    /** Applies, freezes and uploads everything the log of {@code timeline} has committed now (tests, clean shutdown). */
    public void checkpoint(String timeline) { timelines.checkpoint(timeline); }

    /** Runs one round of compaction, image creation and GC on {@code timeline} now (tests). */
    public void maintain(String timeline) { timelines.maintain(timeline); }

    @Override
    public void close() { timelines.close(); }
}

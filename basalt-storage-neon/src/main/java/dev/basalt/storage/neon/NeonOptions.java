package dev.basalt.storage.neon;

/**
 * Settings of a compute's {@link NeonKvStore}.
 *
 * @param timeline      the branch this compute reads and writes (default "main")
 * @param cacheBytes    bound of the local cache of key versions read from the page server
 * @param overlayBytes  bound of the recent own writes the page server has not applied yet; commits
 *                      wait when it is full (the page server sets the pace)
 * @param maxInFlight   commit records appended to the log and not yet durable, at most
 * @param readOnlyAtLsn 0 for a writable compute at the head of the timeline; otherwise the LSN a
 *                      read-only compute serves (commits refused)
 */
public record NeonOptions(String timeline, long cacheBytes, long overlayBytes, int maxInFlight, long readOnlyAtLsn) {

    public static final long DEFAULT_CACHE_BYTES = 256L << 20;
    public static final long DEFAULT_OVERLAY_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    public NeonOptions {
        if (timeline == null || timeline.isBlank()) throw new IllegalArgumentException("timeline must be named");
        if (cacheBytes < 0 || overlayBytes <= 0 || maxInFlight <= 0 || readOnlyAtLsn < 0) {
            throw new IllegalArgumentException("invalid neon options");
        }
    }

    public static NeonOptions defaults() {
        return new NeonOptions("main", DEFAULT_CACHE_BYTES, DEFAULT_OVERLAY_BYTES, DEFAULT_MAX_IN_FLIGHT, 0);
    }

    public NeonOptions withTimeline(String name) {
        return new NeonOptions(name, cacheBytes, overlayBytes, maxInFlight, readOnlyAtLsn);
    }

    public NeonOptions withCacheBytes(long bytes) {
        return new NeonOptions(timeline, bytes, overlayBytes, maxInFlight, readOnlyAtLsn);
    }

    public NeonOptions withOverlayBytes(long bytes) {
        return new NeonOptions(timeline, cacheBytes, bytes, maxInFlight, readOnlyAtLsn);
    }

    public NeonOptions withMaxInFlight(int n) {
        return new NeonOptions(timeline, cacheBytes, overlayBytes, n, readOnlyAtLsn);
    }

    public NeonOptions readOnlyAt(long lsn) {
        return new NeonOptions(timeline, cacheBytes, overlayBytes, maxInFlight, lsn);
    }

    public boolean readOnly() { return readOnlyAtLsn > 0; }
}

package dev.basalt.remote.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Results of remote reads: for passthrough the exact response bytes the remote sent
 * ({@code ResultCache<byte[]>}), for virtual databases the rows read (see
 * {@code dev.basalt.remote.vdb.CachedReads}). Bounded in bytes
 * (Caffeine's size-based eviction) and in age (the TTL bounds how long a write made directly on
 * the remote, which Basalt cannot see, stays invisible). Exactness for writes through Basalt
 * comes from {@link TableVersions}: an entry is served only while every table it read is at the
 * version it had before the entry's query was sent. Concurrent misses of one key send one query
 * (single flight): the others wait for its result.
 */
public final class ResultCache<V> {
    /** How long a miss waits for the same query already in flight before sending its own. */
    private static final long FOLLOW_TIMEOUT_MS = 5_000;

    private record Entry<V>(V value, List<String> tables, long[] versions) {}

    private final TableVersions versions = new TableVersions();
    private final Cache<CacheKey, Entry<V>> entries;
    /** A miss being answered: the leader's response to come, and the table versions it read at. */
    private record InFlight<V>(CompletableFuture<V> response, long[] versions) {}

    private final ConcurrentHashMap<CacheKey, InFlight<V>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder(), misses = new LongAdder(), evictions = new LongAdder(),
            invalidations = new LongAdder(), stores = new LongAdder();
    private final long maxBytes;
    private final int maxEntryBytes;

    /** A cache of passthrough responses (bytes). */
    public static ResultCache<byte[]> ofBytes(long maxBytes, Duration ttl) {
        return new ResultCache<>(maxBytes, ttl, b -> b.length);
    }

    /** @param weight approximate memory a value holds, in bytes */
    public ResultCache(long maxBytes, Duration ttl, java.util.function.ToIntFunction<V> weight) {
        this.maxBytes = maxBytes;
        this.maxEntryBytes = (int) Math.min(Integer.MAX_VALUE - 64, Math.max(4096, maxBytes / 16));
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey k, Entry<V> e) -> k.weight() + weight.applyAsInt(e.value) + 48 + 16 * e.tables.size())
                .expireAfterWrite(ttl)
                .executor(Runnable::run) // evict on the caller's thread: no background pool to size
                .removalListener((CacheKey k, Entry<V> e, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) evictions.increment();
                })
                .build();
    }

    public TableVersions versions() { return versions; }

    /** Largest response worth recording: one sixteenth of the cache. */
    public int maxEntryBytes() { return maxEntryBytes; }

    /** A current cached response, or null. A stale entry found here is dropped. */
    public V get(CacheKey key) {
        Entry<V> e = entries.getIfPresent(key);
        if (e == null) return null;
        if (!versions.unchanged(e.tables, e.versions)) {
            entries.asMap().remove(key, e);
            invalidations.increment();
            return null;
        }
        hits.increment();
        return e.value;
    }

    /**
     * A miss on {@code key}: either this caller sends the query (the returned flight is the
     * leader's and must be {@link #finish finished}), or it waits for the caller already sending
     * it and gets its response (a hit), or null if that produced nothing cacheable.
     */
    public Flight<V> begin(CacheKey key, List<String> tables) {
        long[] now = versions.snapshot(tables);
        InFlight<V> mine = new InFlight<>(new CompletableFuture<>(), now);
        InFlight<V> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            // Follow only a query that read the state this caller would: if a write was bumped in
            // between, this caller may have seen it acknowledged, and the leader's rows predate it.
            V shared = java.util.Arrays.equals(now, leader.versions) ? await(leader.response) : null;
            if (shared != null) {
                hits.increment();
                return new Flight<>(key, tables, null, null, shared);
            }
            misses.increment();
            return new Flight<>(key, tables, null, null, null); // forward alone, store nothing
        }
        misses.increment();
        return new Flight<>(key, tables, now, mine, null);
    }

    /**
     * As {@link #begin} for a caller that must not wait (an event loop): the leader's flight, or
     * null when the same query is in flight already (the caller then goes {@link #begin}'s way).
     */
    public Flight<V> lead(CacheKey key, List<String> tables) {
        long[] now = versions.snapshot(tables);
        InFlight<V> mine = new InFlight<>(new CompletableFuture<>(), now);
        if (inFlight.putIfAbsent(key, mine) != null) return null;
        misses.increment();
        return new Flight<>(key, tables, now, mine, null);
    }

    private static <V> V await(CompletableFuture<V> leader) {
        try {
            return leader.get(FOLLOW_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Ends a leader's flight: stores {@code response} (null when it was not cacheable) if no table
     * it read changed meanwhile, and hands it to the waiting followers.
     */
    public void finish(Flight<V> flight, V response) {
        if (flight.inFlight == null) return;
        V stored = null;
        if (response != null && versions.unchanged(flight.tables, flight.versions)) {
            entries.put(flight.key, new Entry<>(response, flight.tables, flight.versions));
            stores.increment();
            stored = response;
        }
        inFlight.remove(flight.key, flight.inFlight);
        flight.inFlight.response.complete(stored);
    }

    /** The counters SHOW STATUS shows, named Basalt_remote_cache_*. */
    public Map<String, String> status() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Basalt_remote_cache_hits", String.valueOf(hits.sum()));
        m.put("Basalt_remote_cache_misses", String.valueOf(misses.sum()));
        m.put("Basalt_remote_cache_stores", String.valueOf(stores.sum()));
        m.put("Basalt_remote_cache_evictions", String.valueOf(evictions.sum()));
        m.put("Basalt_remote_cache_invalidations", String.valueOf(invalidations.sum()));
        m.put("Basalt_remote_cache_entries", String.valueOf(entries.estimatedSize()));
        m.put("Basalt_remote_cache_bytes", String.valueOf(
                entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L)));
        m.put("Basalt_remote_cache_max_bytes", String.valueOf(maxBytes));
        return m;
    }

    /**
     * One miss in progress. {@link #shared()} is non-null when another caller's response can be
     * replayed; {@link #leads()} when this caller must record its response for the cache.
     */
    public static final class Flight<V> {
        private final CacheKey key;
        private final List<String> tables;
        private final long[] versions;
        private final InFlight<V> inFlight;
        private final V shared;

        private Flight(CacheKey key, List<String> tables, long[] versions, InFlight<V> inFlight, V shared) {
            this.key = key;
            this.tables = tables;
            this.versions = versions;
            this.inFlight = inFlight;
            this.shared = shared;
        }

        public V shared() { return shared; }

        public boolean leads() { return inFlight != null; }
    }
}

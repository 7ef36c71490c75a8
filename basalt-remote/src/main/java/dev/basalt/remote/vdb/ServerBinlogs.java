package dev.basalt.remote.vdb;

import dev.basalt.remote.binlog.BinlogWatcher;
import dev.basalt.remote.binlog.Invalidation;
import dev.basalt.remote.binlog.ReplicaSettings;
import dev.basalt.remote.cache.ResultCache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The binlog streams virtual databases follow ({@code cache-invalidation: binlog}): one per remote
 * server ({@code host:port}), however many virtual databases name it, since table versions are
 * per server too. Every cached read of a followed server is bypassed while its stream is not
 * fresh, whichever entry asked for the stream.
 */
final class ServerBinlogs implements AutoCloseable {
    private final Map<String, BinlogWatcher> watchers = new ConcurrentHashMap<>();
    /** The cache users of each server: one of them applies an invalidation; all relearn the schema after DDL. */
    private final Map<String, Set<CachedReads>> readers = new ConcurrentHashMap<>();

    void register(CachedReads r) { readers.computeIfAbsent(r.server(), k -> ConcurrentHashMap.newKeySet()).add(r); }

    void unregister(CachedReads r) {
        Set<CachedReads> s = readers.get(r.server());
        if (s != null) s.remove(r);
    }

    /** The stream of {@code server}, or null when it is not followed. */
    BinlogWatcher watcher(String server) { return watchers.get(server); }

    /** Follows the binlog of {@code replica}'s server (once per server). */
    void follow(ReplicaSettings replica, ResultCache<CachedReads.Rows> cache) {
        String server = CachedReads.server(replica.host(), replica.port());
        watchers.computeIfAbsent(server, s -> new BinlogWatcher(replica, target(s, cache)).start());
    }

    private Invalidation target(String server, ResultCache<CachedReads.Rows> cache) {
        return new Invalidation() {
            @Override public void tables(Set<String> keys) {
                Set<CachedReads> users = readers.getOrDefault(server, Set.of());
                var any = users.stream().findAny();
                if (any.isPresent()) any.get().invalidate(false, keys); // keys of any database of the server
                else cache.versions().bumpAll();
            }

            @Override public void all() { cache.versions().bumpAll(); }

            @Override public void schemaChanged() {
                for (CachedReads r : readers.getOrDefault(server, Set.of())) r.schemaChanged();
            }
        };
    }

    boolean any() { return !watchers.isEmpty(); }

    /**
     * SHOW STATUS counters of all streams as one set: {@code Basalt_remote_cache_binlog_connected}
     * is 1 only while every stream is fresh, lag is the largest, the rest are sums.
     */
    Map<String, String> status() {
        String prefix = "Basalt_remote_cache_binlog_";
        Map<String, Long> sum = new LinkedHashMap<>();
        for (BinlogWatcher w : watchers.values()) {
            w.status(prefix).forEach((k, v) -> {
                long n = Long.parseLong(v);
                sum.merge(k, n, switch (k.substring(prefix.length())) {
                    case "connected" -> Math::min;
                    case "lag" -> Math::max;
                    default -> Long::sum;
                });
            });
        }
        Map<String, String> out = new LinkedHashMap<>();
        sum.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    @Override
    public void close() {
        for (BinlogWatcher w : watchers.values()) w.close();
        watchers.clear();
    }
}

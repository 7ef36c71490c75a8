package dev.basalt.remote.cache;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A version counter per table plus one for everything. A cached result remembers the versions of
 * the tables it read as they were before its query was sent; it is served only while they are
 * unchanged. A write bumps its tables before it is sent and again once it has committed, so a
 * result read while the write was in flight can never be stored as current.
 */
public final class TableVersions {
    private final ConcurrentHashMap<String, AtomicLong> tables = new ConcurrentHashMap<>();
    private final AtomicLong global = new AtomicLong();

    /** The versions of {@code keys} (global first) as of now. */
    long[] snapshot(Collection<String> keys) {
        long[] v = new long[keys.size() + 1];
        v[0] = global.get();
        int i = 1;
        for (String k : keys) v[i++] = counter(k).get();
        return v;
    }

    /** True while none of {@code keys} changed since {@code snapshot} was taken. */
    boolean unchanged(Collection<String> keys, long[] snapshot) {
        if (global.get() != snapshot[0]) return false;
        int i = 1;
        for (String k : keys) {
            if (counter(k).get() != snapshot[i++]) return false;
        }
        return true;
    }

    public void bump(Collection<String> keys) {
        for (String k : keys) counter(k).incrementAndGet();
    }

    public void bumpAll() { global.incrementAndGet(); }

    private AtomicLong counter(String key) {
        AtomicLong c = tables.get(key);
        return c != null ? c : tables.computeIfAbsent(key, k -> new AtomicLong());
    }
}

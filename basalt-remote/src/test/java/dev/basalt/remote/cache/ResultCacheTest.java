package dev.basalt.remote.cache;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultCacheTest {
    private static final List<String> T = List.of("shop.t");

    private static CacheKey key(String sql) {
        return new CacheKey(sql.getBytes(StandardCharsets.UTF_8), null, "shop", 0, 0);
    }

    @Test
    void storesAndServesUntilATableItReadChanges() {
        ResultCache<byte[]> cache = ResultCache.ofBytes(1 << 20, Duration.ofMinutes(1));
        ResultCache.Flight<byte[]> f = cache.begin(key("q"), T);
        assertTrue(f.leads());
        cache.finish(f, new byte[]{1, 2, 3});
        assertArrayEquals(new byte[]{1, 2, 3}, cache.get(key("q")));
        cache.versions().bump(List.of("shop.other"));
        assertArrayEquals(new byte[]{1, 2, 3}, cache.get(key("q")), "another table's write changes nothing");
        cache.versions().bump(T);
        assertNull(cache.get(key("q")));
        assertEquals("1", cache.status().get("Basalt_remote_cache_invalidations"));
    }

    @Test
    void aWriteDuringTheReadKeepsItsResultOut() {
        ResultCache<byte[]> cache = ResultCache.ofBytes(1 << 20, Duration.ofMinutes(1));
        ResultCache.Flight<byte[]> f = cache.begin(key("q"), T);
        cache.versions().bump(T); // the write began (or ended) while the read was in flight
        cache.finish(f, new byte[]{9});
        assertNull(cache.get(key("q")));
        cache.versions().bumpAll();
        ResultCache.Flight<byte[]> g = cache.begin(key("q"), T);
        cache.finish(g, new byte[]{7});
        assertArrayEquals(new byte[]{7}, cache.get(key("q")));
        cache.versions().bumpAll();
        assertNull(cache.get(key("q")), "a global bump invalidates everything");
    }

    /** The event loop's miss: leads when no one else fetches the key, else returns at once (no waiting on a loop thread). */
    @Test
    void leadNeverWaitsForAQueryInFlight() {
        ResultCache<byte[]> cache = ResultCache.ofBytes(1 << 20, Duration.ofMinutes(1));
        ResultCache.Flight<byte[]> first = cache.lead(key("q"), T);
        assertTrue(first.leads());
        assertNull(cache.lead(key("q"), T), "the same query in flight: the caller goes the waiting way");
        cache.versions().bump(T); // a write while it was in flight keeps its result out, as for begin()
        cache.finish(first, new byte[]{5});
        assertNull(cache.get(key("q")));
        ResultCache.Flight<byte[]> second = cache.lead(key("q"), T);
        assertTrue(second.leads(), "the finished flight no longer blocks the key");
        cache.finish(second, new byte[]{6});
        assertArrayEquals(new byte[]{6}, cache.get(key("q")));
        assertEquals("2", cache.status().get("Basalt_remote_cache_misses"));
    }

    @Test
    void concurrentMissesShareOneQuery() throws Exception {
        ResultCache<byte[]> cache = ResultCache.ofBytes(1 << 20, Duration.ofMinutes(1));
        ResultCache.Flight<byte[]> leader = cache.begin(key("q"), T);
        int followers = 6;
        CountDownLatch started = new CountDownLatch(followers);
        AtomicInteger led = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(followers);
        try {
            List<Future<byte[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < followers; i++) {
                results.add(pool.submit(() -> {
                    started.countDown();
                    ResultCache.Flight<byte[]> f = cache.begin(key("q"), T);
                    if (f.leads()) led.incrementAndGet();
                    return f.shared();
                }));
            }
            assertTrue(started.await(5, TimeUnit.SECONDS));
            Thread.sleep(100);
            cache.finish(leader, new byte[]{5});
            for (Future<byte[]> r : results) assertArrayEquals(new byte[]{5}, r.get(5, TimeUnit.SECONDS));
            assertEquals(0, led.get(), "nobody else sent the query");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sizeIsBounded() {
        ResultCache<byte[]> cache = ResultCache.ofBytes(64 * 1024, Duration.ofMinutes(1));
        for (int i = 0; i < 500; i++) {
            ResultCache.Flight<byte[]> f = cache.begin(key("q" + i), T);
            cache.finish(f, new byte[1000]);
        }
        long bytes = Long.parseLong(cache.status().get("Basalt_remote_cache_bytes"));
        assertTrue(bytes <= 64 * 1024, "bytes " + bytes);
        assertTrue(Long.parseLong(cache.status().get("Basalt_remote_cache_evictions")) > 0);
    }
}

package dev.basalt.remote.binlog;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watcher without a remote that streams: never fresh, retries with backoff, invalidates on every failure. */
class BinlogWatcherTest {

    @Test
    void anUnreachableRemoteIsNeverFreshAndIsRetried() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        AtomicInteger all = new AtomicInteger();
        Invalidation target = new Invalidation() {
            @Override public void tables(Set<String> keys) {}

            @Override public void all() { all.incrementAndGet(); }

            @Override public void schemaChanged() {}
        };
        try (BinlogWatcher w = new BinlogWatcher(ReplicaSettings.of("127.0.0.1", port, "repl", "secret", 0), target).start()) {
            assertFalse(w.fresh());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Long.parseLong(w.status("b_").get("b_reconnects")) < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            Map<String, String> status = w.status("b_");
            assertTrue(Long.parseLong(status.get("b_reconnects")) >= 2, status.toString());
            assertEquals("0", status.get("b_connected"));
            assertEquals(Set.of("b_connected", "b_events", "b_invalidations", "b_lag", "b_bypasses", "b_reconnects", "b_gaps"),
                    status.keySet());
            assertTrue(all.get() >= 2, "every failed attempt invalidates everything");
            assertFalse(w.fresh());
        }
    }

    @Test
    void randomServerIdsStayInTheirRange() {
        for (int i = 0; i < 1000; i++) {
            long id = ReplicaSettings.randomServerId();
            assertTrue(id >= 1L << 30 && id < 1L << 31, String.valueOf(id));
        }
        assertFalse(ReplicaSettings.of("h", 1, "u", "secret", 0).toString().contains("secret"));
    }
}

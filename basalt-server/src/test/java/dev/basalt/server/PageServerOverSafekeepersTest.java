package dev.basalt.server;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.Mutation;
import dev.basalt.pageserver.PageServer;
import dev.basalt.pageserver.PageServerSettings;
import dev.basalt.pageserver.store.MemoryObjectStore;
import dev.basalt.safekeeper.Safekeeper;
import dev.basalt.safekeeper.SafekeeperWalLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The page server ingesting from three real safekeepers (in this JVM) through the wiring of
 * {@code basalt pageserver} ({@link PageServerLogs}): reads at LSNs, and a branch whose own log is a
 * separate safekeeper timeline.
 */
class PageServerOverSafekeepersTest {

    /**
     * Generous: nothing here should take long, but at load average 60 a take-over outlasted 30 s while the three
     * nodes (one JVM, starved for seconds at a time: Ratis' pause monitor saw 0.3-3 s) elected leader after leader.
     */
    private static final Duration T = Duration.ofSeconds(120);
    /**
     * No node is stopped here, so elections only waste time: timeouts above the stalls a loaded machine puts
     * this JVM through keep the first leader (the default 1-2 s lost it to 2-3 s stalls).
     */
    private static final Safekeeper.Options STEADY_LEADER = Safekeeper.Options.defaults()
            .withElectionTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    @TempDir
    Path dir;

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static byte[] commit(long time, String key, String value) {
        return new CommitRecord(time, List.of(new Mutation(b(key), value == null ? null : b(value)))).encode();
    }

    @Test
    void readsAndBranchesOverTheWalService() throws Exception {
        List<String> peers = freeAddresses(3);
        List<Safekeeper> nodes = new ArrayList<>();
        try {
            for (int id = 1; id <= 3; id++) nodes.add(Safekeeper.start(id, peers, dir.resolve("sk" + id), STEADY_LEADER));
            awaitLeader(nodes);
            PageServerSettings settings = PageServerSettings.defaults().withCheckpointBytes(4096).withReadWait(T);
            try (SafekeeperWalLog main = SafekeeperWalLog.openWriter(peers, "main", "compute-test", T);
                 PageServer ps = new PageServer(settings, new MemoryObjectStore(), dir.resolve("ps"), PageServerLogs.connect(peers)).start()) {
                long last = 0;
                for (int i = 1; i <= 60; i++) last = main.append(commit(i, "k" + (i % 10), "v" + i));
                long deleted = main.append(commit(61, "k3", null));
                assertEquals(60, last);
                assertArrayEquals(b("v55"), ps.get("main", b("k5"), 60)); // waits for ingest from the safekeepers
                assertArrayEquals(b("v25"), ps.get("main", b("k5"), 30));
                assertArrayEquals(b("v53"), ps.get("main", b("k3"), 60));
                assertNull(ps.get("main", b("k3"), deleted));
                ps.checkpoint("main");

                ps.createBranch("dev", "main", OptionalLong.of(30), OptionalLong.empty());
                try (SafekeeperWalLog dev = SafekeeperWalLog.openWriter(peers, "dev", "compute-dev", T)) {
                    assertEquals(1, dev.append(commit(100, "k5", "dev5")));
                }
                assertArrayEquals(b("dev5"), ps.get("dev", b("k5"), 1));
                assertArrayEquals(b("v24"), ps.get("dev", b("k4"), 1));
                assertArrayEquals(b("v55"), ps.get("main", b("k5"), deleted));
            }
        } finally {
            for (Safekeeper n : nodes) n.close();
        }
    }

    /** Until one node leads (an observable state), so the writer's take-over does not start in the middle of the first election. */
    private static void awaitLeader(List<Safekeeper> nodes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (true) {
            for (Safekeeper n : nodes) if (n.isLeader()) return;
            if (System.nanoTime() > deadline) throw new AssertionError("no safekeeper became leader within " + T);
            Thread.sleep(50);
        }
    }

    private static List<String> freeAddresses(int n) throws IOException {
        List<String> out = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                held.add(s);
                out.add("127.0.0.1:" + s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : held) s.close();
        }
        return out;
    }
}

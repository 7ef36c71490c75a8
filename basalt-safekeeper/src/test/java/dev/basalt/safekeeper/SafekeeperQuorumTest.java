package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assertions.*;

import dev.basalt.disagg.WalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is acknowledged or answered without a quorum of the cluster's own nodes: not by a leader
 * cut off from both followers (while it still believes it leads), not by another cluster's nodes
 * found on the addresses of stopped ones.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SafekeeperQuorumTest {

    @TempDir Path dir;

    static final Duration T = SafekeeperWalLogTest.T;

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void aLeaderCutOffFromBothFollowersAcknowledgesNothingAndAnswersNoRead() throws Exception {
        // election timeouts of 4-5 s: the cut-off leader goes on believing it leads for seconds, and
        // whatever it answers meanwhile it answers as leader (no test timing hides a stale answer)
        Safekeeper.Options slowToNotice = new Safekeeper.Options(100_000, Duration.ofSeconds(4), Duration.ofSeconds(5),
                Safekeeper.Options.DEFAULT_WAL_RETAIN_LSNS);
        try (LocalCluster cluster = new LocalCluster(dir, 3, slowToNotice);
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T);
             SafekeeperWalLog shortReader = SafekeeperWalLog.openReader(cluster.peers, "main", Duration.ofSeconds(2))) {
            for (int i = 1; i <= 5; i++) assertEquals(i, writer.append(b("a" + i)));
            int leader = cluster.awaitLeader(T);
            List<Integer> followers = new ArrayList<>(List.of(1, 2, 3));
            followers.remove(Integer.valueOf(leader));
            followers.forEach(cluster::stop);

            // an append reaches the leader's log only: it must not be acknowledged
            CompletableFuture<Long> unacked = writer.appendAsync(b("unacked?"));
            assertThrows(TimeoutException.class, () -> unacked.get(3, TimeUnit.SECONDS), "acknowledged by the leader alone");
            // nor may the leader answer reads it can no longer vouch for
            WalException e = assertThrows(WalException.class, shortReader::committedLsn, "the cut-off leader answered a query");
            assertFalse(e.fenced());
            assertThrows(WalException.class, () -> shortReader.read(1, 10, Duration.ZERO));

            // one follower back: a quorum again; then the other is back and the old leader goes: the two others hold
            // every acked record
            cluster.start(followers.getFirst());
            SafekeeperWalLogTest.patiently(() -> writer.append(b("after")));
            cluster.start(followers.getLast());
            cluster.stop(leader);
            try (SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", T)) {
                List<String> all = SafekeeperWalLogTest.patiently(() -> SafekeeperWalLogTest.readAll(reader));
                assertEquals(List.of("a1", "a2", "a3", "a4", "a5"), all.subList(0, 5));
                assertTrue(all.contains("after"), all.toString());
            }
        }
    }

    @Test
    void anotherClustersNodesOnTheAddressesOfStoppedOnesAcknowledgeNothing() throws Exception {
        try (LocalCluster ours = new LocalCluster(dir.resolve("ours"));
             // the take-over may wait for a fresh cluster's leader; appends get 3 s
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(ours.peers, "main", "compute-ours", Duration.ofSeconds(3), T)) {
            for (int id = 1; id <= 3; id++) ours.stop(id);
            // another cluster takes the ports our nodes 1 and 2 had (a freed port reused, an address moved to another host)
            List<String> theirPeers = List.of(ours.peers.get(0), ours.peers.get(1), LocalCluster.freeAddresses(1).getFirst());
            try (LocalCluster theirs = new LocalCluster(dir.resolve("theirs"), theirPeers, Safekeeper.Options.defaults());
                 SafekeeperWalLog theirWriter = SafekeeperWalLog.openWriter(theirs.peers, "main", "compute-theirs", T)) {
                assertEquals(1, theirWriter.append(b("theirs-1")));
                assertEquals(theirWriter.epoch(), writer.epoch(), "both writers hold epoch 1: epochs alone cannot tell the clusters apart");

                WalException e = assertThrows(WalException.class, () -> writer.append(b("ours-1")),
                        "acknowledged with none of its own safekeepers running");
                assertFalse(e.fenced());
                assertEquals(List.of("theirs-1"), SafekeeperWalLogTest.readAll(theirWriter));
            }
        }
    }

    @Test
    void aNodeRefusesADataDirectoryWrittenWithAnotherPeerList() throws Exception {
        List<String> peers;
        try (LocalCluster cluster = new LocalCluster(dir)) {
            peers = cluster.peers;
        }
        List<String> other = new ArrayList<>(peers);
        other.set(2, LocalCluster.freeAddresses(1).getFirst());
        IOException e = assertThrows(IOException.class, () -> Safekeeper.start(1, other, dir.resolve("sk1")));
        assertTrue(e.getMessage().contains("another safekeeper cluster"), e.getMessage());
        // with its own list it starts
        Safekeeper.start(1, peers, dir.resolve("sk1")).close();
    }
}

package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assertions.*;

import dev.basalt.disagg.WalEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces without a cluster: command and reply bytes, the snapshot file, the client's batching, peer lists. */
class SafekeeperFormatsTest {

    @TempDir Path dir;

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void commandsAndRepliesRoundTrip() {
        WalCommand.Append append = (WalCommand.Append) WalCommand.decode(
                new WalCommand.Append("main", 7, List.of(b("x"), new byte[0], b("yz"))).encode());
        assertEquals(7, append.epoch());
        assertEquals(0, append.expectedFirstLsn());
        WalCommand.Append at = (WalCommand.Append) WalCommand.decode(new WalCommand.Append("main", 7, 42, List.of(b("x"))).encode());
        assertEquals(42, at.expectedFirstLsn());
        assertEquals(WalCommand.APPEND_AT, new WalCommand.Append("main", 7, 42, List.of(b("x"))).encode()[0]);
        assertEquals(List.of("x", "", "yz"), append.payloads().stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList());
        assertEquals(new WalCommand.Read("br", 5, 10, 100, 250), WalCommand.decode(new WalCommand.Read("br", 5, 10, 100, 250).encode()));
        assertEquals(new WalCommand.TakeOver("t", "w"), WalCommand.decode(new WalCommand.TakeOver("t", "w").encode()));
        assertEquals(new WalCommand.Refence("t", "w#1f", 9), WalCommand.decode(new WalCommand.Refence("t", "w#1f", 9).encode()));
        assertThrows(IllegalArgumentException.class, () -> WalCommand.decode(new byte[] {99, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> WalCommand.decode(new byte[] {2, 0, 1, 'm'}));

        WalReply.Entries entries = (WalReply.Entries) WalReply.decode(
                new WalReply.Entries(9, List.of(new WalEntry(3, b("a")), new WalEntry(4, b("b")))).encode());
        assertEquals(9, entries.lastLsn());
        assertEquals(4, entries.entries().get(1).lsn());
        assertEquals(new WalReply.Fenced(3, "c2"), WalReply.decode(new WalReply.Fenced(3, "c2").encode()));
    }

    @Test
    void snapshotFileRoundTripsAndRefusesOtherFiles() throws IOException {
        Map<String, TimelineLog.Image> images = new LinkedHashMap<>();
        images.put("main", new TimelineLog.Image(4, "compute-1", List.of(b("r1"), b("r2"))));
        images.put("empty", new TimelineLog.Image(0, "", List.of()));
        Path file = dir.resolve("snap");
        SnapshotFile.write(file, images);
        Map<String, TimelineLog.Image> back = SnapshotFile.read(file);
        assertEquals(List.of("main", "empty"), List.copyOf(back.keySet()));
        assertEquals(4, back.get("main").epoch());
        assertEquals("r2", new String(back.get("main").records().get(1), StandardCharsets.UTF_8));
        Files.write(file, b("not a snapshot"));
        assertThrows(IOException.class, () -> SnapshotFile.read(file));
    }

    @Test
    void releaseKeepsLsnsAndSurvivesSnapshotsOfBothVersions() throws IOException {
        assertEquals(new WalCommand.Release("main", 77), WalCommand.decode(new WalCommand.Release("main", 77).encode()));
        assertEquals(new WalCommand.Drop("dev"), WalCommand.decode(new WalCommand.Drop("dev").encode()));
        assertEquals(new WalReply.Released(12), WalReply.decode(new WalReply.Released(12).encode()));

        TimelineLog t = new TimelineLog();
        t.append(List.of(b("r1"), b("r2"), b("r3"), b("r4")));
        assertEquals(3, t.releaseUpTo(2));
        assertEquals(3, t.releaseUpTo(1), "never moves back");
        assertEquals(4, t.lastLsn());
        assertEquals(5, t.append(List.of(b("r5"))), "LSNs go on after a release");
        assertEquals(List.of(3L, 4L, 5L), t.read(1, 10, 1000).stream().map(WalEntry::lsn).toList(), "reads start at the oldest held");
        assertEquals(6, t.releaseUpTo(99), "not past the last record");
        assertEquals(6, t.append(List.of(b("r6"))));

        Path file = dir.resolve("snap2");
        SnapshotFile.write(file, Map.of("main", t.image()));
        TimelineLog back = new TimelineLog();
        back.restore(SnapshotFile.read(file).get("main"));
        assertEquals(6, back.lastLsn());
        assertEquals("r6", new String(back.read(6, 1, 100).getFirst().payload(), StandardCharsets.UTF_8));

        // a version 1 file (before releases existed) reads as nothing released
        java.io.ByteArrayOutputStream v1 = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(v1);
        out.write(b("BSKSNAP"));
        out.writeByte(1);
        out.writeInt(1);
        out.writeUTF("main");
        out.writeLong(2);
        out.writeUTF("w");
        out.writeLong(1);
        out.writeInt(2);
        out.write(b("r1"));
        Files.write(file, v1.toByteArray());
        TimelineLog.Image old = SnapshotFile.read(file).get("main");
        assertEquals(0, old.released());
        assertEquals(1, old.records().size());
    }

    /**
     * The duplicate appends behind the torn transactions and the fatal "log gave LSN N+1" of
     * ClusterKillTest: a request delivered twice lands once, and a record never lands at another LSN
     * than its writer built it for.
     */
    @Test
    void conditionalAppendsLandOnlyAtTheExpectedLsn() {
        TimelineLog t = new TimelineLog();
        assertEquals(new WalReply.Appended(1), t.appendAt(1, List.of(b("a"), b("b"))));
        // the same request again (a Ratis retry the new leader's retry cache did not know): answered, not appended
        assertEquals(new WalReply.Appended(1), t.appendAt(1, List.of(b("a"), b("b"))));
        assertEquals(2, t.lastLsn());
        // a record built after one that never landed: refused, not moved to the free LSN
        assertInstanceOf(WalReply.Refused.class, t.appendAt(4, List.of(b("d"))));
        // another record claiming a taken LSN: refused
        assertInstanceOf(WalReply.Refused.class, t.appendAt(2, List.of(b("other"))));
        assertEquals(2, t.lastLsn());
        assertEquals(new WalReply.Appended(3), t.appendAt(3, List.of(b("c"))));
        assertEquals(List.of("a", "b", "c"), t.read(1, 10, 1 << 20).stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void theBatcherBatchesOnlyRecordsWhoseExpectedLsnsFollow() throws Exception {
        List<long[]> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<AppendBatcher.Outcome> hold = new CompletableFuture<>();
        AppendBatcher batcher = new AppendBatcher(1, 1 << 20, (expected, payloads) -> {
            sent.add(new long[] {expected, payloads.size()});
            return sent.size() == 1 ? hold : CompletableFuture.completedFuture(new AppendBatcher.Appended(expected));
        });
        batcher.submit(b("a"), 5);
        batcher.submit(b("b"), 6); // queued behind the first batch
        batcher.submit(b("c"), 7);
        CompletableFuture<AppendBatcher.Outcome> gap = batcher.submit(b("e"), 9); // after a gap: its own batch
        hold.complete(new AppendBatcher.Appended(5));
        assertEquals(new AppendBatcher.Appended(9), gap.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("5x1", "6x2", "9x1"), sent.stream().map(x -> x[0] + "x" + x[1]).toList());
    }

    @Test
    void timelineReadsStopAtTheByteBudgetButReturnAtLeastOne() {
        TimelineLog t = new TimelineLog();
        assertEquals(1, t.append(List.of(new byte[100], new byte[100], new byte[100])));
        assertEquals(2, t.read(1, 10, 250).size());
        assertEquals(1, t.read(1, 10, 10).size());
        assertEquals(List.of(), t.read(4, 10, 1000));
        CompletableFuture<Void> waiting = t.awaitLsn(4);
        assertFalse(waiting.isDone());
        t.append(List.of(b("x")));
        assertTrue(waiting.isDone());
    }

    @Test
    void theBatcherGroupsConcurrentAppendsAndKeepsTheirOrder() throws Exception {
        List<List<byte[]>> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> replies = new ArrayList<>(); // completed by the test: "the quorum answered"
        long[] next = {1};
        AppendBatcher batcher = new AppendBatcher(1, 1 << 20, batch -> {
            sent.add(batch);
            long first = next[0];
            next[0] += batch.size();
            CompletableFuture<Void> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply.thenApply(v -> new AppendBatcher.Appended(first));
        });
        CompletableFuture<AppendBatcher.Outcome> a = batcher.submit(b("a")); // leaves at once: nothing in flight
        CompletableFuture<AppendBatcher.Outcome> b = batcher.submit(b("b")); // these two wait for a, then go together
        CompletableFuture<AppendBatcher.Outcome> c = batcher.submit(b("c"));
        assertEquals(1, sent.size());
        replies.get(0).complete(null);
        assertEquals(new AppendBatcher.Appended(1), a.get(5, TimeUnit.SECONDS));
        waitUntil(() -> sent.size() == 2);
        assertEquals(2, sent.get(1).size());
        replies.get(1).complete(null);
        assertEquals(new AppendBatcher.Appended(2), b.get(5, TimeUnit.SECONDS));
        assertEquals(new AppendBatcher.Appended(3), c.get(5, TimeUnit.SECONDS));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "condition not met in time");
            Thread.sleep(5);
        }
    }

    @Test
    void peerListsAreParsedStrictly() {
        assertEquals(List.of("127.0.0.1:1", "h:2", "[::1]:3"), SafekeeperWalLog.parsePeers("127.0.0.1:1, h:2,[::1]:3"));
        assertThrows(IllegalArgumentException.class, () -> SafekeeperWalLog.parsePeers("h1,h2"));
        assertThrows(IllegalArgumentException.class, () -> SafekeeperWalLog.parsePeers("h:0"));
        assertThrows(IllegalArgumentException.class, () -> SafekeeperCluster.parse("h:1").address(2));
    }
}

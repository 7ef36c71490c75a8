package dev.basalt.pageserver;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.Mutation;
import dev.basalt.disagg.WalException;
import dev.basalt.pageserver.grpc.PageGrpcServer;
import dev.basalt.pageserver.store.MemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gRPC client against a real server on loopback: reads, chunked scans, waiting for an LSN, errors, branches. */
class GrpcRoundTripTest {

    static final int KEYS = 100;

    @Test
    void readsOverGrpcEqualTheReference() {
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        try (PageServer ps = new PageServer(VersionedReadsTest.small(), new MemoryObjectStore(), null, logs).start();
             PageGrpcServer server = new PageGrpcServer(ps, "127.0.0.1", 0).start();
             GrpcPageReader client = new GrpcPageReader("127.0.0.1:" + server.port());
             InMemoryPageReader ref = new InMemoryPageReader(main)) {
            Workload w = new Workload(11, KEYS);
            w.append(main, 150);
            ps.checkpoint("main");
            w.append(main, 50);
            long last = main.committedLsn();
            for (long lsn = 0; lsn <= last; lsn += 37) Compare.sameAt(ref, "main", client, "main", lsn, KEYS);
            Compare.sameAt(ref, "main", client, "main", last, KEYS);
            assertEquals(last, client.appliedLsn("main"));

            // a scan bigger than one chunk, both directions
            List<Mutation> bulk = new ArrayList<>();
            for (int i = 0; i < 3000; i++) bulk.add(new Mutation(("bulk%06d".formatted(i)).getBytes(), new byte[100]));
            long lsn = main.append(new CommitRecord(1, bulk).encode());
            Compare.sameRows(ref.scan("main", "bulk".getBytes(), "bulk~".getBytes(), lsn, false),
                    client.scan("main", "bulk".getBytes(), "bulk~".getBytes(), lsn, false), "bulk scan");
            Compare.sameRows(ref.scan("main", "bulk".getBytes(), null, lsn, true),
                    client.scan("main", "bulk".getBytes(), null, lsn, true), "bulk reverse scan");
            // an abandoned scan does not disturb later calls
            Iterator<KeyValue> abandoned = client.scan("main", null, null, lsn, false);
            assertTrue(abandoned.hasNext());
            abandoned.next();
            assertEquals(3000, Compare.rows(client.scan("main", "bulk".getBytes(), "bulk~".getBytes(), lsn, false)).size());
        }
    }

    @Test
    void aReadAtAFutureLsnWaitsForIngestThenTimesOutClearly() throws Exception {
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        PageServerSettings s = VersionedReadsTest.small().withReadWait(Duration.ofMillis(1500));
        try (PageServer ps = new PageServer(s, new MemoryObjectStore(), null, logs).start();
             PageGrpcServer server = new PageGrpcServer(ps, "127.0.0.1", 0).start();
             GrpcPageReader client = new GrpcPageReader("127.0.0.1:" + server.port())) {
            BranchTest.put(main, 1, "a", "1");
            assertArrayEquals("1".getBytes(), client.get("main", "a".getBytes(), 1));
            CompletableFuture<byte[]> waiting = CompletableFuture.supplyAsync(() -> client.get("main", "a".getBytes(), 2));
            Thread.sleep(200);
            assertFalse(waiting.isDone(), "LSN 2 is not in the log yet");
            BranchTest.put(main, 2, "a", "2");
            assertArrayEquals("2".getBytes(), waiting.get(10, TimeUnit.SECONDS));

            WalException e = assertThrows(WalException.class, () -> client.get("main", "a".getBytes(), 99));
            assertFalse(e.fenced());
            assertTrue(e.getMessage().contains("99"), e.getMessage());
            assertEquals(PageServerException.Kind.NOT_FOUND,
                    assertThrows(PageServerException.class, () -> client.get("nope", "a".getBytes(), 1)).kind());
        }
    }

    @Test
    void branchesAndTheGcHorizonOverGrpc() {
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        PageServerSettings s = VersionedReadsTest.small().withImageIntervalLsns(20).withGcRetentionLsns(10);
        try (PageServer ps = new PageServer(s, new MemoryObjectStore(), null, logs).start();
             PageGrpcServer server = new PageGrpcServer(ps, "127.0.0.1", 0).start();
             GrpcPageReader client = new GrpcPageReader("127.0.0.1:" + server.port())) {
            for (int i = 1; i <= 100; i++) BranchTest.put(main, i * 10L, "k" + (i % 7), "v" + i);
            ps.checkpoint("main");
            ps.maintain("main");
            assertEquals(PageServerException.Kind.BELOW_GC_HORIZON,
                    assertThrows(PageServerException.class, () -> client.get("main", "k1".getBytes(), 5)).kind());

            BranchInfo b = client.createBranch("b1", "main", OptionalLong.empty(), OptionalLong.of(955));
            assertEquals(95, b.branchLsn());
            assertArrayEquals("v95".getBytes(), client.get("b1", "k4".getBytes(), 0));
            assertEquals(List.of("b1", "main"), client.listBranches().stream().map(BranchInfo::name).toList());
            assertEquals(PageServerException.Kind.ALREADY_EXISTS, assertThrows(PageServerException.class,
                    () -> client.createBranch("b1", "main", OptionalLong.empty(), OptionalLong.empty())).kind());
            assertEquals(PageServerException.Kind.BELOW_GC_HORIZON, assertThrows(PageServerException.class,
                    () -> client.createBranch("b2", "main", OptionalLong.of(3), OptionalLong.empty())).kind());
        }
    }
}

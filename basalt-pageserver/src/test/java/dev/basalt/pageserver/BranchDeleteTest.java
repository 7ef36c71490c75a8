package dev.basalt.pageserver;

import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.pageserver.grpc.PageGrpcServer;
import dev.basalt.pageserver.store.S3ObjectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static dev.basalt.pageserver.BranchTest.b;
import static dev.basalt.pageserver.BranchTest.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deleting a branch over gRPC, with its layers in object storage (s3proxy): refused for the root, while
 * child branches depend on it and while a compute is attached (read it within the lease); then its log,
 * its objects and its local cache are gone, and a branch created again under the name starts empty.
 */
class BranchDeleteTest {

    static final OptionalLong NONE = OptionalLong.empty();
    static final Duration LEASE = Duration.ofMillis(300);

    @TempDir
    static Path s3Dir;
    @TempDir
    Path tmp;

    private static S3ProxyFixture s3;

    @BeforeAll
    static void startS3() throws Exception { s3 = new S3ProxyFixture(s3Dir); }

    @AfterAll
    static void stopS3() throws Exception { s3.close(); }

    private static PageServerException.Kind refusal(Runnable call) {
        return assertThrows(PageServerException.class, call::run).kind();
    }

    @Test
    void aBranchIsDeletedWithItsDataOnlyWhenNothingUsesIt() throws Exception {
        Logs logs = new Logs();
        InMemoryWalLog main = logs.of("main");
        Path dataDir = tmp.resolve("data");
        PageServerSettings settings = VersionedReadsTest.small().withAttachLease(LEASE);
        try (S3ObjectStore store = s3.store("branch-delete")) {
            try (PageServer ps = new PageServer(settings, store, dataDir, logs).start();
                 PageGrpcServer server = new PageGrpcServer(ps, "127.0.0.1", 0).start();
                 GrpcPageReader client = new GrpcPageReader("127.0.0.1:" + server.port())) {
                put(main, 100, "a", "a1");
                long point = put(main, 200, "b", "b1");
                put(main, 300, "a", "a2");
                ps.get("main", b("a"), main.committedLsn());
                client.createBranch("dev", "main", OptionalLong.of(point), NONE);
                InMemoryWalLog dev = logs.of("dev");
                for (int i = 0; i < 50; i++) put(dev, 400 + i, "d" + i, "x".repeat(100));
                ps.checkpoint("dev"); // dev's layers and index are in the bucket now
                assertTrue(store.list("timelines/dev/layers/").size() > 0, "dev has layer objects");
                assertTrue(Files.isDirectory(dataDir.resolve("timelines/dev")), "dev has a local cache");
                client.createBranch("dev2", "dev", OptionalLong.empty(), NONE);

                assertEquals(PageServerException.Kind.INVALID, refusal(() -> client.deleteBranch("main")));
                assertEquals(PageServerException.Kind.NOT_FOUND, refusal(() -> client.deleteBranch("nope")));
                PageServerException children = assertThrows(PageServerException.class, () -> client.deleteBranch("dev"));
                assertEquals(PageServerException.Kind.IN_USE, children.kind());
                assertTrue(children.getMessage().contains("dev2"), children.getMessage());

                // a compute reading dev2 (its applied-LSN poll) holds it until the lease runs out
                client.appliedLsn("dev2");
                PageServerException attached = assertThrows(PageServerException.class, () -> client.deleteBranch("dev2"));
                assertEquals(PageServerException.Kind.IN_USE, attached.kind());
                assertTrue(attached.getMessage().contains("attached"), attached.getMessage());
                Thread.sleep(LEASE.toMillis() + 100);
                assertEquals("dev", client.deleteBranch("dev2").parent());

                Thread.sleep(LEASE.toMillis() + 100); // dev was read above (its checkpoint is no read, the get below is)
                BranchInfo gone = client.deleteBranch("dev");
                assertEquals(point, gone.branchLsn());
                assertEquals(List.of("main"), client.listBranches().stream().map(BranchInfo::name).toList());
                assertEquals(List.of(), store.list("timelines/dev/"), "no object of dev is left");
                assertEquals(List.of(), store.list("timelines/dev2/"), "no object of dev2 is left");
                assertTrue(!Files.exists(dataDir.resolve("timelines/dev")), "dev's local cache is gone");
                assertEquals(0, dev.committedLsn(), "dev's log was dropped");
                assertEquals(PageServerException.Kind.NOT_FOUND, refusal(() -> client.get("dev", b("a"), 0)));
                // the parent lost nothing
                assertArrayEquals(b("a2"), client.get("main", b("a"), main.committedLsn()));

                // the name again: a new branch from main, without anything of the deleted one
                client.createBranch("dev", "main", OptionalLong.of(point), NONE);
                assertArrayEquals(b("a1"), client.get("dev", b("a"), 0));
                assertNull(client.get("dev", b("d0"), 0));
                put(dev, 900, "n", "new");
                assertArrayEquals(b("new"), client.get("dev", b("n"), 1));
            }
            // a restart loads what object storage holds: main and the new dev only
            try (PageServer ps = new PageServer(settings, store, tmp.resolve("data2"), logs).start()) {
                assertEquals(List.of("dev", "main"), ps.listBranches().stream().map(BranchInfo::name).toList());
                assertNull(ps.get("dev", b("d0"), 1));
                // just loaded: a compute may be attached that has not asked yet, so not deletable at once
                assertEquals(PageServerException.Kind.IN_USE, refusal(() -> ps.deleteBranch("dev")));
            }
        }
    }
}

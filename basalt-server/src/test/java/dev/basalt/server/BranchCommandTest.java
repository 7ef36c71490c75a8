package dev.basalt.server;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.disagg.Mutation;
import dev.basalt.pageserver.PageServer;
import dev.basalt.pageserver.PageServerSettings;
import dev.basalt.pageserver.grpc.PageGrpcServer;
import dev.basalt.pageserver.store.MemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code basalt branch create|list|delete} against a page server on loopback; {@code basalt pageserver} usage errors. */
class BranchCommandTest {

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createsAndListsBranches() {
        Map<String, InMemoryWalLog> logs = new ConcurrentHashMap<>();
        InMemoryWalLog main = logs.computeIfAbsent("main", n -> new InMemoryWalLog());
        for (int i = 1; i <= 5; i++) {
            // commit times: 2026-12-07T22:00:0i Z
            long micros = 1_796_680_800_000_000L + i * 1_000_000L;
            main.append(new CommitRecord(micros, List.of(new Mutation("k".getBytes(), ("v" + i).getBytes()))).encode());
        }
        try (PageServer ps = new PageServer(PageServerSettings.defaults(), new MemoryObjectStore(), null,
                n -> logs.computeIfAbsent(n, x -> new InMemoryWalLog())).start();
             PageGrpcServer server = new PageGrpcServer(ps, "127.0.0.1", 0).start()) {
            ps.get("main", "k".getBytes(), 5);
            String target = "127.0.0.1:" + server.port();

            Result byLsn = run("branch", "create", "dev", "--from", "main", "--at", "3", "--pageserver", target);
            assertEquals(0, byLsn.code(), byLsn.err());
            assertEquals("Created branch dev from main at LSN 3.", byLsn.out().trim());

            Result byTime = run("branch", "create", "past", "--at", "2026-12-07 22:00:02.5", "--pageserver", target);
            assertEquals(0, byTime.code(), byTime.err());
            assertTrue(byTime.out().contains("at LSN 2."), byTime.out());
            assertEquals(0, run("branch", "create", "iso", "--at", "2026-12-07T22:00:04Z", "--pageserver", target).code());

            Result list = run("branch", "list", "--pageserver", target);
            assertEquals(0, list.code(), list.err());
            String[] lines = list.out().trim().split("\n");
            assertTrue(lines[0].startsWith("NAME"), list.out());
            assertTrue(lines[1].matches("dev\\s+main\\s+3\\s+0\\s+0\\s+0"), lines[1]);
            // uploaded LSN 0, or 5 once the page server's 10 s checkpoint interval passed (a slow machine)
            assertTrue(lines[3].matches("main\\s+-\\s+-\\s+5\\s+[05]\\s+0"), lines[3]);

            Result dup = run("branch", "create", "dev", "--pageserver", target);
            assertEquals(Main.FAILED, dup.code());
            assertTrue(dup.err().contains("already exists"), dup.err());
            assertEquals(Main.USAGE, run("branch", "create", "x", "--at", "yesterday", "--pageserver", target).code());

            // delete: refused for the root and for a parent of another branch, then done
            assertEquals(0, run("branch", "create", "child", "--from", "iso", "--pageserver", target).code());
            Result root = run("branch", "delete", "main", "--pageserver", target);
            assertEquals(Main.FAILED, root.code());
            assertTrue(root.err().contains("root timeline"), root.err());
            Result parent = run("branch", "delete", "iso", "--pageserver", target);
            assertEquals(Main.FAILED, parent.code());
            assertTrue(parent.err().contains("child branches (child)"), parent.err());
            Result deleted = run("branch", "delete", "child", "--pageserver", target);
            assertEquals(0, deleted.code(), deleted.err());
            assertTrue(deleted.out().startsWith("Deleted branch child (from iso at LSN "), deleted.out());
            assertEquals(0, run("branch", "delete", "iso", "--pageserver", target).code());
            assertEquals(Main.FAILED, run("branch", "delete", "iso", "--pageserver", target).code());
            assertEquals(Main.USAGE, run("branch", "delete", "--pageserver", target).code());
        }
        Result down = run("branch", "list", "--pageserver", "127.0.0.1:1");
        assertEquals(Main.FAILED, down.code());
        assertTrue(down.err().contains("cannot reach the page server"), down.err());
    }

    @Test
    void pageserverUsageErrors() {
        Result missing = run("pageserver", "--port", "0");
        assertEquals(Main.USAGE, missing.code());
        assertTrue(missing.err().contains("--data-dir"), missing.err());
        assertEquals(Main.OK, run("pageserver", "--help").code());
        assertEquals(Main.USAGE, run("branch").code());
    }
}

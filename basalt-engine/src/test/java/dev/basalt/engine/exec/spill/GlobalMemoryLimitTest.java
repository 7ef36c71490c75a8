package dev.basalt.engine.exec.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.exec.MemoryGovernor;
import dev.basalt.engine.exec.QueryMemory;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.testkv.SqlRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server-wide memory limit (1 MB here) over statements that each fit their own budget (64 MB):
 * several big statements at once spill instead of filling the heap and all answer right, while
 * another session keeps getting answers; a statement that cannot spill fails alone with 3170; the
 * total goes back to zero afterwards.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GlobalMemoryLimitTest {
    private static final int N = 20_000;

    private SpillFixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new SpillFixture();
        fx.sessionWithTable("CREATE TABLE u (id INT PRIMARY KEY, k INT, v VARCHAR(20))", N, "i, i % 5000, CONCAT('v', i)");
        QueryMemory.setLimit(64L << 20);
        MemoryGovernor.setLimit(1L << 20);
    }

    @AfterEach
    void tearDown() throws IOException {
        fx.close();
    }

    private BasaltSession session() { return fx.session(); }

    @Test
    void concurrentBigStatementsSpillAndOthersAreServed() throws Exception {
        String[] big = {
            "SELECT COUNT(*), SUM(c) FROM (SELECT a.id * 100000 + b.id AS g, COUNT(*) AS c FROM d.u a JOIN d.u b ON a.k = b.k"
                    + " WHERE b.id <= 5000 GROUP BY g) x",
            "SELECT COUNT(*), SUM(a.id + b.id) FROM d.u a JOIN d.u b ON a.k = b.k",
            "SELECT COUNT(*), SUM(id) FROM (SELECT id, v FROM d.u ORDER BY v DESC, id LIMIT 18000) x",
        };
        long[][] expected = {{20_000, 20_000}, {80_000, 0}, {18_000, 0}};
        long sumJoin = 0;
        for (long a = 1; a <= N; a++) {
            for (long b = a % 5000 == 0 ? 5000 : a % 5000; b <= N; b += 5000) sumJoin += a + b;
        }
        expected[1][1] = sumJoin;
        List<Long> ids = new ArrayList<>();
        for (long i = 1; i <= N; i++) ids.add(i);
        ids.sort((x, y) -> {
            int c = ("v" + y).compareTo("v" + x);
            return c != 0 ? c : Long.compare(x, y);
        });
        for (int i = 0; i < 18_000; i++) expected[2][1] += ids.get(i);

        long filesBefore = status("Created_tmp_files");
        List<CompletableFuture<List<Long>>> runs = new ArrayList<>();
        for (String sql : big) {
            BasaltSession s = session();
            runs.add(CompletableFuture.supplyAsync(() -> numbers(SqlRows.of(s, sql).getFirst())));
        }
        BasaltSession other = session();
        int answered = 0;
        while (!CompletableFuture.allOf(runs.toArray(new CompletableFuture[0])).isDone()) {
            assertEquals(List.of(9L), numbers(SqlRows.of(other, "SELECT COUNT(*) FROM d.u WHERE id < 10").getFirst()));
            answered++;
            Thread.sleep(20);
        }
        for (int i = 0; i < big.length; i++) {
            assertEquals(List.of(expected[i][0], expected[i][1]), runs.get(i).get(), big[i]);
        }
        assertTrue(answered > 0, "the other session was served while the big statements ran");
        assertTrue(status("Created_tmp_files") > filesBefore, "the statements spilled under the global limit");
        assertEquals(0, status("Basalt_memory_used"));
        assertEquals(0, status("Basalt_spill_files_open"));
    }

    @Test
    void aStatementThatCannotSpillFailsAloneWith3170() {
        BasaltSession s = session();
        SqlRows.of(s, "SET SESSION cte_max_recursion_depth = 1000000");
        // UNION's seen keys of a recursive CTE stay in memory: 100,000 keys pass the 1 MB limit
        SqlException e = assertThrows(SqlException.class, () -> SqlRows.of(s,
                "WITH RECURSIVE r(k) AS (SELECT 0 UNION SELECT (k + 7) % 100000 FROM r) SELECT COUNT(*) FROM r"));
        assertEquals(3170, e.errorCode());
        assertTrue(e.getMessage().startsWith("Memory capacity of 1048576 bytes for 'basalt.globalMemoryLimit' exceeded."),
                e.getMessage());
        assertEquals(0, status("Basalt_memory_used"));
        // the same session and others go on
        assertEquals(List.of(1000L), numbers(SqlRows.of(s,
                "WITH RECURSIVE r(k) AS (SELECT 0 UNION SELECT (k + 7) % 1000 FROM r) SELECT COUNT(*) FROM r").getFirst()));
        assertEquals(List.of((long) N), numbers(SqlRows.of(session(), "SELECT COUNT(*) FROM d.u").getFirst()));
    }

    private long status(String name) { return fx.status(name); }

    private static List<Long> numbers(Object[] row) { return SpillFixture.numbers(row); }
}

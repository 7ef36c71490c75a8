package dev.basalt.engine.exec.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.exec.QueryMemory;
import dev.basalt.engine.session.BasaltSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hash join build sides, window partitions and recursive CTEs beyond a small per-statement budget
 * (256 KB) spill to temporary files and answer what an unbounded run answers; no file is left.
 * Input: table u of N rows (k = id % M, no index on k, so joins on k are hash joins); expected
 * values are computed here in Java.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JoinWindowCteSpillTest {
    private static final int N = 20_000;
    private static final int M = 5_000;
    private static final long BUDGET = 256L << 10;

    private SpillFixture fx;
    private BasaltSession session;

    @BeforeEach
    void setUp() throws IOException {
        fx = new SpillFixture();
        session = fx.sessionWithTable("CREATE TABLE u (id INT PRIMARY KEY, k INT, v VARCHAR(20))", N,
                "i, i % " + M + ", CONCAT('v', i)");
        QueryMemory.setLimit(BUDGET);
    }

    @AfterEach
    void tearDown() throws IOException {
        fx.close();
    }

    @Test
    void hashJoinBuildSideBeyondTheBudget() {
        long before = status("Created_tmp_disk_tables");
        // every k has N / M = 4 rows on each side: 16 pairs per key
        long pairs = (long) M * (N / M) * (N / M);
        long sum = 0;
        for (long a = 1; a <= N; a++) {
            for (long b = a % M == 0 ? M : a % M; b <= N; b += M) sum += a + b;
        }
        assertEquals(List.of(pairs, sum),
                numbers(rows("SELECT COUNT(*), SUM(a.id + b.id) FROM u a JOIN u b ON a.k = b.k").getFirst()));
        assertTrue(status("Created_tmp_disk_tables") > before, "the build side went to disk");
        // a wide build side: its 16 partitions are still too big and split one level deeper
        before = status("Created_tmp_disk_tables");
        assertEquals(List.of(pairs, sum, pairs * 200),
                numbers(rows("SELECT COUNT(*), SUM(a.id + b.id), SUM(LENGTH(b.pad)) FROM u a"
                        + " JOIN (SELECT k, id, REPEAT('x', 200) AS pad FROM u) b ON a.k = b.k").getFirst()));
        assertTrue(status("Created_tmp_disk_tables") - before > 2, "partitions were split again");
        // LEFT JOIN: left rows whose key has no partner (k >= 2500 has none in the filtered right side)
        long unmatched = 0, matchedPairs = 0;
        for (long a = 1; a <= N; a++) {
            if (a % M >= 2500) unmatched++; else matchedPairs += N / M;
        }
        assertEquals(List.of(unmatched + matchedPairs, unmatched),
                numbers(rows("SELECT COUNT(*), SUM(b.id IS NULL) FROM u a LEFT JOIN (SELECT * FROM u WHERE k < 2500) b"
                        + " ON a.k = b.k").getFirst()));
        assertNoSpillFiles();
    }

    @Test
    void skewedAndKeylessJoinsGoInChunks() {
        // one key for every row: the partition cannot split, so it is joined chunk by chunk
        long n = 3000;
        assertEquals(List.of(n * n),
                numbers(rows("SELECT COUNT(*) FROM (SELECT id, 1 AS one FROM u WHERE id <= 3000) a"
                        + " JOIN (SELECT id, v, 1 AS one FROM u WHERE id <= 3000) b ON a.one = b.one").getFirst()));
        // LEFT join in chunks: rows matching in no chunk come out once, NULL-extended
        long expected = 0, unmatched = 0;
        for (long a = 1; a <= n; a++) {
            long m = a <= 101 ? 0 : a - 101; // b.id < a.id - 100
            if (m == 0) unmatched++;
            expected += Math.max(1, m);
        }
        assertEquals(List.of(expected, unmatched),
                numbers(rows("SELECT COUNT(*), SUM(b.id IS NULL) FROM (SELECT id, 1 AS one FROM u WHERE id <= 3000) a"
                        + " LEFT JOIN (SELECT id, v, 1 AS one FROM u WHERE id <= 3000) b ON a.one = b.one AND b.id < a.id - 100")
                        .getFirst()));
        assertNoSpillFiles();
    }

    @Test
    void killQueryDuringAChunkedJoinRemovesItsFiles() throws Exception {
        // 20,000 x 20,000 pairs through the residual: long enough to be caught mid-spill
        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                rows("SELECT COUNT(*) FROM (SELECT id, 1 AS one FROM u) a JOIN (SELECT id, v, 1 AS one FROM u) b"
                        + " ON a.one = b.one AND b.id < a.id");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (fx.spillFiles() == 0) {
            if (System.nanoTime() > deadline || run.isDone()) org.junit.jupiter.api.Assertions.fail("no spill file appeared");
            Thread.sleep(5);
        }
        session.killQuery();
        Throwable t = run.get(60, TimeUnit.SECONDS);
        assertTrue(t instanceof dev.basalt.engine.api.SqlException e && e.errorCode() == 1317, String.valueOf(t));
        assertNoSpillFiles();
        assertEquals(0, status("Basalt_memory_used"));
    }

    @Test
    void recursiveCteWithManyRows() {
        long before = status("Created_tmp_files");
        long n = 150_000;
        rows("SET SESSION cte_max_recursion_depth = 1000000");
        assertEquals(List.of(n, n * (n + 1) / 2, n * 30),
                numbers(rows("WITH RECURSIVE r(i, s) AS (SELECT 1, CAST(REPEAT('x', 30) AS CHAR(40)) UNION ALL"
                        + " SELECT i + 1, s FROM r WHERE i < " + n + ") SELECT COUNT(*), SUM(i), SUM(LENGTH(s)) FROM r").getFirst()));
        assertTrue(status("Created_tmp_files") > before, "the result table went to disk");
        // wide rounds: every round's working table (N rows) is bigger than the budget
        assertEquals(List.of(5L * N, 10L * N * (N + 1) / 2),
                numbers(rows("WITH RECURSIVE r(id, lvl, v) AS (SELECT id, 0, v FROM u UNION ALL"
                        + " SELECT id, lvl + 1, v FROM r WHERE lvl < 4) SELECT COUNT(*), SUM(id * lvl) FROM r").getFirst()));
        // UNION (distinct): rounds of new keys only; its seen keys stay in memory (1041 beyond the budget)
        assertEquals(List.of(1000L),
                numbers(rows("WITH RECURSIVE r(k) AS (SELECT 0 UNION SELECT (k + 7) % 1000 FROM r)"
                        + " SELECT COUNT(*) FROM r").getFirst()));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.basalt.engine.api.SqlException.class,
                () -> rows("WITH RECURSIVE r(k) AS (SELECT 0 UNION SELECT (k + 7) % 100000 FROM r) SELECT COUNT(*) FROM r"));
        assertEquals(1041, e.errorCode());
        assertNoSpillFiles();
    }

    @Test
    void windowFunctionsOverBigPartitions() {
        String[] queries = {
            // one partition of N rows, far beyond the budget: evaluated from its file in two passes
            "SELECT id, ROW_NUMBER() OVER (ORDER BY k, id) rn, RANK() OVER (ORDER BY k) r, DENSE_RANK() OVER (ORDER BY k) dr,"
                    + " SUM(id) OVER (ORDER BY k) s, COUNT(*) OVER () c, CUME_DIST() OVER (ORDER BY k) cd,"
                    + " PERCENT_RANK() OVER (ORDER BY k) pr, NTILE(7) OVER (ORDER BY id) nt, FIRST_VALUE(v) OVER (ORDER BY id) fv,"
                    + " LAST_VALUE(v) OVER (ORDER BY k) lv, SUM(id) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) rs,"
                    + " MAX(v) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) mx,"
                    + " LAST_VALUE(id) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) lr FROM u",
            // many partitions that fit: sorted on disk, evaluated one by one in memory; ties keep the earlier order
            "SELECT id, ROW_NUMBER() OVER (PARTITION BY k ORDER BY id DESC) rn, LAG(id) OVER (PARTITION BY k ORDER BY id) lg,"
                    + " AVG(id) OVER (PARTITION BY k % 100 ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) a,"
                    + " SUM(id) OVER (PARTITION BY k % 3) s3 FROM u",
            // one big partition with functions that read nearby rows: a buffer of them in the second pass
            "SELECT id, LAG(id) OVER w lg, LAG(v, 3, 'none') OVER w lg3, LEAD(id, 2) OVER w ld, LEAD(v, 1, id) OVER w ld1,"
                    + " LAG(id, 0) OVER w l0, NTH_VALUE(v, 3) OVER w n3, NTH_VALUE(id, 2) OVER (ORDER BY k) nk,"
                    + " NTH_VALUE(id, 5) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) nw,"
                    + " AVG(id) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 3 FOLLOWING) a,"
                    + " COUNT(*) OVER (ORDER BY k, id ROWS BETWEEN 5 FOLLOWING AND 9 FOLLOWING) cf,"
                    + " SUM(id) OVER (ORDER BY id ROWS BETWEEN 4 PRECEDING AND 1 PRECEDING) sp,"
                    + " SUM(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 2 FOLLOWING) rf,"
                    + " MAX(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 3 PRECEDING) rp,"
                    + " FIRST_VALUE(v) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) f2,"
                    + " FIRST_VALUE(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) fp,"
                    + " LAST_VALUE(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 4 FOLLOWING) l4,"
                    + " LAST_VALUE(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING) lp,"
                    + " NTH_VALUE(id, 2) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) n2,"
                    + " NTH_VALUE(id, 3) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING) n3f,"
                    + " NTH_VALUE(v, 2) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND UNBOUNDED FOLLOWING) n2u"
                    + " FROM u WINDOW w AS (ORDER BY id)",
        };
        for (String sql : queries) {
            QueryMemory.setLimit(1L << 30);
            List<String> inMemory = strings(rows(sql));
            QueryMemory.setLimit(BUDGET);
            long before = status("Created_tmp_files");
            List<String> spilled = strings(rows(sql));
            assertTrue(status("Created_tmp_files") > before, "the window input went to disk: " + sql);
            assertEquals(N, spilled.size());
            for (int i = 0; i < N; i++) assertEquals(inMemory.get(i), spilled.get(i), "row " + i + " of " + sql);
        }
        // what needs the rest of the partition, or more of it than the budget holds, still fails alone
        for (String sql : new String[] {
            "SELECT id, LEAD(id, 100000) OVER (ORDER BY id) FROM u",
            "SELECT id, SUM(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND UNBOUNDED FOLLOWING) FROM u",
            "SELECT id, SUM(id) OVER (ORDER BY id RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) FROM u",
        }) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.basalt.engine.api.SqlException.class, () -> rows(sql));
            assertEquals(1041, e.errorCode(), sql);
        }
        assertNoSpillFiles();
    }

    private static List<String> strings(List<Object[]> rows) {
        List<String> out = new ArrayList<>();
        for (Object[] r : rows) out.add(java.util.Arrays.deepToString(r));
        return out;
    }

    private void assertNoSpillFiles() { fx.assertNoSpillFiles(); }

    private long status(String name) { return fx.status(name); }

    private static List<Long> numbers(Object[] row) { return SpillFixture.numbers(row); }

    private List<Object[]> rows(String sql) {
        return SpillFixture.rows(session, sql);
    }
}

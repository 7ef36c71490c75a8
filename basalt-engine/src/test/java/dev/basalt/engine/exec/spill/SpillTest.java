package dev.basalt.engine.exec.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.exec.QueryMemory;
import dev.basalt.engine.session.BasaltSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sort, GROUP BY, DISTINCT and UNION beyond a small per-statement budget (2 MB) spill to temporary
 * files and give the results an unbounded run gives; the files are gone afterwards, also after a
 * KILL QUERY in the middle of a spill. Input: a 1750-row table joined with itself (3,062,500 rows
 * with distinct keys a * 2000 + b); expected values are computed here in Java.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class SpillTest {
    private static final int N = 1750;
    private static final long BUDGET = 2L << 20;
    private static final String KEYS = "SELECT a.id * 2000 + b.id AS k, a.id AS a, b.id AS b FROM t a, t b";

    private SpillFixture fx;
    private BasaltSession session;

    @BeforeEach
    void setUp() throws IOException {
        fx = new SpillFixture();
        session = fx.sessionWithTable("CREATE TABLE t (id INT PRIMARY KEY)", N, "i");
        QueryMemory.setLimit(BUDGET);
    }

    @AfterEach
    void tearDown() throws IOException {
        fx.close();
    }

    @Test
    void groupByOverThreeMillionKeys() {
        long before = status("Created_tmp_disk_tables");
        List<Object[]> got = rows("SELECT COUNT(*), SUM(k), SUM(k * s), SUM(c) FROM (SELECT k, SUM(a) AS s, COUNT(*) AS c FROM ("
                + KEYS + ") x GROUP BY k) g");
        long count = 0, sumK = 0, sumKs = 0;
        for (long a = 1; a <= N; a++) {
            for (long b = 1; b <= N; b++) {
                long k = a * 2000 + b;
                count++;
                sumK += k;
                sumKs += k * a;
            }
        }
        assertEquals(List.of(count, sumK, sumKs, count), numbers(got.getFirst()));
        assertTrue(status("Created_tmp_disk_tables") > before, "the aggregation went to disk");
        assertNoSpillFiles();
    }

    @Test
    void orderByOfThreeMillionRows() {
        long before = status("Sort_merge_passes");
        // a scrambled order; ties broken by k so the expected sequence is unique
        String sql = "SELECT k, (k * 7919) % 1000003 AS h FROM (" + KEYS + ") x ORDER BY h, k";
        long n = 0, sum = 0;
        long prevH = -1, prevK = -1;
        for (Object[] r : rows(sql)) {
            long k = ((Number) r[0]).longValue(), h = ((Number) r[1]).longValue();
            if (h < prevH || (h == prevH && k <= prevK)) fail("out of order at row " + n + ": " + h + "," + k);
            prevH = h;
            prevK = k;
            n++;
            sum += k;
        }
        assertEquals((long) N * N, n);
        assertEquals((long) N * N * 2000 * (N + 1) / 2 + (long) N * N * (N + 1) / 2, sum);
        assertTrue(status("Sort_merge_passes") > before, "the sort merged runs from disk");
        assertNoSpillFiles();
    }

    @Test
    void distinctAndUnionDedupSpill() {
        BitSet residues = new BitSet();
        for (long a = 1; a <= N; a++) {
            for (long b = 1; b <= N; b++) residues.set((int) ((a * 2000 + b) % 1_000_000));
        }
        assertEquals(List.of((long) residues.cardinality()),
                numbers(rows("SELECT COUNT(*) FROM (SELECT DISTINCT k % 1000000 AS r FROM (" + KEYS + ") x) d").getFirst()));
        String half = "SELECT a.id * 2000 + b.id AS k FROM t a, t b WHERE b.id <= 600";
        assertEquals(List.of((long) N * 600),
                numbers(rows("SELECT COUNT(*) FROM (" + half + " UNION " + half + ") u").getFirst()));
        assertNoSpillFiles();
    }

    @Test
    void intersectAndExceptSpill() {
        long before = status("Created_tmp_disk_tables");
        String low = "SELECT a.id * 2000 + b.id AS k FROM t a, t b WHERE b.id <= 600";
        String mid = "SELECT a.id * 2000 + b.id AS k FROM t a, t b WHERE b.id BETWEEN 301 AND 900";
        assertEquals(List.of((long) N * 300),
                numbers(rows("SELECT COUNT(*) FROM (" + low + " INTERSECT " + mid + ") x").getFirst()));
        assertEquals(List.of((long) N * 300),
                numbers(rows("SELECT COUNT(*) FROM (" + low + " EXCEPT " + mid + ") x").getFirst()));
        assertEquals(List.of((long) N * 300, (long) N * 300 * 2000 * (N + 1) / 2 + (long) N * 45150),
                numbers(rows("SELECT COUNT(*), SUM(k) FROM (" + low + " EXCEPT ALL " + mid + ") x").getFirst()));
        assertTrue(status("Created_tmp_disk_tables") > before, "the right side went to disk");
        assertNoSpillFiles();
    }

    @Test
    void killQueryDuringASpillRemovesItsFiles() throws Exception {
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                rows("SELECT k, (k * 7919) % 1000003 AS h FROM (" + KEYS + ") x ORDER BY h, k");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (spillFiles() == 0) {
            if (System.nanoTime() > deadline || run.isDone()) fail("no spill file appeared");
            Thread.sleep(5);
        }
        session.killQuery();
        Throwable t = run.get(60, TimeUnit.SECONDS);
        assertTrue(t instanceof SqlException e && e.errorCode() == 1317, String.valueOf(t));
        assertNoSpillFiles();
        // the session goes on; a statement within budget runs in memory
        assertEquals(List.of((long) N), numbers(rows("SELECT COUNT(*) FROM (SELECT id FROM t ORDER BY id DESC) x").getFirst()));
    }

    @Test
    void spillCodecRoundTripsEveryValueType() throws IOException {
        Object[] row = {null, 1L, 2, "héllo", new byte[]{1, 2}, new java.math.BigDecimal("-12.345"), 1.5d, 2.5f,
                new java.math.BigInteger("18446744073709551615"), java.time.LocalDate.of(2024, 2, 29),
                java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123456000), java.time.Duration.ofSeconds(-3600, 5000),
                java.time.LocalTime.of(1, 2, 3), true, (short) 3, (byte) 4, new Object[]{1L, "x"}};
        var bytes = new java.io.ByteArrayOutputStream();
        SpillCodec.write(new java.io.DataOutputStream(bytes), row);
        Object[] back = SpillCodec.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(row.length, back.length);
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof byte[] b) assertArrayEquals(b, (byte[]) back[i]);
            else if (row[i] instanceof Object[] a) assertArrayEquals(a, (Object[]) back[i]);
            else assertEquals(row[i], back[i], "value " + i);
        }
    }

    private void assertNoSpillFiles() { fx.assertNoSpillFiles(); }

    private long spillFiles() { return fx.spillFiles(); }

    private long status(String name) { return fx.status(name); }

    private static List<Long> numbers(Object[] row) { return SpillFixture.numbers(row); }

    private List<Object[]> rows(String sql) {
        return SpillFixture.rows(session, sql);
    }
}

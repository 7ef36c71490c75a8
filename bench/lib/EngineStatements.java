import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.storage.memory.MemoryKvStore;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The engine's own cost per statement for sysbench's statement shapes: one session, one thread,
 * in process (no protocol, no network), on the memory store. Prints, per statement kind, the
 * lowest CPU time and allocation per statement over the rounds: on a shared machine the minimum
 * is far steadier than sysbench's throughput, so this is how small per-statement changes are
 * compared (run it for two builds, interleaved). Run by bench/engine-statements.sh.
 */
public class EngineStatements {
    private static final int ROWS = 10_000;

    private final Session session;
    private final Map<String, double[]> best = new LinkedHashMap<>();
    private final String only = System.getProperty("only");

    EngineStatements(Session session) { this.session = session; }

    void run(String sql) {
        StatementResults r = session.execute(sql, false);
        while (r.hasNext()) {
            if (r.next() instanceof Result.Rows rows) {
                try (RowCursor c = rows.cursor()) {
                    while (c.next() != null) { }
                }
            }
        }
    }

    interface Shape { String sql(Random random, long i); }

    /** Runs {@code n} statements to warm up, then {@code n} measured; keeps the best figures. */
    void measure(String name, int n, Shape shape) {
        if (only != null && !only.contains(name)) return;
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random random = new Random(42);
        for (int i = 0; i < n; i++) run(shape.sql(random, i));
        long a0 = mx.getCurrentThreadAllocatedBytes(), c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) run(shape.sql(random, n + i));
        long a1 = mx.getCurrentThreadAllocatedBytes(), c1 = mx.getCurrentThreadCpuTime();
        double[] b = best.computeIfAbsent(name, k -> new double[] {Double.MAX_VALUE, Double.MAX_VALUE});
        b[0] = Math.min(b[0], (c1 - c0) / 1e3 / n);
        b[1] = Math.min(b[1], (double) (a1 - a0) / n);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-bench", "", 64 << 20))) {
            EngineStatements b = new EngineStatements(engine.openSession(new SessionOptions(1, "root", "localhost", null)));
            b.prepare();
            String c = "'83868641912-28773972837-60736120486-75162659906-27563526494-20381887404-41576422241-93426793964-56405065102-33518432330'";
            for (int round = 0; round < rounds; round++) {
                long base = 100_000 + round * 1_000_000L; // fresh ids for each round's inserts, deleted again below
                b.measure("update_index", n, (r, i) -> "UPDATE sbtest1 SET k=k+1 WHERE id=" + (1 + r.nextInt(ROWS)));
                b.measure("update_non_index", n, (r, i) -> "UPDATE sbtest1 SET c='" + r.nextLong() + "-" + r.nextLong()
                        + "' WHERE id=" + (1 + r.nextInt(ROWS)));
                b.measure("point_select", n, (r, i) -> "SELECT c FROM sbtest1 WHERE id=" + (1 + r.nextInt(ROWS)));
                b.measure("insert", n, (r, i) -> "INSERT INTO sbtest1 (id, k, c, pad) VALUES (" + (base + i) + ", "
                        + r.nextInt(ROWS) + ", " + c + ", 'pad')");
                b.measure("delete", n, (r, i) -> "DELETE FROM sbtest1 WHERE id=" + (base + i));
            }
            b.best.forEach((k, v) -> System.out.printf("%-18s %7.2f us/statement %8.0f bytes/statement%n", k, v[0], v[1]));
        }
    }

    /** sysbench's table (oltp_common.lua): ROWS rows, then the index on k. */
    private void prepare() {
        run("CREATE DATABASE sbtest");
        session.useDatabase("sbtest");
        run("CREATE TABLE sbtest1 (id INTEGER NOT NULL AUTO_INCREMENT, k INTEGER DEFAULT '0' NOT NULL,"
                + " c CHAR(120) DEFAULT '' NOT NULL, pad CHAR(60) DEFAULT '' NOT NULL, PRIMARY KEY (id))");
        Random random = new Random(1);
        StringBuilder sql = new StringBuilder();
        for (int done = 0; done < ROWS; done += 1000) {
            sql.setLength(0);
            sql.append("INSERT INTO sbtest1 (k, c, pad) VALUES ");
            for (int i = 0; i < 1000; i++) {
                sql.append(i == 0 ? "(" : ",(").append(random.nextInt(ROWS)).append(",'").append("x".repeat(119))
                        .append("','").append("y".repeat(59)).append("')");
            }
            run(sql.toString());
        }
        run("CREATE INDEX k_1 ON sbtest1(k)");
    }
}

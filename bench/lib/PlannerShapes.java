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

/**
 * The engine's CPU time per statement for bin/bench planner's shapes (the same tables and
 * queries), in process: one session, one thread, memory store, no protocol or client. On the
 * shared machine the planner bench's wall-clock cells of sub-millisecond queries are mostly
 * scheduling noise and client/session cost; the lowest CPU time over the rounds is steady
 * enough to compare two builds (run bench/planner-engine.sh for each, interleaved).
 */
public class PlannerShapes {
    private final Session session;
    private final String only = System.getProperty("only");

    PlannerShapes(Session session) { this.session = session; }

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

    /** Lowest CPU microseconds per statement of n runs (after n warm-up runs). */
    double measure(String sql, int n) {
        var mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) run(sql);
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) run(sql);
        return (mx.getCurrentThreadCpuTime() - c0) / 1e3 / n;
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("ORDER BY pk DESC LIMIT", "SELECT id, pad FROM pb.big ORDER BY id DESC LIMIT 10");
        shapes.put("ORDER BY k DESC LIMIT", "SELECT id, k FROM pb.big ORDER BY k DESC LIMIT 10");
        shapes.put("equality prefix, ORDER BY DESC LIMIT", "SELECT id, k FROM pb.big WHERE grp = 7 ORDER BY k DESC LIMIT 10");
        shapes.put("pagination: ORDER BY pk LIMIT 10 OFFSET 5000", "SELECT id FROM pb.big ORDER BY id LIMIT 10 OFFSET 5000");
        shapes.put("ORDER BY k LIMIT 10 OFFSET 1000", "SELECT id, k FROM pb.big ORDER BY k LIMIT 1000, 10");
        shapes.put("MIN/MAX of an indexed column", "SELECT MIN(k), MAX(k) FROM pb.big");
        shapes.put("MIN after an equality prefix", "SELECT MIN(k) FROM pb.big WHERE grp = 42");
        shapes.put("GROUP BY indexed ORDER BY DESC LIMIT", "SELECT k, COUNT(*) FROM pb.big GROUP BY k ORDER BY k DESC LIMIT 10");
        shapes.put("IN (SELECT ...)", "SELECT COUNT(*) FROM pb.big WHERE id IN (SELECT k FROM pb.big WHERE grp = 7 AND k < 2000)");
        shapes.put("join of 4 tables", "SELECT SUM(b.amount) FROM pb.small s JOIN pb.big b ON b.id = s.big_id JOIN pb.dim d ON d.id = b.grp"
                + " JOIN pb.cat c ON c.id = d.cat WHERE s.flag = 3 AND c.id < 5");
        shapes.put("NOT EXISTS, inner not indexed", "SELECT COUNT(*) FROM pb.dim d WHERE NOT EXISTS (SELECT 1 FROM pb.small s WHERE s.flag = d.id)");
        shapes.put("NOT IN (SELECT ...) uncorrelated", "SELECT COUNT(*) FROM pb.dim WHERE id NOT IN (SELECT flag FROM pb.small WHERE flag IS NOT NULL)");
        // -Dlmdb=DIR: the server's LMDB storage in DIR (emptied first) instead of the memory store
        String lmdb = System.getProperty("lmdb");
        dev.basalt.engine.storage.kv.KvStore store = lmdb == null ? new MemoryKvStore()
                : dev.basalt.storage.lmdb.LmdbKvStore.open(freshDir(lmdb), dev.basalt.storage.lmdb.LmdbOptions.defaults());
        try (BasaltEngine engine = new BasaltEngine(store, new EngineConfig("8.0.40-bench", "", 256 << 20))) {
            PlannerShapes b = new PlannerShapes(engine.openSession(new SessionOptions(1, "root", "localhost", null)));
            b.prepare(rows);
            Map<String, Double> best = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (var e : shapes.entrySet()) {
                    if (b.only != null && !java.util.regex.Pattern.compile(b.only).matcher(e.getKey()).find()) continue;
                    best.merge(e.getKey(), b.measure(e.getValue(), n), Math::min);
                }
            }
            best.forEach((k, v) -> System.out.printf("%-40s %9.1f us/statement%n", k, v));
        }
    }

    private static java.nio.file.Path freshDir(String dir) {
        java.nio.file.Path p = java.nio.file.Path.of(dir);
        try (var files = java.nio.file.Files.walk(p)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // absent: nothing to empty
        }
        return p;
    }

    /** bench/planner.sh's tables, the same values. */
    private void prepare(int rows) {
        run("CREATE DATABASE pb");
        run("CREATE TABLE pb.big (id INT PRIMARY KEY, k INT, grp INT NOT NULL, amount DECIMAL(10,2), pad VARCHAR(60),"
                + " KEY k_idx (k), KEY grp_k (grp, k))");
        StringBuilder sql = new StringBuilder();
        for (int from = 1; from <= rows; from += 1000) {
            sql.setLength(0);
            sql.append("INSERT INTO pb.big VALUES ");
            for (int seq = from; seq < from + 1000 && seq <= rows; seq++) {
                if (seq > from) sql.append(',');
                String k = seq % 997 == 0 ? "NULL" : Long.toString((long) seq * 7919 % rows);
                sql.append('(').append(seq).append(',').append(k).append(',').append(seq % 100).append(',')
                        .append(seq * 37L % 100000 / 100.0).append(",'").append("x".repeat(60)).append("')");
            }
            run(sql.toString());
        }
        run("CREATE TABLE pb.small (id INT PRIMARY KEY, big_id INT NOT NULL, flag INT, KEY big_id (big_id))");
        sql.setLength(0);
        sql.append("INSERT INTO pb.small VALUES ");
        for (int seq = 1; seq <= rows / 100; seq++) {
            if (seq > 1) sql.append(',');
            sql.append('(').append(seq).append(',').append(seq * 37L % rows + 1).append(',').append(seq % 50).append(')');
        }
        run(sql.toString());
        run("CREATE TABLE pb.dim (id INT PRIMARY KEY, cat INT NOT NULL, label VARCHAR(20))");
        sql.setLength(0);
        sql.append("INSERT INTO pb.dim VALUES ");
        for (int seq = 1; seq <= 1000; seq++) sql.append(seq > 1 ? "," : "").append('(').append(seq).append(',').append(seq % 10).append(",'dim").append(seq).append("')");
        run(sql.toString());
        run("CREATE TABLE pb.cat (id INT PRIMARY KEY, name VARCHAR(20))");
        sql.setLength(0);
        sql.append("INSERT INTO pb.cat VALUES ");
        for (int seq = 0; seq <= 9; seq++) sql.append(seq > 0 ? "," : "").append('(').append(seq).append(",'cat").append(seq).append("')");
        run(sql.toString());
        run("ANALYZE TABLE pb.big, pb.small, pb.dim, pb.cat");
    }
}

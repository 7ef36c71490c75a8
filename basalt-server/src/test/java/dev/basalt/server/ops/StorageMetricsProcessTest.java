package dev.basalt.server.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server process on LMDB storage, written to by the real mariadb client: SHOW GLOBAL STATUS
 * and /metrics report the store's commits, group commits, durable writes and size (counters as
 * Prometheus counters named _total, sizes as gauges), and every protocol's statements land in the
 * statement latency histogram and the error counters.
 */
class StorageMetricsProcessTest {

    @TempDir
    Path dir;

    @Test
    void storageAndStatementFiguresInStatusAndMetrics() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--storage", "lmdb", "--data-dir", dir.resolve("data").toString(),
                "--durability", "full", "--http-port", "0")) {
            assertTrue(server.awaitReady() > 0, server.stderrText());
            server.sql("CREATE DATABASE m; USE m; CREATE TABLE t (id INT PRIMARY KEY);\n"
                    + "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); INSERT INTO t VALUES (3);\n");
            try {
                server.sql("SELECT * FROM m.missing;");
            } catch (IOException expected) {
                assertTrue(expected.getMessage().contains("1146"), expected.getMessage());
            }
            String status = server.sql("SHOW GLOBAL STATUS LIKE 'Basalt_storage%';");
            long commits = statusValue(status, "Basalt_storage_commits");
            assertTrue(commits >= 4, status); // the DDL and the three INSERTs, each durable
            long groups = statusValue(status, "Basalt_storage_group_commits");
            assertTrue(groups >= 1 && groups <= commits, status);
            assertTrue(statusValue(status, "Basalt_storage_durable_writes") >= groups, "FULL: one synchronous commit per group: " + status);
            assertTrue(statusValue(status, "Basalt_storage_durable_write_time_us") > 0, status);
            assertTrue(statusValue(status, "Basalt_storage_bytes") > 0, status);
            assertEquals(0, statusValue(status, "Basalt_storage_checkpoint_lag"), "no write-ahead log in FULL mode: " + status);

            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            // counters (only grow) are Prometheus counters named _total; sizes and lags are gauges
            assertTrue(metric(metrics, "basalt_storage_commits_total") >= commits, metrics);
            assertTrue(metric(metrics, "basalt_storage_group_commits_total") >= groups, metrics);
            assertTrue(metric(metrics, "basalt_storage_durable_writes_total") >= groups, metrics);
            assertTrue(metric(metrics, "basalt_storage_durable_write_time_seconds_total") > 0, metrics);
            assertTrue(metric(metrics, "basalt_aborted_connects_total") >= 0, metrics);
            assertEquals("counter", type(metrics, "basalt_storage_commits_total"), metrics);
            assertEquals("counter", type(metrics, "basalt_storage_checkpoints_total"), metrics);
            assertTrue(metric(metrics, "basalt_storage_bytes") > 0, metrics);
            assertEquals("gauge", type(metrics, "basalt_storage_bytes"), metrics);
            assertEquals("gauge", type(metrics, "basalt_storage_checkpoint_lag"), metrics);
            Matcher counter = Pattern.compile("(?m)^# TYPE (\\S+) counter$").matcher(metrics);
            while (counter.find()) assertTrue(counter.group(1).endsWith("_total"), counter.group(1) + " in " + metrics);
            // statements over the MySQL protocol, not only HTTP, are timed and their errors counted
            assertTrue(metric(metrics, "basalt_statement_duration_seconds_count") >= 8, metrics);
            assertTrue(metrics.contains("basalt_statement_duration_seconds_bucket{le="), metrics);
            // the durable writes of the statements above (the DDL and the INSERTs) are in the latency
            // histogram; those of start-up came before /metrics was there
            assertTrue(metric(metrics, "basalt_storage_durable_write_duration_seconds_count") >= 4, metrics);
            assertTrue(metrics.contains("basalt_storage_durable_write_duration_seconds_bucket{le="), metrics);
            // each group commit's size: the statements above committed one by one (one client)
            assertTrue(metric(metrics, "basalt_storage_group_commit_size_count") >= 4, metrics);
            assertTrue(metric(metrics, "basalt_storage_group_commit_size_bucket\\{le=\"1.0\"\\}") >= 4, metrics);
            assertEquals("histogram", type(metrics, "basalt_storage_group_commit_size"), metrics);
            assertEquals(1, metric(metrics, "basalt_statement_errors_total\\{code=\"1146\"\\}"), metrics);
        }
    }

    private static long statusValue(String showStatus, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\t(\\d+)$").matcher(showStatus);
        assertTrue(m.find(), name + " in " + showStatus);
        return Long.parseLong(m.group(1));
    }

    /** The # TYPE of a metric family in the exposition. */
    private static String type(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^# TYPE " + name + " (\\w+)$").matcher(scrape);
        assertTrue(m.find(), "# TYPE " + name + " in " + scrape);
        return m.group(1);
    }

    private static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.E+]+)$").matcher(scrape);
        assertTrue(m.find(), name + " in " + scrape);
        return Double.parseDouble(m.group(1));
    }
}

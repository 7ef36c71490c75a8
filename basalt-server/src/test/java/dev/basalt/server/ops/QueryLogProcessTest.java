package dev.basalt.server.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slow and general query logs written by a server process and read by the real
 * mysqldumpslow (mariadb-client's), with statements sent by the real mariadb client.
 */
class QueryLogProcessTest {

    @TempDir
    Path dir;

    @Test
    void slowLogIsReadByMysqldumpslowAndGeneralLogHasEveryStatement() throws Exception {
        Path slow = dir.resolve("logs/slow.log");
        Path general = dir.resolve("general.log");
        try (ServerProcess server = ServerProcess.start(dir, "--storage", "memory", "--slow-query-log",
                "--long-query-time", "0", "--slow-query-log-file", slow.toString(), "--log-slow-extra",
                "--general-log", "--general-log-file", general.toString(), "--http-port", "0")) {
            assertTrue(server.awaitReady() > 0, server.stderrText());
            server.sql("CREATE DATABASE shop; USE shop; CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10));\n"
                    + "INSERT INTO t VALUES (1,'a'),(2,'b'),(3,'c');\n"
                    + "SELECT * FROM t WHERE id = 1; SELECT * FROM t WHERE id = 2;\n");
            // long_query_time is settable at run time, shown as MySQL shows it
            assertEquals("@@global.long_query_time\t@@slow_query_log\n0.000000\t1\n",
                    server.sql("SELECT @@global.long_query_time, @@slow_query_log;"));
            server.sql("SET GLOBAL long_query_time = 0.25; SELECT SLEEP(0.3); SELECT 'fast one';");
            assertEquals("@@long_query_time\n0.250000\n", server.sql("SELECT @@long_query_time;"));
            String status = server.sql("SHOW GLOBAL STATUS LIKE 'Slow_queries';");
            assertTrue(status.matches("(?s)Variable_name\\tValue\\nSlow_queries\\t([6-9]|\\d\\d+)\\n"), status);
            // SHOW GLOBAL STATUS and /metrics read the same counters
            String counters = server.sql("SHOW GLOBAL STATUS LIKE 'Slow_queries'; SHOW GLOBAL STATUS LIKE 'Connections';"
                    + " SHOW GLOBAL STATUS LIKE 'Threads_running';");
            String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(statusValue(counters, "Slow_queries"), metric(metrics, "basalt_slow_queries_total"), counters + metrics);
            assertEquals(statusValue(counters, "Connections"), metric(metrics, "basalt_connections_opened_total"), counters);
            assertEquals(1, statusValue(counters, "Threads_running"), "the SHOW itself: " + counters);
        }
        String log = Files.readString(slow);
        assertTrue(log.startsWith("/basalt, Version: "), log);
        assertTrue(log.contains("# User@Host: root[root] @ 127.0.0.1 []"), log);
        assertTrue(log.contains("SELECT SLEEP(0.3);"), log);
        assertTrue(!log.contains("fast one"), "under long_query_time after SET GLOBAL: " + log);
        // log_slow_extra's fields, with the mariadb client's bytes (it sends each statement as one COM_QUERY)
        String select = "SELECT * FROM t WHERE id = 1";
        assertTrue(log.matches("(?s).* Killed: 0 Bytes_received: " + (4 + 1 + select.length())
                + " Bytes_sent: \\d+ Read_first: 0 Read_last: 0 Read_key: 1 Read_next: 0 Read_prev: 0 Read_rnd: 0"
                + " Read_rnd_next: 0 Sort_merge_passes: 0 Sort_range_count: 0 Sort_rows: 0 Sort_scan_count: 0"
                + " Created_tmp_disk_tables: 0 Created_tmp_tables: 0 Start: [^\n]*\n# Rows_affected: 0\nuse shop;\nSET timestamp=\\d+;\n"
                + java.util.regex.Pattern.quote(select) + ";\n.*"), log);

        Process p = new ProcessBuilder("mysqldumpslow", "-s", "c", slow.toString()).redirectErrorStream(true).start();
        String digest = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), digest);
        // the two point SELECTs abstract to one entry: counted twice, 1 row each, from root@127.0.0.1
        assertTrue(digest.contains("Count: 2  Time=") && digest.contains("Rows_sent=1.0 (2)")
                && digest.contains("root[root]@127.0.0.1\n  SELECT * FROM t WHERE id = N"), digest);
        assertTrue(digest.contains("SELECT SLEEP(N.N)"), digest);

        String generalLog = Files.readString(general);
        assertTrue(generalLog.contains("Connect\troot@127.0.0.1 on"), generalLog);
        assertTrue(generalLog.contains("Query\tINSERT INTO t VALUES (1,'a'),(2,'b'),(3,'c')"), generalLog);
        assertTrue(generalLog.contains("Quit\t"), generalLog);
    }

    private static long statusValue(String showStatus, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "\\t(\\d+)$").matcher(showStatus);
        assertTrue(m.find(), showStatus);
        return Long.parseLong(m.group(1));
    }

    private static long metric(String scrape, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.E+]+)$").matcher(scrape);
        assertTrue(m.find(), name + " in " + scrape);
        return (long) Double.parseDouble(m.group(1));
    }
}

package dev.basalt.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /metrics?format=mysqld: the series that dashboards built for mysqld_exporter query (the
 * mysqld_exporter mixin's and the common "MySQL Overview" panels: up, uptime, QPS, connections,
 * commands by type, slow queries, temporary tables, sorts, handlers) exist under its names.
 */
class MysqldExporterMetricsTest {

    @Test
    void dashboardsBuiltForMysqldExporterFindTheirSeries() throws Exception {
        try (TestApi api = TestApi.start("", 1 << 20)) {
            HttpClient client = HttpClient.newHttpClient();
            for (String q : new String[]{"CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY, v INT)",
                    "INSERT INTO d.t VALUES (1, 3), (2, 1), (3, 2)", "SELECT * FROM d.t ORDER BY v", "SELECT 1",
                    "SELECT * FROM d.t a JOIN d.t b ON a.v = b.v", "SELECT id, ROW_NUMBER() OVER (ORDER BY v) FROM d.t",
                    "LOCK TABLES d.t READ"}) {
                client.send(HttpRequest.newBuilder(URI.create(api.base + "/v1/sql"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + q + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            }
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(api.base + "/metrics?format=mysqld")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            String text = r.body();
            assertEquals(1.0, value(text, "mysql_up"), 0);
            assertTrue(value(text, "mysql_global_status_uptime") >= 0);
            assertTrue(value(text, "mysql_global_status_questions") >= 5, text);
            assertTrue(value(text, "mysql_global_status_threads_connected") >= 1, text);
            assertTrue(value(text, "mysql_global_status_threads_running") >= 0, text);
            assertTrue(value(text, "mysql_global_status_connections") >= 1, text);
            assertTrue(value(text, "mysql_global_status_slow_queries") >= 0, text);
            assertTrue(value(text, "mysql_global_variables_max_connections") > 0, text);
            assertEquals(0.0, value(text, "mysql_global_variables_read_only"), 0, "OFF reads as 0, as the exporter reads it");
            assertTrue(value(text, "mysql_global_status_commands_total{command=\"select\"}") >= 2, text);
            assertTrue(value(text, "mysql_global_status_commands_total{command=\"insert\"}") >= 1, text);
            assertTrue(value(text, "mysql_global_status_sort_rows") >= 3, text);
            assertTrue(value(text, "mysql_global_status_sort_scan") >= 1, text);
            assertTrue(value(text, "mysql_global_status_created_tmp_disk_tables") >= 0, text);
            assertTrue(value(text, "mysql_global_status_created_tmp_tables") >= 1, "the window's pass: " + text);
            assertTrue(value(text, "mysql_global_status_select_full_join") >= 1, "the join on an unindexed column: " + text);
            assertTrue(value(text, "mysql_global_status_select_scan") >= 1, "the blocks whose first table is scanned: " + text);
            assertTrue(value(text, "mysql_global_status_select_range") >= 0, text);
            assertTrue(value(text, "mysql_global_status_select_full_range_join") >= 0, text);
            assertEquals(0.0, value(text, "mysql_global_status_select_range_check"), 0, "no range-checked joins here");
            assertTrue(value(text, "mysql_global_status_table_locks_immediate") >= 1, "LOCK TABLES: " + text);
            assertTrue(value(text, "mysql_global_status_table_locks_waited") >= 0, text);
            assertTrue(text.matches("(?s).*\\nmysql_version_info\\{innodb_version=\"[^\"]+\",version=\"[^\"]+\",version_comment=\"Basalt\"} 1\\n.*"), text);
            // a scrape opens no session: it shows up in neither the statement counters nor the connections
            double showStatus = value(text, "mysql_global_status_commands_total{command=\"show_status\"}");
            double connections = value(text, "mysql_global_status_connections");
            String again = client.send(HttpRequest.newBuilder(URI.create(api.base + "/metrics?format=mysqld")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(showStatus, value(again, "mysql_global_status_commands_total{command=\"show_status\"}"), 0);
            assertEquals(connections, value(again, "mysql_global_status_connections"), 0);
            // a name ending in a suffix the Prometheus client reserves keeps its name (was cut to mysql_global_status_threads)
            assertTrue(value(text, "mysql_global_status_threads_created") >= 0, text);
            assertTrue(!text.contains("\nmysql_global_status_threads "), text);
            assertTrue(text.contains("# TYPE mysql_global_status_commands_total counter"), text);
            // the Basalt names stay at plain /metrics
            assertTrue(!text.contains("basalt_questions_total"), "only mysqld_exporter's names here");
        }
    }

    /** The value of the series written exactly as {@code series} (name and labels); fails when absent. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertTrue(m.find(), () -> "no " + series + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }
}

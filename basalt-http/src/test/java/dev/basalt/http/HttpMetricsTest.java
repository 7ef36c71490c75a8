package dev.basalt.http;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.storage.memory.MemoryKvStore;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /metrics after some statements: Prometheus text with engine, HTTP and JVM figures. */
class HttpMetricsTest {

    @Test
    void metricsInPrometheusFormat() throws Exception {
        try (BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 1 << 20));
             HttpApiServer http = new HttpApiServer(engine, new HttpConfig("127.0.0.1", 0, 1 << 20, Duration.ofSeconds(5), Duration.ofMinutes(1)))) {
            http.start();
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + http.port();
            // loopback and no root password: no credentials needed, as on the MySQL side
            for (String q : new String[]{"SELECT 1", "SELECT 2", "SELECT * FROM nowhere"  /* no database chosen: 1046 */}) {
                client.send(HttpRequest.newBuilder(URI.create(base + "/v1/sql"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + q + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String text = r.body();
            for (String expected : new String[]{
                    "basalt_statements_total{type=\"select\"} ",
                    "basalt_questions_total 3.0",
                    "basalt_http_statements_total{type=\"select\"} 3.0",
                    "basalt_errors_total{code=\"1046\"} 1.0",
                    "basalt_statement_errors_total{code=\"1046\"} 1.0",
                    "basalt_statement_duration_seconds_count 3",
                    "# TYPE basalt_statement_duration_seconds histogram",
                    "basalt_connections ",
                    "basalt_http_request_duration_seconds_bucket{endpoint=\"/v1/sql\"",
                    "jvm_memory_used_bytes",
                    "# TYPE basalt_http_request_duration_seconds histogram",
                    // the engine's server-wide status figures: counters named _total, gauges as they are
                    "# TYPE basalt_text_plan_cache_misses_total counter",
                    "basalt_text_plan_cache_hits_total ",
                    "# TYPE basalt_sort_merge_passes_total counter",
                    "# TYPE basalt_created_tmp_disk_tables_total counter",
                    "# TYPE basalt_spill_files_open gauge"}) {
                assertTrue(text.contains(expected), () -> "missing " + expected + " in\n" + text);
            }
            java.util.regex.Matcher counter = java.util.regex.Pattern.compile("(?m)^# TYPE (\\S+) counter$").matcher(text);
            while (counter.find()) assertTrue(counter.group(1).endsWith("_total"), counter.group(1));
        }
    }
}

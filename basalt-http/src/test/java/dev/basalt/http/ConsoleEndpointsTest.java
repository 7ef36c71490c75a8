package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.storage.memory.MemoryKvStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the web console needs from the server, without a browser: its files at / (and the
 * editor's WebJar), the cancel endpoint stopping a session's running statement, and the status
 * totals. ConsoleBrowserTest drives the page itself.
 */
class ConsoleEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static BasaltEngine engine;
    private static HttpApiServer http;
    private static String base;

    private static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        // no root password: loopback requests are root without credentials
        api = TestApi.start("", 1 << 20);
        engine = api.engine;
        http = api.http;
        base = api.base;
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) b.header("Authorization", authorization);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pageAndFilesAreServed() throws Exception {
        HttpResponse<String> page = send("GET", "/", null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("/console/app.js"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        for (String file : new String[] {"/console/app.js", "/console/grid.js", "/console/style.css",
                "/webjars/codemirror/5.65.16/lib/codemirror.js", "/webjars/codemirror/5.65.16/mode/sql/sql.js"}) {
            HttpResponse<String> r = send("GET", file, null, null);
            assertEquals(200, r.statusCode(), file);
            assertTrue(r.body().length() > 100, file);
        }
        assertEquals("text/javascript; charset=utf-8", send("GET", "/console/app.js", null, null).headers()
                .firstValue("Content-Type").orElseThrow());
    }

    @Test
    void onlyConsoleFilesAreServed() throws Exception {
        assertEquals(404, send("GET", "/console/nope.js", null, null).statusCode());
        assertEquals(404, send("GET", "/console/", null, null).statusCode());
        assertNull(ConsoleAssets.resourceFor("/console/../dev/basalt/http/openapi.json"));
        assertNull(ConsoleAssets.resourceFor("/webjars/..%2f..%2fx"), "no escaping the webjar folder");
        assertNull(ConsoleAssets.resourceFor("/console//x"));
        assertEquals(404, send("GET", "/console/%2e%2e/dev/basalt/http/openapi.json", null, null).statusCode());
        assertEquals(405, send("POST", "/", "{}", null).statusCode());
    }

    @Test
    void cancelStopsTheSessionsRunningStatement() throws Exception {
        JsonNode session = JSON.readTree(send("POST", "/v1/sessions", "{}", null).body());
        String bearer = "Bearer " + session.get("token").asText();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> sleeping = CompletableFuture.supplyAsync(() -> {
            try {
                return send("POST", "/v1/sql", "{\"query\": \"SELECT SLEEP(30) AS s\"}", bearer);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        // the statement must be running before it can be stopped: wait until the process list shows it
        boolean running = false;
        for (int i = 0; i < 600 && !running; i++) {
            JsonNode list = JSON.readTree(send("POST", "/v1/sql",
                    "{\"query\": \"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP%'\"}", null).body());
            running = list.path("rows").path(0).path(0).asInt() > 0;
            if (!running) Thread.sleep(50);
        }
        assertTrue(running, "the SLEEP shows in the process list");
        // a second request on the busy session gives up after its wait, as a lock wait would: 409 with 1205
        HttpResponse<String> busyAnswer = send("POST", "/v1/sql", "{\"query\": \"SELECT 1\"}", bearer);
        assertEquals(409, busyAnswer.statusCode(), busyAnswer.body());
        JsonNode busy = JSON.readTree(busyAnswer.body());
        assertEquals(1205, busy.path("error").path("code").asInt(), busy.toString());
        assertEquals("HY000", busy.path("error").path("sqlstate").asText(), busy.toString());
        HttpResponse<String> cancel = send("POST", "/v1/sessions/cancel", null, bearer);
        assertEquals(200, cancel.statusCode(), cancel.body());
        assertEquals(session.get("connectionId").asLong(), JSON.readTree(cancel.body()).get("connectionId").asLong());
        HttpResponse<String> answer = sleeping.get(10, TimeUnit.SECONDS);
        // MySQL answers 1 for a SLEEP that KILL QUERY interrupted; the engine today may also end
        // the statement with 1317 at its next check: either way it stopped at once
        JsonNode body = JSON.readTree(answer.body());
        if (answer.statusCode() == 200) assertEquals(1, body.get("rows").get(0).get(0).asInt());
        else assertEquals(1317, body.path("error").path("code").asInt(), answer.body());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
        // the session stays usable
        HttpResponse<String> after = send("POST", "/v1/sql", "{\"query\": \"SELECT 2\"}", bearer);
        assertEquals(200, after.statusCode(), after.body());
    }

    @Test
    void cancelNeedsALiveSessionToken() throws Exception {
        HttpResponse<String> none = send("POST", "/v1/sessions/cancel", null, null);
        assertEquals(401, none.statusCode());
        assertEquals(1045, JSON.readTree(none.body()).path("error").path("code").asInt());
        assertEquals(404, send("POST", "/v1/sessions/cancel", null, "Bearer nope").statusCode());
        assertEquals(405, send("GET", "/v1/sessions/cancel", null, null).statusCode());
    }

    @Test
    void statusHasTheTotalsTheChartsNeed() throws Exception {
        send("POST", "/v1/sql", "{\"query\": \"SELECT 1\"}", null);
        HttpResponse<String> r = send("GET", "/v1/status", null, null);
        assertEquals(200, r.statusCode());
        JsonNode s = JSON.readTree(r.body());
        for (String field : new String[] {"timeMillis", "uptimeSeconds", "connections", "questions", "statementsTotal", "httpSessions"}) {
            assertTrue(s.get(field).isNumber(), field + " in " + s);
        }
        assertTrue(s.get("questions").asLong() >= 1);
        assertTrue(s.get("statements").get("select").asLong() >= 1, s.toString());
        assertTrue(s.get("httpStatements").get("count").asLong() >= 1, s.toString());
        assertTrue(s.get("remoteCache").has("enabled"));
        // the text plan cache, which every server has: the status page charts it without a remote cache
        assertTrue(s.get("planCache").get("misses").asLong() >= 1, s.toString());
        assertTrue(s.get("planCache").get("hits").isNumber(), s.toString());
    }

    @Test
    void statusLatencyCoversStatementsOfEveryProtocol() throws Exception {
        JsonNode before = JSON.readTree(send("GET", "/v1/status", null, null).body());
        // a statement that does not come over HTTP (as the MySQL and PostgreSQL ports run theirs)
        try (var session = engine.openSession(new dev.basalt.engine.api.SessionOptions(1L << 41, "root", "localhost", null))) {
            session.execute("DO SLEEP(0.05)", false).next();
        }
        JsonNode after = JSON.readTree(send("GET", "/v1/status", null, null).body());
        assertEquals(before.get("httpStatements").get("count").asLong(), after.get("httpStatements").get("count").asLong());
        assertEquals(before.get("allStatements").get("count").asLong() + 1, after.get("allStatements").get("count").asLong(),
                after.toString());
        assertTrue(after.get("allStatements").get("totalMillis").asDouble()
                - before.get("allStatements").get("totalMillis").asDouble() >= 40, before + " -> " + after);
    }
}

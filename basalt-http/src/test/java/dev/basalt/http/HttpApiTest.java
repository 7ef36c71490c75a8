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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP SQL API end to end: a real engine, a real listener, the JDK's HTTP client. */
class HttpApiTest {

    private static final String PASSWORD = "s3cret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static BasaltEngine engine;
    private static HttpApiServer http;
    private static String base;

    private static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        api = TestApi.start(PASSWORD, 4096);
        engine = api.engine;
        http = api.http;
        base = api.base;
        sql("CREATE DATABASE shop");
        sql("CREATE TABLE shop.item (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(20) NOT NULL, price DECIMAL(8,2))");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    // ---- helpers -------------------------------------------------------------------------------

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Reply post(String path, String json, String authorization, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        if (authorization != null) b.header("Authorization", authorization);
        if (accept != null) b.header("Accept", accept);
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isEmpty() || "application/x-ndjson".equals(accept) && r.statusCode() == 200
                ? null : JSON.readTree(r.body());
        return new Reply(r.statusCode(), body, r);
    }

    private static Reply post(String path, String json) throws Exception {
        return post(path, json, basic("root", PASSWORD), null);
    }

    private static JsonNode sql(String query) throws Exception {
        Reply r = post("/v1/sql", JSON.createObjectNode().put("query", query).toString());
        assertEquals(200, r.status(), () -> query + " -> " + r.body());
        return r.body();
    }

    private static Reply get(String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        boolean json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        return new Reply(r.statusCode(), json ? JSON.readTree(r.body()) : null, r);
    }

    private static void assertError(Reply r, int status, int code, String sqlState) {
        assertEquals(status, r.status(), () -> String.valueOf(r.body()));
        assertEquals(code, r.body().path("error").path("code").asInt(), () -> String.valueOf(r.body()));
        assertEquals(sqlState, r.body().path("error").path("sqlstate").asText());
        assertTrue(r.body().path("error").path("message").asText().length() > 0);
    }

    // ---- /v1/sql -------------------------------------------------------------------------------

    @Test
    void valuesAreTypedExactly() throws Exception {
        JsonNode r = sql("SELECT 42 AS i, 9007199254740993 AS big, 1.50 AS d, 'héllo' AS s, NULL AS n, "
                + "X'00ff' AS b, CAST('{\"a\": [1, 2]}' AS JSON) AS j, 0.25e0 AS f, DATE '2024-02-29' AS dt");
        List<String> names = r.get("columns").findValuesAsText("name");
        assertEquals(List.of("i", "big", "d", "s", "n", "b", "j", "f", "dt"), names);
        assertEquals("DECIMAL(3,2)", r.get("columns").get(2).get("type").asText());
        JsonNode row = r.get("rows").get(0);
        assertTrue(row.get(0).isIntegralNumber());
        assertEquals(42, row.get(0).asInt());
        assertEquals("9007199254740993", row.get(1).asText());
        assertTrue(row.get(1).isTextual(), "beyond 2^53 an integer is a string");
        assertEquals("1.50", row.get(2).asText());
        assertTrue(row.get(2).isTextual(), "DECIMAL is a string");
        assertEquals("héllo", row.get(3).asText());
        assertTrue(row.get(4).isNull());
        assertEquals("AP8=", row.get(5).asText());
        assertEquals(2, row.get(6).get("a").get(1).asInt());
        assertEquals(0.25, row.get(7).asDouble());
        assertEquals("2024-02-29", row.get(8).asText());
        assertEquals(1, r.get("rowCount").asInt());
        assertTrue(r.get("timeMs").isNumber());
    }

    @Test
    void writesReportCountsAndParametersBind() throws Exception {
        Reply ins = post("/v1/sql", "{\"query\": \"INSERT INTO item (name, price) VALUES (?, ?), (?, ?)\","
                + " \"params\": [\"pen\", 1.5, \"o'book\", \"12.00\"], \"database\": \"shop\"}");
        assertEquals(200, ins.status(), () -> ins.body().toString());
        assertEquals(2, ins.body().get("affectedRows").asInt());
        assertTrue(ins.body().get("lastInsertId").asLong() > 0);
        Reply sel = post("/v1/sql", "{\"query\": \"SELECT price FROM item WHERE name = ?\", \"params\": [\"o'book\"],"
                + " \"database\": \"shop\"}");
        assertEquals("12.00", sel.body().get("rows").get(0).get(0).asText());
        Reply wrongCount = post("/v1/sql", "{\"query\": \"SELECT ?\", \"params\": [1, 2]}");
        assertError(wrongCount, 400, 1210, "HY000");
        // an empty list is a count too (it ran as text before: 1064 near '?')
        assertError(post("/v1/sql", "{\"query\": \"SELECT ?\", \"params\": []}"), 400, 1210, "HY000");
        assertEquals(1, sql("SELECT '?' = '?'").get("rows").get(0).get(0).asInt(), "no params: text, a ? in a literal is a ?");
    }

    @Test
    void warningsAreListed() throws Exception {
        JsonNode r = sql("SELECT 1/0");
        assertEquals(1, r.get("warnings").size());
        assertEquals(1365, r.get("warnings").get(0).get("code").asInt());
    }

    @Test
    void sqlErrorsKeepMysqlNumbers() throws Exception {
        assertError(post("/v1/sql", "{\"query\": \"SELECT * FROM shop.nope\"}"), 400, 1146, "42S02");
        assertError(post("/v1/sql", "{\"query\": \"SELEC 1\"}"), 400, 1064, "42000");
        assertError(post("/v1/sql", "{\"query\": \"SELECT 1\", \"database\": \"nodb\"}"), 400, 1049, "42000");
    }

    /**
     * A request the server cannot run answers with the MySQL error the same mistake gets over the
     * wire protocol (they all answered code 0, SQLSTATE HY000 before): no SQL is 1065, a field of
     * the wrong shape 1210, a body that is not JSON 3141.
     */
    @Test
    void badRequestsCarryMysqlNumbers() throws Exception {
        assertError(post("/v1/sql", "{}"), 400, 1065, "42000");
        assertError(post("/v1/sql", ""), 400, 1065, "42000");
        assertError(post("/v1/sql", "{\"query\": \"  \"}"), 400, 1065, "42000");
        assertError(post("/v1/sql", "{\"query\": "), 400, 3141, "22032");
        assertError(post("/v1/sql", "[\"SELECT 1\"]"), 400, 1210, "HY000");
        assertError(post("/v1/sql", "{\"query\": 42}"), 400, 1210, "HY000");
        assertError(post("/v1/sql", "{\"query\": \"SELECT ?\", \"params\": 1}"), 400, 1210, "HY000");
        assertError(post("/v1/sql", "{\"query\": \"SELECT 1\", \"database\": 7}"), 400, 1210, "HY000");
        assertError(post("/v1/batch", "{\"statements\": [42]}"), 400, 1210, "HY000");
        assertError(post("/v1/batch", "{\"statements\": [{\"params\": []}]}"), 400, 1065, "42000");
        assertError(post("/v1/batch", "{\"statements\": \"SELECT 1\"}"), 400, 1210, "HY000");
    }

    @Test
    void httpStatusesForMysqlErrors() {
        assertEquals(409, ApiError.statusFor(1213));
        assertEquals(403, ApiError.statusFor(1142));
        assertEquals(401, ApiError.statusFor(1045));
        assertEquals(413, ApiError.statusFor(1153));
        assertEquals(503, ApiError.statusFor(3024));
        assertEquals(400, ApiError.statusFor(1146));
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        // no MySQL error names a missing endpoint: 1047 "Unknown command" is what the wire protocol
        // answers for a command it does not know, the nearest thing to a path or method it lacks
        assertError(get("/v2/nothing"), 404, 1047, "08S01");
        assertError(get("/v1/sql"), 405, 1047, "08S01");
        assertError(post("/v1/nothing", "{}"), 404, 1047, "08S01");
        assertError(get("/console/nothing.js"), 404, 1047, "08S01");
    }

    // ---- auth, limits, timeout -----------------------------------------------------------------

    @Test
    void basicAuthIsRequiredWhenRootHasAPassword() throws Exception {
        Reply none = post("/v1/sql", "{\"query\": \"SELECT 1\"}", null, null);
        assertError(none, 401, 1045, "28000");
        assertTrue(none.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        Reply wrong = post("/v1/sql", "{\"query\": \"SELECT 1\"}", basic("root", "bad"), null);
        assertError(wrong, 401, 1045, "28000");
        assertTrue(wrong.body().get("error").get("message").asText().contains("using password: YES"));
        assertError(post("/v1/sql", "{\"query\": \"SELECT 1\"}", basic("nobody", "x"), null), 401, 1045, "28000");
        assertError(post("/v1/sql", "{\"query\": \"SELECT 1\"}", "Bearer not-a-token", null), 404, 1094, "HY000");
    }

    @Test
    void repeatedFailedLoginsAreDelayedAsOnTheOtherPorts() throws Exception {
        sql("CREATE USER 'guessed'@'%' IDENTIFIED BY 'right-Pw'");
        try {
            for (int i = 0; i < 3; i++) {
                assertError(post("/v1/sql", "{\"query\": \"SELECT 1\"}", basic("guessed", "wrong" + i), null), 401, 1045, "28000");
            }
            // the engine's memory of failures, shared with the MySQL and PostgreSQL ports
            assertTrue(engine.loginThrottle().delayMillis("guessed", "127.0.0.1") >= 1000);
            long start = System.nanoTime();
            assertEquals(200, post("/v1/sql", "{\"query\": \"SELECT 1\"}", basic("guessed", "right-Pw"), null).status());
            assertTrue(System.nanoTime() - start >= 900_000_000L, "the fourth attempt waited about a second");
            assertEquals(0, engine.loginThrottle().delayMillis("guessed", "127.0.0.1"), "a success forgets the failures");
        } finally {
            sql("DROP USER 'guessed'@'%'");
        }
    }

    @Test
    void otherAccountsAuthenticateAndAreCheckedByTheirGrants() throws Exception {
        sql("CREATE USER 'reader'@'%' IDENTIFIED BY 'r3ad'");
        sql("GRANT SELECT ON shop.* TO 'reader'@'%'");
        String reader = basic("reader", "r3ad");
        Reply read = post("/v1/sql", "{\"query\": \"SELECT COUNT(*) FROM shop.item\"}", reader, null);
        assertEquals(200, read.status(), () -> read.body().toString());
        Reply who = post("/v1/sql", "{\"query\": \"SELECT CURRENT_USER()\"}", reader, null);
        assertEquals("reader@%", who.body().get("rows").get(0).get(0).asText());
        // what MySQL answers a SELECT-only account: 1142, here as 403
        assertError(post("/v1/sql", "{\"query\": \"INSERT INTO shop.item (name) VALUES ('x')\"}", reader, null), 403, 1142, "42000");
        assertError(post("/v1/sql", "{\"query\": \"SELECT 1\"}", basic("reader", "wrong"), null), 401, 1045, "28000");
        sql("ALTER USER 'reader'@'%' ACCOUNT LOCK");
        assertEquals(401, post("/v1/sql", "{\"query\": \"SELECT 1\"}", reader, null).status(), "a locked account is refused");
        sql("DROP USER 'reader'@'%'");
    }

    @Test
    void requestBodiesAreLimited() throws Exception {
        String big = "{\"query\": \"SELECT '" + "x".repeat(5000) + "'\"}";
        assertError(post("/v1/sql", big), 413, 1153, "08S01");
    }

    @Test
    void statementTimeoutAnswers503() throws Exception {
        try (HttpApiServer strict = new HttpApiServer(engine,
                new HttpConfig("127.0.0.1", 0, 4096, Duration.ofMillis(300), Duration.ofSeconds(60)))) {
            strict.start();
            int before = engine.sessions().size(); // held sessions of other tests may be open
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + strict.port() + "/v1/sql"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"SELECT SLEEP(5)\"}"))
                    .header("Authorization", basic("root", PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertError(new Reply(r.statusCode(), JSON.readTree(r.body()), r), 503, 3024, "HY000");
            // the SLEEP is stopped, not left running for its 5 s: its session closes soon
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (engine.sessions().size() > before && System.nanoTime() < deadline) Thread.sleep(50);
            // at most as many: sessions kept for token-less requests may also expire meanwhile
            assertTrue(engine.sessions().size() <= before, "the timed-out statement's session is closed");
        }
        assertEquals(1, sql("SELECT 1").get("rows").get(0).get(0).asInt(), "the server still answers");
    }

    @Test
    void statementTimeoutEndsAStream() throws Exception {
        sql("CREATE TABLE shop.slow (id INT PRIMARY KEY)");
        sql("INSERT INTO shop.slow VALUES (1), (2), (3), (4), (5), (6)");
        try (HttpApiServer strict = new HttpApiServer(engine,
                new HttpConfig("127.0.0.1", 0, 4096, Duration.ofMillis(500), Duration.ofSeconds(60)))) {
            strict.start();
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + strict.port() + "/v1/sql"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"SELECT id, SLEEP(0.3) FROM shop.slow\"}"))
                    .header("Authorization", basic("root", PASSWORD)).header("Accept", "application/x-ndjson").build(),
                    HttpResponse.BodyHandlers.ofString());
            String[] lines = r.body().split("\n");
            JsonNode last = JSON.readTree(lines[lines.length - 1]);
            if (r.statusCode() == 200) {
                assertEquals(3024, last.path("error").path("code").asInt(), r.body());
                assertTrue(lines.length < 8, "the rows stopped: " + r.body());
            } else {
                assertEquals(503, r.statusCode(), r.body()); // stopped before the first line
                assertEquals(3024, last.path("error").path("code").asInt(), r.body());
            }
        }
    }

    // ---- sessions and batches ------------------------------------------------------------------

    @Test
    void sessionsKeepStateAndTransactions() throws Exception {
        Reply opened = post("/v1/sessions", "{\"database\": \"shop\"}");
        assertEquals(201, opened.status(), () -> String.valueOf(opened.body()));
        String bearer = "Bearer " + opened.body().get("token").asText();
        assertEquals(200, post("/v1/sql", "{\"query\": \"SET @x = 5\"}", bearer, null).status());
        JsonNode x = post("/v1/sql", "{\"query\": \"SELECT @x, DATABASE()\"}", bearer, null).body();
        assertEquals(5, x.path("rows").path(0).path(0).asInt(), x::toString);
        assertEquals("shop", x.get("rows").get(0).get(1).asText());

        assertEquals(200, post("/v1/sql", "{\"query\": \"START TRANSACTION\"}", bearer, null).status());
        assertEquals(200, post("/v1/sql", "{\"query\": \"INSERT INTO item (name) VALUES ('txn-only')\"}", bearer, null).status());
        JsonNode inside = post("/v1/sql", "{\"query\": \"SELECT COUNT(*) FROM item WHERE name = 'txn-only'\"}", bearer, null).body();
        assertEquals(1, inside.get("rows").get(0).get(0).asInt());
        assertError(post("/v1/batch", "{\"statements\": [\"SELECT 1\"]}", bearer, null), 409, 1192, "HY000");
        post("/v1/sql", "{\"query\": \"ROLLBACK\"}", bearer, null);
        assertEquals(0, sql("SELECT COUNT(*) FROM shop.item WHERE name = 'txn-only'").get("rows").get(0).get(0).asInt());

        HttpResponse<String> deleted = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/v1/sessions"))
                .DELETE().header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode());
        assertError(post("/v1/sql", "{\"query\": \"SELECT 1\"}", bearer, null), 404, 1094, "HY000");
    }

    /**
     * KILL of a held session's connection id ends the session as it ends a MySQL connection: its
     * open transaction rolls back, and the token answers 404 saying so (it answered 503 "Server
     * shutdown in progress" forever before), so a client knows to open a new one.
     */
    @Test
    void aKilledSessionIsGoneAndItsTokenSaysWhy() throws Exception {
        sql("CREATE TABLE shop.killed (id INT PRIMARY KEY)");
        Reply opened = post("/v1/sessions", "{\"database\": \"shop\"}");
        String bearer = "Bearer " + opened.body().get("token").asText();
        long id = opened.body().get("connectionId").asLong();
        assertEquals(200, post("/v1/sql", "{\"query\": \"START TRANSACTION\"}", bearer, null).status());
        assertEquals(200, post("/v1/sql", "{\"query\": \"INSERT INTO killed VALUES (1)\"}", bearer, null).status());
        sql("KILL " + id);
        Reply after = post("/v1/sql", "{\"query\": \"SELECT 1\"}", bearer, null);
        assertError(after, 404, 1094, "HY000");
        assertTrue(after.body().path("error").path("message").asText().contains("KILL"), after.body()::toString);
        assertTrue(engine.sessions().stream().noneMatch(x -> x.connectionId() == id), "the session is closed");
        assertEquals(0, sql("SELECT COUNT(*) FROM shop.killed").get("rows").get(0).get(0).asInt(), "rolled back");
    }

    /**
     * A batch is all or nothing: a COMMIT, ROLLBACK, BEGIN or SET autocommit inside it would commit
     * the statements before it whatever comes after, so it is refused before anything runs (it
     * ran and left the first part committed before).
     */
    @Test
    void aBatchRefusesStatementsThatEndItsTransaction() throws Exception {
        sql("CREATE TABLE shop.batched (id INT PRIMARY KEY)");
        for (String control : List.of("COMMIT", "commit work", "/* c */ ROLLBACK", "BEGIN", "START TRANSACTION READ ONLY",
                "SET autocommit = 1", "SET @@session.autocommit=0")) {
            Reply r = post("/v1/batch", JSON.createObjectNode().put("database", "shop").set("statements", JSON.createArrayNode()
                    .add("INSERT INTO batched VALUES (1)").add(control).add("INSERT INTO batched VALUES (1)")).toString());
            assertError(r, 400, 1422, "HY000");
            assertEquals(1, r.body().path("error").path("statementIndex").asInt(), control);
        }
        assertEquals(0, sql("SELECT COUNT(*) FROM shop.batched").get("rows").get(0).get(0).asInt(), "nothing ran");
        // a savepoint rolled back to stays inside the batch's transaction
        Reply ok = post("/v1/batch", "{\"database\": \"shop\", \"statements\": [\"INSERT INTO batched VALUES (1)\", \"SAVEPOINT s\","
                + " \"INSERT INTO batched VALUES (2)\", \"ROLLBACK TO SAVEPOINT s\"]}");
        assertEquals(200, ok.status(), () -> String.valueOf(ok.body()));
        assertEquals(1, sql("SELECT COUNT(*) FROM shop.batched").get("rows").get(0).get(0).asInt());
    }

    @Test
    void idleSessionsExpireAndRollBack() throws Exception {
        sql("CREATE TABLE shop.idle (id INT PRIMARY KEY)");
        try (HttpApiServer quick = new HttpApiServer(engine,
                new HttpConfig("127.0.0.1", 0, 4096, Duration.ofSeconds(10), Duration.ofMillis(700)))) {
            quick.start();
            String at = "http://127.0.0.1:" + quick.port();
            HttpResponse<String> opened = CLIENT.send(HttpRequest.newBuilder(URI.create(at + "/v1/sessions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Authorization", basic("root", PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String bearer = "Bearer " + JSON.readTree(opened.body()).get("token").asText();
            for (String q : new String[]{"START TRANSACTION", "INSERT INTO shop.idle VALUES (1)"}) {
                assertEquals(200, CLIENT.send(HttpRequest.newBuilder(URI.create(at + "/v1/sql"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + q + "\"}"))
                        .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            Thread.sleep(1500);
            HttpResponse<String> late = CLIENT.send(HttpRequest.newBuilder(URI.create(at + "/v1/sql"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"COMMIT\"}"))
                    .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, late.statusCode(), late.body());
        }
        assertEquals(0, sql("SELECT COUNT(*) FROM shop.idle").get("rows").get(0).get(0).asInt(), "rolled back on expiry");
    }

    @Test
    void sessionsNeedCredentials() throws Exception {
        assertError(post("/v1/sessions", "{}", basic("root", "bad"), null), 401, 1045, "28000");
    }

    @Test
    void batchIsAllOrNothing() throws Exception {
        sql("CREATE TABLE shop.ledger (id INT PRIMARY KEY, note VARCHAR(10))");
        Reply ok = post("/v1/batch", "{\"database\": \"shop\", \"statements\": [\"INSERT INTO ledger VALUES (1, 'a')\","
                + " {\"query\": \"INSERT INTO ledger VALUES (?, ?)\", \"params\": [2, \"b\"]}, \"SELECT COUNT(*) FROM ledger\"]}");
        assertEquals(200, ok.status(), () -> ok.body().toString());
        assertEquals(3, ok.body().get("results").size());
        assertEquals(2, ok.body().get("results").get(2).get("rows").get(0).get(0).asInt());

        Reply bad = post("/v1/batch", "{\"database\": \"shop\", \"statements\": [\"INSERT INTO ledger VALUES (3, 'c')\","
                + " \"INSERT INTO ledger VALUES (1, 'dup')\"]}");
        assertError(bad, 400, 1062, "23000");
        assertEquals(1, bad.body().get("error").get("statementIndex").asInt());
        assertEquals(2, sql("SELECT COUNT(*) FROM shop.ledger").get("rows").get(0).get(0).asInt(), "rolled back");
        assertError(post("/v1/batch", "{\"statements\": []}"), 400, 1210, "HY000");
    }

    // ---- NDJSON --------------------------------------------------------------------------------

    private static List<JsonNode> ndjson(String query) throws Exception {
        Reply r = post("/v1/sql", JSON.createObjectNode().put("query", query).toString(),
                basic("root", PASSWORD), "application/x-ndjson");
        assertEquals(200, r.status(), r.raw().body());
        assertEquals("application/x-ndjson", r.raw().headers().firstValue("Content-Type").orElse(""));
        List<JsonNode> lines = new java.util.ArrayList<>();
        assertTrue(r.raw().body().endsWith("\n"), "every line ends with a newline");
        for (String line : r.raw().body().split("\n")) {
            assertEquals(line.strip(), line, "one JSON value per line, nothing around it");
            if (!line.isBlank()) lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void ndjsonStreamsHeaderRowsAndDone() throws Exception {
        List<JsonNode> lines = ndjson("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i FROM n");
        assertEquals("i", lines.get(0).get("columns").get(0).get("name").asText());
        assertEquals(1002, lines.size());
        assertEquals(1000, lines.get(1000).get(0).asInt());
        JsonNode done = lines.get(1001);
        assertTrue(done.get("done").asBoolean());
        assertEquals(1000, done.get("rowCount").asInt());
    }

    @Test
    void ndjsonReportsAMidStreamError() throws Exception {
        sql("CREATE TABLE shop.seq (id INT PRIMARY KEY)");
        sql("INSERT INTO shop.seq VALUES (1), (2), (3), (4)");
        List<JsonNode> lines = ndjson("SELECT IF(id = 3, (SELECT 1 UNION SELECT 2), id) FROM shop.seq");
        JsonNode last = lines.getLast();
        assertNotNull(last.get("error"), () -> lines.toString());
        assertEquals(1242, last.get("error").get("code").asInt());
        assertTrue(lines.get(1).isArray(), "rows before the error were sent");
    }

    @Test
    void ndjsonErrorBeforeTheFirstLineIsAnOrdinaryError() throws Exception {
        Reply r = post("/v1/sql", "{\"query\": \"SELECT * FROM shop.nope\"}", basic("root", PASSWORD), "application/x-ndjson");
        assertEquals(400, r.status());
        assertEquals(1146, JSON.readTree(r.raw().body()).get("error").get("code").asInt());
    }

    // ---- description and metrics ---------------------------------------------------------------

    @Test
    void openApiIsServed() throws Exception {
        Reply r = get("/v1/openapi.json");
        assertEquals(200, r.status());
        JsonNode doc = JSON.readTree(r.raw().body());
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        assertNotNull(doc.get("paths").get("/v1/sql"));
    }

    @Test
    void healthAnswers() throws Exception {
        assertEquals(200, get("/health").status());
        Reply ready = get("/ready");
        assertEquals(200, ready.status());
        assertEquals("ready", JSON.readTree(ready.raw().body()).get("status").asText());
    }
}

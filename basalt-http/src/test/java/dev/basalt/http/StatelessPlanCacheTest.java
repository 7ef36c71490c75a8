package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests without a session token run in kept sessions (StatelessSessions), so a statement
 * sent again with new literals hits the text plan cache as it does over one MySQL connection;
 * each request still starts as on a new connection.
 */
class StatelessPlanCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        api = TestApi.start("", 1 << 20);
        for (String db : new String[]{"north", "south"}) {
            sql("CREATE DATABASE " + db, null);
            sql("CREATE TABLE " + db + ".city (id INT PRIMARY KEY, name VARCHAR(20))", null);
            for (int i = 1; i <= 5; i++) sql("INSERT INTO " + db + ".city VALUES (" + i + ", '" + db + i + "')", null);
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode post(String query, String database) throws Exception {
        var body = JSON.createObjectNode().put("query", query);
        if (database != null) body.put("database", database);
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(api.base + "/v1/sql"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static JsonNode withParams(String query, String database, Object... params) throws Exception {
        var body = JSON.createObjectNode().put("query", query).put("database", database);
        var array = body.putArray("params");
        for (Object p : params) array.addPOJO(p);
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(api.base + "/v1/sql"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        assertTrue(json.has("rows"), () -> query + " -> " + json);
        return json;
    }

    private static JsonNode sql(String query, String database) throws Exception {
        JsonNode r = post(query, database);
        assertTrue(r.has("rows"), () -> query + " -> " + r);
        return r;
    }

    private static long status(String name) throws Exception {
        return sql("SHOW GLOBAL STATUS LIKE '" + name + "'", null).path("rows").path(0).path(1).asLong();
    }

    @Test
    void statementsWithNewLiteralsHitThePlanCacheUnderTheirOwnDatabase() throws Exception {
        long hits = status("Basalt_text_plan_cache_hits");
        for (int i = 1; i <= 5; i++) {
            // the same text under two databases: each answers from its own table
            assertEquals("north" + i, sql("SELECT name FROM city WHERE id = " + i, "north").path("rows").path(0).path(0).asText());
            assertEquals("south" + i, sql("SELECT name FROM city WHERE id = " + i, "south").path("rows").path(0).path(0).asText());
        }
        long more = status("Basalt_text_plan_cache_hits") - hits;
        // 10 requests, one miss per database's session; without kept sessions every request missed (0 hits)
        assertTrue(more >= 8, "plan cache hits for 10 stateless requests: " + more);
        HttpResponse<String> metrics = CLIENT.send(HttpRequest.newBuilder(URI.create(api.base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().matches("(?s).*\\nbasalt_http_stateless_session_reuses_total [1-9].*"), metrics.body());
        assertTrue(metrics.body().matches("(?s).*\\nbasalt_text_plan_cache_hits_total [1-9].*"), metrics.body());
    }

    /**
     * A request with params executes the statement its kept session prepared for the same text
     * before (Com_stmt_prepare counts every prepare), under the database and sql_mode it was
     * prepared with, and sees DDL made since.
     */
    @Test
    void statementsWithParamsArePreparedOncePerKeptSession() throws Exception {
        String select = "SELECT name FROM city WHERE id = ?";
        withParams(select, "north", 1); // prepared (at least) here
        long prepares = status("Com_stmt_prepare");
        for (int i = 1; i <= 5; i++) {
            assertEquals("north" + i, withParams(select, "north", i).path("rows").path(0).path(0).asText());
            assertEquals("south" + i, withParams(select, "south", i).path("rows").path(0).path(0).asText());
        }
        long more = status("Com_stmt_prepare") - prepares;
        // 10 requests: the south session prepares once; without kept statements each one prepared (10)
        assertTrue(more <= 2, "prepares for 10 stateless requests with params: " + more);
        HttpResponse<String> metrics = CLIENT.send(HttpRequest.newBuilder(URI.create(api.base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().matches("(?s).*\\nbasalt_http_kept_statement_hits_total [1-9].*"), metrics.body());

        // DDL since: the kept statement sees the new column
        String star = "SELECT * FROM city WHERE id = ?";
        assertEquals(2, withParams(star, "north", 1).path("columns").size());
        sql("ALTER TABLE north.city ADD COLUMN pop INT DEFAULT 7", null);
        try {
            JsonNode r = withParams(star, "north", 1);
            assertEquals(3, r.path("columns").size(), r.toString());
            assertEquals(7, r.path("rows").path(0).path(2).asInt(), r.toString());
        } finally {
            sql("ALTER TABLE north.city DROP COLUMN pop", null);
        }

        // the text means something else under another sql_mode: prepared again, not reused
        String quoted = "SELECT \"name\" FROM city WHERE id = ?";
        assertEquals("name", withParams(quoted, "north", 1).path("rows").path(0).path(0).asText());
        String mode = sql("SELECT @@GLOBAL.sql_mode", null).path("rows").path(0).path(0).asText();
        sql("SET GLOBAL sql_mode = 'ANSI_QUOTES'", null);
        try {
            assertEquals("north1", withParams(quoted, "north", 1).path("rows").path(0).path(0).asText());
        } finally {
            sql("SET GLOBAL sql_mode = DEFAULT", null);
            assertEquals(mode, sql("SELECT @@GLOBAL.sql_mode", null).path("rows").path(0).path(0).asText(), "SET GLOBAL ... = DEFAULT");
        }
        assertEquals("name", withParams(quoted, "north", 1).path("rows").path(0).path(0).asText());
    }

    @Test
    void eachRequestStartsAsOnANewConnection() throws Exception {
        // several rounds, so that the kept session that ran the SETs is the one asked next
        for (int round = 0; round < 3; round++) {
            sql("SET @leak = 5", null);
            assertTrue(sql("SELECT @leak", null).path("rows").path(0).path(0).isNull(), "user variables do not carry over");
            sql("SET SESSION sql_mode = 'ANSI_QUOTES'", null);
            assertEquals("a", sql("SELECT \"a\" AS s", null).path("rows").path(0).path(0).asText(), "sql_mode is the global one again");
            sql("CREATE TEMPORARY TABLE north.tmp_leak (id INT)", null);
            assertEquals(1146, post("SELECT * FROM north.tmp_leak", null).path("error").path("code").asInt(), "temporary tables are dropped");
            sql("USE south", null);
            assertTrue(sql("SELECT DATABASE()", null).path("rows").path(0).path(0).isNull(), "no database unless asked for");
        }
    }

    /** A kept session whose connection is killed is closed, not lent again. */
    @Test
    void aKilledSessionIsNotReused() throws Exception {
        long id = sql("SELECT CONNECTION_ID()", null).path("rows").path(0).path(0).asLong();
        post("KILL " + id, null); // most likely runs in that very session (the warmest is lent first)
        long next = sql("SELECT CONNECTION_ID()", null).path("rows").path(0).path(0).asLong();
        assertTrue(next != id, "a new session after KILL " + id);
        assertTrue(api.engine.sessions().stream().noneMatch(x -> x.connectionId() == id), "the killed session is closed");
    }
}

package dev.basalt.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --http-port: resolved like every setting, off by default, serving the same engine as the MySQL side. */
class HttpListenerTest {

    @TempDir
    Path dir;

    @Test
    void httpPortComesFromFlagEnvironmentOrIsOff() {
        SettingsLoader noEnv = new SettingsLoader(Map.of(), dir);
        assertFalse(noEnv.loadHttp(new EnumMap<>(Setting.class), null).enabled());
        assertEquals(8080, new SettingsLoader(Map.of("BASALT_HTTP_PORT", "8080"), dir)
                .loadHttp(new EnumMap<>(Setting.class), null).port());
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.HTTP_PORT, "9090");
        flags.put(Setting.HTTP_STATEMENT_TIMEOUT, "5");
        HttpSettings h = noEnv.loadHttp(flags, null);
        assertEquals(9090, h.port());
        assertEquals(5, h.statementTimeoutSeconds());
        flags.put(Setting.HTTP_PORT, "http");
        assertThrows(SettingsException.class, () -> noEnv.loadHttp(flags, null));
    }

    @Test
    void httpAndMysqlShareTheEngine() throws Exception {
        int httpPort;
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"),
                new HttpSettings(0, 10))) {
            httpPort = server.httpPort();
            assertTrue(server.readyLine().contains("HTTP on 127.0.0.1:" + httpPort), server.readyLine());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/v1/batch"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"statements\": [\"CREATE DATABASE web\","
                            + " \"CREATE TABLE web.t (id INT PRIMARY KEY)\", \"INSERT INTO web.t VALUES (7)\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/web", "root", "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT id FROM t")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
        assertThrows(ConnectException.class, () -> new java.net.Socket("127.0.0.1", httpPort).close());
    }

    @Test
    void httpIsOffByDefault() throws Exception {
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"))) {
            assertEquals(-1, server.httpPort());
            assertFalse(server.readyLine().contains("HTTP"));
        }
    }
}

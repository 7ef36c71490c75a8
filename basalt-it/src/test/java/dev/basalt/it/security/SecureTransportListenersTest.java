package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static dev.basalt.it.security.TlsTools.exec;
import static dev.basalt.it.security.TlsTools.openssl;

import dev.basalt.it.security.TlsTools.Run;
import dev.basalt.it.support.TempDirs;
import dev.basalt.server.BasaltServer;
import dev.basalt.server.HttpSettings;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * require_secure_transport on the other listeners, and ALTER INSTANCE RELOAD TLS for HTTPS, with
 * the real clients: psql (a plaintext startup gets PostgreSQL's hostssl refusal, FATAL 28000),
 * curl (plain HTTP is answered 403 with MySQL's 3159) and openssl s_client (the certificate a new
 * HTTPS connection is shown).
 */
class SecureTransportListenersTest {
    private static final String PSQL = "/usr/bin/psql";

    @Test
    void plaintextClientsAreRefusedOnThePostgresAndHttpPorts() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PSQL)), "psql not installed");
        Path dir = Files.createTempDirectory("basalt-secure-transport");
        try (BasaltServer server = BasaltServer.start(settings(dir), new HttpSettings(0, 10), TlsSettings.GENERATED)) {
            int pg = server.startPostgres(0);
            String http = "http://127.0.0.1:" + server.httpPort();
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?sslMode=trust",
                    "root", ""); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL require_secure_transport = ON");

                Run plain = psql(pg, "disable");
                assertNotEquals(0, plain.exitCode());
                assertTrue(plain.stderr().contains("FATAL:  no pg_hba.conf entry for host \"127.0.0.1\", user \"root\", "
                        + "database \"root\", no encryption"), plain.stderr());
                Run tls = psql(pg, "require");
                assertEquals(0, tls.exitCode(), tls.stderr());
                assertEquals("42", tls.stdout().strip());

                Run refused = curl(http + "/v1/sql", "-d", "{\"query\": \"SELECT 1\"}");
                assertTrue(refused.stdout().endsWith(" 403"), refused.stdout());
                assertTrue(refused.stdout().contains("\"code\":3159"), refused.stdout());
                assertTrue(refused.stdout().contains("Connections using insecure transport are prohibited while "
                        + "--require_secure_transport=ON."), refused.stdout());
                assertTrue(curl(http + "/metrics").stdout().endsWith(" 403"));
                // the probes carry no data and stay open for load balancers
                assertTrue(curl(http + "/health").stdout().endsWith(" 200"));

                s.execute("SET GLOBAL require_secure_transport = OFF");
                assertEquals(0, psql(pg, "disable").exitCode());
                Run allowed = curl(http + "/v1/sql", "-d", "{\"query\": \"SELECT 1\"}");
                assertTrue(allowed.stdout().endsWith(" 200"), allowed.stdout());
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    @Test
    void reloadGivesNewHttpsConnectionsTheNewCertificate() throws Exception {
        Path dir = Files.createTempDirectory("basalt-https-reload");
        try (BasaltServer server = BasaltServer.start(settings(dir.resolve("data")), new HttpSettings(0, 10),
                new TlsSettings(true, null, null, null, true))) {
            String certs = dir.toString();
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", certs + "/key2.pem", "-out",
                    certs + "/cert2.pem", "-subj", "/CN=reloaded-https", "-days", "2");
            int port = server.httpPort();
            assertTrue(peerSubject(port).contains("Auto_Generated_Server_Certificate"), peerSubject(port));
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?sslMode=trust",
                    "root", ""); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL ssl_cert = '" + certs + "/cert2.pem', GLOBAL ssl_key = '" + certs + "/key2.pem', "
                        + "GLOBAL ssl_ca = ''");
                s.execute("ALTER INSTANCE RELOAD TLS");
                assertTrue(peerSubject(port).contains("reloaded-https"), peerSubject(port));
                // HTTPS is secure transport: the API answers while require_secure_transport is ON
                s.execute("SET GLOBAL require_secure_transport = ON");
                Run ok = curl("https://127.0.0.1:" + port + "/v1/sql", "-k", "-d", "{\"query\": \"SELECT 1\"}");
                assertTrue(ok.stdout().endsWith(" 200"), ok.stdout() + ok.stderr());
                s.execute("SET GLOBAL require_secure_transport = OFF");
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    private static ServerSettings settings(Path dataDir) {
        return ServerSettings.defaults().withPort(0).withRootPassword("").withDataDir(dataDir);
    }

    private static Run psql(int port, String sslmode) throws Exception {
        return exec(List.of(PSQL, "host=127.0.0.1 port=" + port + " user=root dbname=root sslmode=" + sslmode,
                "-tAc", "SELECT 41 + 1"));
    }

    /** The body, a space and the HTTP status. */
    private static Run curl(String url, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "-u", "root:", "-H", "Content-Type: application/json",
                "-w", " %{http_code}", url));
        cmd.addAll(List.of(extra));
        return exec(cmd);
    }

    private static String peerSubject(int port) throws Exception {
        Run r = exec(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief"));
        String all = r.stdout() + r.stderr();
        return all.lines().filter(l -> l.startsWith("Peer certificate:")).findFirst().orElse("none: " + all);
    }
}

package dev.basalt.it.security;

import static dev.basalt.it.security.TlsTools.exec;
import static dev.basalt.it.security.TlsTools.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basalt.it.cli.MariaDbCli;
import dev.basalt.it.security.TlsTools.Run;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without a data directory to keep it in (memory storage, a disaggregated compute) the generated
 * certificate is made at every start with EC P-256 keys instead of RSA: the real clients must
 * still connect over TLS, and TLSv1.2 shows an ECDSA suite.
 */
class InMemoryEcCertificateTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(ServerSettings.defaults().withStorage("memory").withPort(0).withRootPassword(""),
                TlsSettings.GENERATED);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void mariadbCliNegotiatesAnEcdsaSuite() throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        Run tls = exec(List.of(MariaDbCli.binary(), "--no-defaults", "-h", "127.0.0.1", "-P",
                Integer.toString(server.port()), "-u", "root", "--protocol=TCP", "--batch", "--ssl",
                "--ssl-verify-server-cert=0", "--tls-version=TLSv1.2", "-e", "SHOW STATUS LIKE 'Ssl_cipher'"));
        assertEquals(0, tls.exitCode(), tls.stderr());
        assertTrue(tls.stdout().matches("(?s).*Ssl_cipher\tECDHE-ECDSA-[A-Z0-9-]+\n.*"), tls.stdout());
    }

    @Test
    void bothConnectorJsConnectOverTls() throws Exception {
        String mysql = "jdbc:mysql://127.0.0.1:" + server.port() + "/?allowPublicKeyRetrieval=true&sslMode=REQUIRED";
        try (Connection c = DriverManager.getConnection(mysql, "root", ""); Statement s = c.createStatement()) {
            assertTrue(value(s, "SHOW STATUS LIKE 'Ssl_version'").matches("Ssl_version TLSv1\\.[23]"));
        }
        String mysql12 = mysql + "&tlsVersions=TLSv1.2";
        try (Connection c = DriverManager.getConnection(mysql12, "root", ""); Statement s = c.createStatement()) {
            assertTrue(value(s, "SHOW STATUS LIKE 'Ssl_cipher'").startsWith("Ssl_cipher ECDHE-ECDSA-"));
        }
        String mariadb = "jdbc:mariadb://127.0.0.1:" + server.port() + "/?sslMode=trust";
        try (Connection c = DriverManager.getConnection(mariadb, "root", ""); Statement s = c.createStatement()) {
            assertTrue(value(s, "SHOW STATUS LIKE 'Ssl_version'").matches("Ssl_version TLSv1\\.[23]"));
        }
    }

    @Test
    void psqlConnectsOverTls() throws Exception {
        Path psql = Path.of("/usr/bin/psql");
        assumeTrue(Files.isExecutable(psql), "psql not installed");
        int pg = server.startPostgres();
        Run require = exec(List.of(psql.toString(), "host=127.0.0.1 port=" + pg + " user=root dbname=root sslmode=require",
                "-tAc", "SELECT 41 + 1"));
        assertEquals(0, require.exitCode(), require.stderr());
        assertEquals("42", require.stdout().strip());
    }
}

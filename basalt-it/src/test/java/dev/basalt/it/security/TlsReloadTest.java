package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.basalt.it.security.TlsTools.exec;
import static dev.basalt.it.security.TlsTools.openssl;
import static dev.basalt.it.security.TlsTools.value;

import dev.basalt.it.security.TlsTools.Run;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ALTER INSTANCE RELOAD TLS and the dynamic ssl_* / tls_version / ssl_cipher variables: new
 * connections get the new certificate (seen with {@code openssl s_client -starttls mysql|postgres}),
 * connections already open keep working, a failed reload keeps the old context (3888), and
 * NO ROLLBACK ON ERROR switches TLS off instead.
 */
class TlsReloadTest {
    private static TestServer server;
    private static Path files;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(ServerSettings.defaults().withPort(0).withRootPassword(""), TlsSettings.GENERATED);
        files = Files.createTempDirectory("basalt-reload-certs");
        // a second CA and a server certificate from it, named so the test can tell them apart
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", file("ca2-key.pem"), "-out", file("ca2.pem"),
                "-subj", "/CN=Reload Test CA", "-days", "2");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", file("server2-key.pem"), "-out", file("server2.csr"),
                "-subj", "/CN=reloaded-server");
        openssl("x509", "-req", "-in", file("server2.csr"), "-CA", file("ca2.pem"), "-CAkey", file("ca2-key.pem"),
                "-CAcreateserial", "-CAserial", file("ca2.srl"), "-days", "2", "-out", file("server2.pem"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (files != null) TempDirs.deleteRecursively(files);
    }

    private static String file(String name) { return files.resolve(name).toString(); }

    /** The subject of the certificate a new TLS connection is shown, or the failure. */
    private static Run handshake(String protocol, int port, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-starttls", protocol, "-brief"));
        cmd.addAll(List.of(extra));
        return exec(cmd);
    }

    private static String peerSubject(String protocol, int port) throws Exception {
        Run r = handshake(protocol, port);
        String all = r.stdout() + r.stderr();
        return all.lines().filter(l -> l.startsWith("Peer certificate:")).findFirst().orElse("none: " + all);
    }

    private static Connection root(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?" + options, "root", "");
    }

    @Test
    void reloadSwapsTheCertificateForNewConnectionsOnly() throws Exception {
        int pg = server.startPostgres();
        assertTrue(peerSubject("mysql", server.port()).contains("Auto_Generated_Server_Certificate"));
        try (Connection before = root("sslMode=trust"); Statement old = before.createStatement();
             Connection admin = root(""); Statement s = admin.createStatement()) {
            assertTrue(value(s, "SHOW STATUS LIKE 'Ssl_server_not_after'")
                    .matches("Ssl_server_not_after [A-Z][a-z]{2} [ 1-3][0-9] \\d\\d:\\d\\d:\\d\\d \\d{4} GMT"));
            assertEquals("Current_tls_cert server-cert.pem", value(s, "SHOW STATUS LIKE 'Current_tls_cert'"));

            s.execute("SET GLOBAL ssl_cert = '" + file("server2.pem") + "', GLOBAL ssl_key = '" + file("server2-key.pem")
                    + "', GLOBAL ssl_ca = '" + file("ca2.pem") + "'");
            // only the variables changed: the listeners still use the old certificate
            assertTrue(peerSubject("mysql", server.port()).contains("Auto_Generated_Server_Certificate"));
            s.execute("ALTER INSTANCE RELOAD TLS");
            assertTrue(peerSubject("mysql", server.port()).contains("reloaded-server"), peerSubject("mysql", server.port()));
            assertTrue(peerSubject("postgres", pg).contains("reloaded-server"), peerSubject("postgres", pg));
            assertEquals("Current_tls_cert " + file("server2.pem"), value(s, "SHOW STATUS LIKE 'Current_tls_cert'"));
            // the connection made before the reload keeps its TLS session
            assertEquals("1", value(old, "SELECT 1"));

            // a failing reload keeps what works and says why
            s.execute("SET GLOBAL ssl_cert = '/nonexistent/cert.pem'");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("ALTER INSTANCE RELOAD TLS FOR CHANNEL mysql_main"));
            assertEquals(3888, e.getErrorCode());
            assertTrue(e.getMessage().contains("Failed to set up SSL because of the following SSL library error:"), e.getMessage());
            assertTrue(peerSubject("mysql", server.port()).contains("reloaded-server"));
            assertEquals("Current_tls_cert " + file("server2.pem"), value(s, "SHOW STATUS LIKE 'Current_tls_cert'"));

            // NO ROLLBACK ON ERROR: the failure switches TLS off for new connections, with a warning
            s.execute("ALTER INSTANCE RELOAD TLS NO ROLLBACK ON ERROR");
            SQLWarning w = s.getWarnings();
            assertTrue(w != null && w.getErrorCode() == 3888, String.valueOf(w));
            assertEquals("DISABLED", value(s, "SELECT @@have_ssl"));
            assertThrows(SQLException.class, () -> root("sslMode=trust").close());
            assertEquals("1", value(old, "SELECT 1"));

            // back to the generated files (names relative to the data directory, as MySQL shows them)
            s.execute("SET GLOBAL ssl_cert = 'server-cert.pem', GLOBAL ssl_key = 'server-key.pem', GLOBAL ssl_ca = 'ca.pem'");
            s.execute("ALTER INSTANCE RELOAD TLS");
            assertEquals("YES", value(s, "SELECT @@have_ssl"));
            assertTrue(peerSubject("mysql", server.port()).contains("Auto_Generated_Server_Certificate"));
        }
    }

    @Test
    void tlsVersionAndSslCipherRestrictNewConnections() throws Exception {
        try (Connection admin = root(""); Statement s = admin.createStatement()) {
            try {
                s.execute("SET GLOBAL tls_version = 'TLSv1.3'");
                s.execute("ALTER INSTANCE RELOAD TLS");
                assertNotEquals(0, handshake("mysql", server.port(), "-tls1_2").exitCode());
                try (Connection c = root("sslMode=trust"); Statement cs = c.createStatement()) {
                    assertEquals("Ssl_version TLSv1.3", value(cs, "SHOW STATUS LIKE 'Ssl_version'"));
                }

                s.execute("SET GLOBAL tls_version = 'TLSv1.2', GLOBAL ssl_cipher = 'ECDHE-RSA-AES128-GCM-SHA256'");
                s.execute("ALTER INSTANCE RELOAD TLS");
                try (Connection c = root("sslMode=trust"); Statement cs = c.createStatement()) {
                    assertEquals("Ssl_version TLSv1.2", value(cs, "SHOW STATUS LIKE 'Ssl_version'"));
                    assertEquals("Ssl_cipher ECDHE-RSA-AES128-GCM-SHA256", value(cs, "SHOW STATUS LIKE 'Ssl_cipher'"));
                }

                s.execute("SET GLOBAL tls_version = 'TLSv1.1'");
                assertEquals(3888, assertThrows(SQLException.class, () -> s.execute("ALTER INSTANCE RELOAD TLS")).getErrorCode());
                s.execute("SET GLOBAL tls_version = 'TLSv1.2', GLOBAL ssl_cipher = 'NO-SUCH-CIPHER'");
                assertEquals(3888, assertThrows(SQLException.class, () -> s.execute("ALTER INSTANCE RELOAD TLS")).getErrorCode());
            } finally {
                s.execute("SET GLOBAL tls_version = 'TLSv1.2,TLSv1.3', GLOBAL ssl_cipher = ''");
                s.execute("ALTER INSTANCE RELOAD TLS");
            }
            assertEquals(0, handshake("mysql", server.port(), "-tls1_2").exitCode());
        }
    }

    @Test
    void tlsCiphersuitesRestrictTls13() throws Exception {
        try (Connection admin = root(""); Statement s = admin.createStatement()) {
            try {
                s.execute("SET GLOBAL tls_ciphersuites = 'TLS_AES_128_GCM_SHA256'");
                s.execute("ALTER INSTANCE RELOAD TLS");
                assertEquals("Current_tls_ciphersuites TLS_AES_128_GCM_SHA256",
                        value(s, "SHOW STATUS LIKE 'Current_tls_ciphersuites'"));
                Run only = handshake("mysql", server.port(), "-tls1_3");
                assertTrue((only.stdout() + only.stderr()).contains("Ciphersuite: TLS_AES_128_GCM_SHA256"), only.stderr());
                assertNotEquals(0, handshake("mysql", server.port(), "-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384")
                        .exitCode());
                s.execute("SET GLOBAL tls_ciphersuites = 'TLS_NO_SUCH_SUITE'");
                SQLException e = assertThrows(SQLException.class, () -> s.execute("ALTER INSTANCE RELOAD TLS"));
                assertEquals(3888, e.getErrorCode());
                assertTrue(e.getMessage().contains("tls_ciphersuites 'TLS_NO_SUCH_SUITE': no ciphersuite match"), e.getMessage());
            } finally {
                s.execute("SET GLOBAL tls_ciphersuites = ''");
                s.execute("ALTER INSTANCE RELOAD TLS");
            }
            assertEquals(0, handshake("mysql", server.port(), "-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384").exitCode());
        }
    }

    @Test
    void reloadNeedsSuperAndTlsAndOnlyReloadTlsIsKnown() throws Exception {
        try (Connection admin = root(""); Statement s = admin.createStatement()) {
            s.execute("CREATE USER reload_weak@'%' IDENTIFIED BY 'weak-Pw'");
            try (Connection weak = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/",
                    "reload_weak", "weak-Pw"); Statement ws = weak.createStatement()) {
                assertEquals(1227, assertThrows(SQLException.class, () -> ws.execute("ALTER INSTANCE RELOAD TLS")).getErrorCode());
            } finally {
                s.execute("DROP USER reload_weak@'%'");
            }
            assertEquals(1235, assertThrows(SQLException.class,
                    () -> s.execute("ALTER INSTANCE ROTATE INNODB MASTER KEY")).getErrorCode());
        }
        try (TestServer plain = TestServer.memory();
             Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + plain.port() + "/", "root", "");
             Statement s = c.createStatement()) {
            assertEquals(3888, assertThrows(SQLException.class, () -> s.execute("ALTER INSTANCE RELOAD TLS")).getErrorCode());
        }
    }
}

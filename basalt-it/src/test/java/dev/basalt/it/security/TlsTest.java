package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basalt.it.cli.MariaDbCli;
import static dev.basalt.it.security.TlsTools.exec;
import static dev.basalt.it.security.TlsTools.value;

import dev.basalt.it.security.TlsTools.Run;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.tls.TlsSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS as MySQL 8 users meet it, with real clients: the mariadb CLI, both JDBC drivers and psql,
 * against a server that generated its certificate into its data directory on first start.
 */
class TlsTest {
    private static final String PSQL = "/usr/bin/psql";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(ServerSettings.defaults().withPort(0).withRootPassword(""), TlsSettings.GENERATED);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** The mariadb CLI with {@code options} (e.g. --ssl), running {@code sql} as {@code user}. */
    private static Run cli(String user, String password, String sql, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(MariaDbCli.binary(), "--no-defaults", "-h", "127.0.0.1", "-P",
                Integer.toString(server.port()), "-u", user, "--protocol=TCP", "--batch"));
        if (!password.isEmpty()) cmd.add("--password=" + password);
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-e", sql));
        return exec(cmd);
    }

    private static Path ca() { return server.dataDir().resolve("ca.pem"); }

    private static Connection mariadbJdbc(String options) throws Exception {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?" + options, "root", "");
    }

    @Test
    void cliOverTlsShowsItsCipherAndPlaintextShowsNone() throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        Run tls = cli("root", "", "SHOW STATUS LIKE 'Ssl_cipher'; SHOW STATUS LIKE 'Ssl_version'",
                "--ssl", "--ssl-verify-server-cert=0");
        assertEquals(0, tls.exitCode(), tls.stderr());
        assertTrue(tls.stdout().matches("(?s).*Ssl_cipher\t[A-Z0-9_-]{6,}\n.*"), tls.stdout());
        assertTrue(tls.stdout().matches("(?s).*Ssl_version\tTLSv1\\.[23]\n.*"), tls.stdout());

        // the generated CA verifies the server, host name included (127.0.0.1 is in the certificate)
        Run verified = cli("root", "", "SHOW STATUS LIKE 'Ssl_version'", "--ssl-ca=" + ca(), "--ssl-verify-server-cert");
        assertEquals(0, verified.exitCode(), verified.stderr());
        assertTrue(verified.stdout().contains("Ssl_version\tTLSv1."), verified.stdout());

        Run plain = cli("root", "", "SHOW STATUS LIKE 'Ssl_cipher'", "--skip-ssl");
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertTrue(plain.stdout().contains("Ssl_cipher\t\n"), plain.stdout());
    }

    @Test
    void variablesDescribeTheGeneratedCertificate() throws Exception {
        try (Connection c = mariadbJdbc(""); Statement s = c.createStatement()) {
            assertEquals("YES YES ca.pem server-cert.pem server-key.pem TLSv1.2,TLSv1.3 0", value(s,
                    "SELECT @@have_ssl, @@have_openssl, @@ssl_ca, @@ssl_cert, @@ssl_key, @@tls_version,"
                            + " @@require_secure_transport"));
        }
        for (String f : List.of("ca.pem", "ca-key.pem", "server-cert.pem", "server-key.pem")) {
            assertTrue(Files.isRegularFile(server.dataDir().resolve(f)), f);
        }
    }

    @Test
    void requireSecureTransportRefusesPlaintextOnly() throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        try (Connection c = mariadbJdbc("sslMode=trust"); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL require_secure_transport = ON");
            try {
                Run plain = cli("root", "", "SELECT 1", "--skip-ssl");
                assertEquals(1, plain.exitCode(), plain.stdout());
                assertTrue(plain.stderr().contains("ERROR 3159 (HY000): Connections using insecure transport are"
                        + " prohibited while --require_secure_transport=ON."), plain.stderr());
                Run tls = cli("root", "", "SELECT 'over tls'", "--ssl", "--ssl-verify-server-cert=0");
                assertEquals(0, tls.exitCode(), tls.stderr());
                assertTrue(tls.stdout().contains("over tls"), tls.stdout());
            } finally {
                s.execute("SET GLOBAL require_secure_transport = OFF");
            }
        }
        assertEquals(0, cli("root", "", "SELECT 1", "--skip-ssl").exitCode());
    }

    @Test
    void withTlsOffRequiringSecureTransportIsRefused() throws Exception {
        try (TestServer plain = TestServer.memory();
             Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + plain.port() + "/", "root", "");
             Statement s = c.createStatement()) {
            assertEquals("DISABLED DISABLED", value(s, "SELECT @@have_ssl, @@have_openssl"));
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.execute("SET GLOBAL require_secure_transport = ON"));
            assertEquals(3160, e.getErrorCode());
            assertEquals("0", value(s, "SELECT @@require_secure_transport"));
            s.execute("SET GLOBAL require_secure_transport = OFF"); // allowed: nothing to lock out
        }
    }

    @Test
    void requireSslAccountLogsInOnlyOverTls() throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        try (Connection c = mariadbJdbc(""); Statement s = c.createStatement()) {
            s.execute("CREATE USER tls_only@'%' IDENTIFIED BY 'tls-Pw' REQUIRE SSL");
            assertEquals("ANY", value(s, "SELECT ssl_type FROM mysql.user WHERE user = 'tls_only'"));

            Run plain = cli("tls_only", "tls-Pw", "SELECT 1", "--skip-ssl");
            assertEquals(1, plain.exitCode(), plain.stdout());
            assertTrue(plain.stderr().contains("ERROR 1045 (28000): Access denied for user 'tls_only'@'127.0.0.1'"
                    + " (using password: YES)"), plain.stderr());
            Run tls = cli("tls_only", "tls-Pw", "SELECT CURRENT_USER()", "--ssl", "--ssl-verify-server-cert=0");
            assertEquals(0, tls.exitCode(), tls.stderr());
            assertTrue(tls.stdout().contains("tls_only@%"), tls.stdout());
            // a wrong password over TLS is still wrong
            assertEquals(1, cli("tls_only", "nope", "SELECT 1", "--ssl", "--ssl-verify-server-cert=0").exitCode());

            s.execute("ALTER USER tls_only@'%' REQUIRE NONE");
            assertEquals("", value(s, "SELECT ssl_type FROM mysql.user WHERE user = 'tls_only'"));
            assertEquals(0, cli("tls_only", "tls-Pw", "SELECT 1", "--skip-ssl").exitCode());
            s.execute("DROP USER tls_only@'%'");
        }
    }

    @Test
    void mariadbConnectorTrustsOrVerifiesTheGeneratedCa() throws Exception {
        try (Connection c = mariadbJdbc("sslMode=trust"); Statement s = c.createStatement()) {
            assertTrue(value(s, "SHOW STATUS LIKE 'Ssl_version'").matches("Ssl_version TLSv1\\.[23]"));
        }
        try (Connection c = mariadbJdbc("sslMode=verify-ca&serverSslCert=" + ca()); Statement s = c.createStatement()) {
            assertNotEquals("Ssl_cipher ", value(s, "SHOW STATUS LIKE 'Ssl_cipher'"));
        }
    }

    @Test
    void mysqlConnectorRequiresAndVerifiesTls() throws Exception {
        String base = "jdbc:mysql://127.0.0.1:" + server.port() + "/?allowPublicKeyRetrieval=true&";
        try (Connection c = DriverManager.getConnection(base + "sslMode=REQUIRED", "root", "");
             Statement s = c.createStatement()) {
            assertTrue(value(s, "SHOW STATUS LIKE 'Ssl_version'").matches("Ssl_version TLSv1\\.[23]"));
        }
        Path store = Files.createTempFile("basalt-ca", ".p12");
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(ca())) {
                trust.setCertificateEntry("basalt-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            try (OutputStream out = Files.newOutputStream(store)) {
                trust.store(out, "changeit".toCharArray());
            }
            String verify = base + "sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=" + store.toUri()
                    + "&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=changeit";
            try (Connection c = DriverManager.getConnection(verify, "root", ""); Statement s = c.createStatement()) {
                assertTrue(value(s, "SHOW STATUS LIKE 'Ssl_cipher'").length() > "Ssl_cipher ".length());
            }
        } finally {
            Files.deleteIfExists(store);
        }
    }

    @Test
    void garbageInsteadOfATlsHandshakeCostsOnlyThatConnection() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            raw.setSoTimeout(30_000);
            InputStream in = raw.getInputStream();
            byte[] header = in.readNBytes(4);
            in.readNBytes((header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16); // greeting
            // SSLRequest: PROTOCOL_41 | SSL | SECURE_CONNECTION | PLUGIN_AUTH, 16 MB, utf8mb4, 23 filler bytes
            byte[] request = new byte[4 + 32];
            request[0] = 32;
            request[3] = 1;
            int caps = (1 << 9) | (1 << 11) | (1 << 15) | (1 << 19);
            for (int i = 0; i < 4; i++) request[4 + i] = (byte) (caps >>> (8 * i));
            request[4 + 7] = 1;
            request[4 + 8] = (byte) 255;
            OutputStream out = raw.getOutputStream();
            out.write(request);
            // a TLS handshake record of 5 bytes that are no ClientHello (an incomplete record would
            // instead wait for the rest, until connect_timeout ends the connection)
            out.write(new byte[]{0x16, 0x03, 0x01, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o'});
            out.flush();
            // the server gives up on this connection: an alert and/or end of stream, never a hang
            byte[] rest = in.readAllBytes();
            assertTrue(rest.length < 100, "unexpected answer of " + rest.length + " bytes");
        }
        try (Connection c = mariadbJdbc("sslMode=trust"); Statement s = c.createStatement()) {
            assertEquals("1", value(s, "SELECT 1"));
        }
    }

    @Test
    void psqlRequiresAndVerifiesTls() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PSQL)), "psql not installed");
        int pg = server.startPostgres();
        Run require = exec(List.of(PSQL, "host=127.0.0.1 port=" + pg + " user=root dbname=root sslmode=require",
                "-tAc", "SELECT 41 + 1"));
        assertEquals(0, require.exitCode(), require.stderr());
        assertEquals("42", require.stdout().strip());
        Run verify = exec(List.of(PSQL, "host=localhost port=" + pg + " user=root dbname=root sslmode=verify-full"
                + " sslrootcert=" + ca(), "-tAc", "SELECT 'verified'"));
        assertEquals(0, verify.exitCode(), verify.stderr());
        assertEquals("verified", verify.stdout().strip());
    }

    @Test
    void theGeneratedCertificateAndRequireSslSurviveARestart() throws Exception {
        Path dir = Files.createTempDirectory("basalt-tls-restart");
        try {
            ServerSettings settings = ServerSettings.defaults().withPort(0).withRootPassword("").withDataDir(dir);
            byte[] first;
            try (TestServer s = TestServer.start(settings, TlsSettings.GENERATED);
                 Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + s.port() + "/", "root", "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE USER kept@'%' REQUIRE SSL");
                // catalog format v4: a SCRAM verifier and REQUIRE SUBJECT / CIPHER
                st.execute("CREATE USER kept4@'%' IDENTIFIED BY 'kept-Pw' REQUIRE SUBJECT '/CN=k' AND CIPHER 'AES256-SHA'");
                first = Files.readAllBytes(dir.resolve("server-cert.pem"));
            }
            try (TestServer s = TestServer.start(settings, TlsSettings.GENERATED);
                 Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + s.port()
                         + "/?sslMode=verify-ca&serverSslCert=" + dir.resolve("ca.pem"), "root", "");
                 Statement st = c.createStatement()) {
                assertArrayEquals(first, Files.readAllBytes(dir.resolve("server-cert.pem")));
                assertEquals("ANY", value(st, "SELECT ssl_type FROM mysql.user WHERE user = 'kept'"));
                assertEquals("SPECIFIED /CN=k AES256-SHA", value(st,
                        "SELECT ssl_type, x509_subject, ssl_cipher FROM mysql.user WHERE user = 'kept4'"));
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }
}

package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestCertificates;
import dev.basalt.it.support.TestServer;
import dev.basalt.remote.tls.RemoteTls;
import dev.basalt.server.MysqlTarget;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.Setting;
import dev.basalt.server.SettingsException;
import dev.basalt.server.SettingsLoader;
import dev.basalt.server.tls.RemoteTlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Client certificates to a remote whose account is created with REQUIRE X509 (a MariaDB that
 * verifies client certificates against the test CA): passthrough's own protocol client,
 * remote-databases entries (Connector/J), and virtual databases created in SQL, which take the
 * mysql-ssl-* settings. Without the certificate the remote refuses the login: 1429.
 */
@Timeout(180)
class RemoteClientCertificateTest {
    private static final String CLIENT_BOUNDS = "connectTimeout=20000&socketTimeout=20000";
    private static final String USER = "x509user", PASSWORD = "pw509";
    private static TestCertificates certs;
    private static MariaDbServer secure;
    private static Path clientCert, clientKey;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(TestCertificates.available(), "openssl not installed");
        Assumptions.assumeTrue(MariaDbServer.isInstalled(), "mariadbd not installed");
        certs = TestCertificates.newAuthority("basalt-test-ca");
        Path[] server = certs.server("mariadb", "DNS:localhost");
        // a certificate of the same CA serves as the client's (nothing in it restricts it to servers)
        Path[] client = certs.server("basalt-client", "DNS:basalt-client");
        clientCert = client[0];
        clientKey = client[1];
        secure = MariaDbServer.startWithTls(server[0], server[1], certs.ca());
        try (Connection direct = java.sql.DriverManager.getConnection(secure.mariadbUrl("") + "?sslMode=trust", "root", "");
             Statement s = direct.createStatement()) {
            s.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "' REQUIRE X509");
            s.execute("GRANT ALL ON *.* TO '" + USER + "'@'%'");
            s.execute("CREATE DATABASE certdb");
            s.execute("CREATE TABLE certdb.t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO certdb.t VALUES (509)");
        }
    }

    @AfterAll
    static void stop() {
        if (secure != null) secure.close();
        if (certs != null) certs.delete();
    }

    private static RemoteTls tls(boolean withCertificate) {
        return withCertificate ? RemoteTlsFiles.read("verify-ca", certs.ca().toString(), clientCert.toString(), clientKey.toString())
                : RemoteTls.of("verify-ca", certs.ca().toString());
    }

    private static MysqlTarget target(RemoteTls tls) {
        return new MysqlTarget("127.0.0.1", secure.port(), USER, PASSWORD, "", 3, tls);
    }

    @Test
    void passthroughPresentsTheCertificate() throws Exception {
        try (TestServer basalt = Remote.basalt(target(tls(true)), 0, 10);
             Connection c = Remote.connect(basalt, "certdb", CLIENT_BOUNDS + "&useServerPrepStmts=true")) {
            assertEquals(509, Remote.scalarLong(c, "SELECT id FROM t"));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
                assertTrue(rs.next());
                assertFalse(rs.getString(2).isEmpty(), "the backend connection is TLS");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id + ? FROM t")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(510, rs.getInt(1));
                }
            }
        }
    }

    @Test
    void passthroughWithoutTheCertificateIsRefused() throws Exception {
        try (TestServer basalt = Remote.basalt(target(tls(false)), 0, 10)) {
            SQLException e = Remote.expectError(() -> Remote.connect(basalt, "", CLIENT_BOUNDS).close());
            assertEquals(1429, e.getErrorCode(), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), "no password in the message");
        }
    }

    /** remote-databases entries hand the certificate to Connector/J; SQL-created ones take mysql-ssl-*. */
    @Test
    void virtualDatabasesPresentTheCertificate() throws Exception {
        Path dir = Files.createTempDirectory("basalt-vdb-cert-");
        try {
            Files.writeString(dir.resolve("basalt.yaml"), """
                    mysql:
                      ssl-mode: verify-ca
                      ssl-ca: %2$s
                      ssl-cert: %3$s
                      ssl-key: %4$s
                    remote-databases:
                      - name: withcert
                        host: 127.0.0.1
                        port: %1$d
                        database: certdb
                        user: %5$s
                        password: %6$s
                        ssl-mode: verify-ca
                        ssl-ca: %2$s
                        ssl-cert: %3$s
                        ssl-key: %4$s
                      - name: nocert
                        host: 127.0.0.1
                        port: %1$d
                        database: certdb
                        user: %5$s
                        password: %6$s
                        ssl-mode: verify-ca
                        ssl-ca: %2$s
                    """.formatted(secure.port(), certs.ca(), clientCert, clientKey, USER, PASSWORD));
            ServerSettings settings = new SettingsLoader(Map.of(), dir).load(new EnumMap<>(Setting.class), null);
            try (TestServer basalt = TestServer.start(settings.withStorage("memory").withPort(0).withRootPassword(""));
                 Connection c = Remote.connect(basalt, "", CLIENT_BOUNDS)) {
                assertEquals(509, Remote.scalarLong(c, "SELECT id FROM withcert.t"));
                SQLException e = Remote.expectError(() -> Remote.scalarLong(c, "SELECT id FROM nocert.t"));
                assertEquals(1429, e.getErrorCode(), e.getMessage());
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE insql__remote__127_0_0_1__" + secure.port() + "__certdb__" + USER + "__" + PASSWORD);
                }
                assertEquals(509, Remote.scalarLong(c, "SELECT id FROM insql.t"));
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    @Test
    void aCertificateNeedsItsKeyAndTls() throws Exception {
        Path dir = Files.createTempDirectory("basalt-cert-settings-");
        try {
            for (String yaml : new String[]{
                    "mysql:\n  ssl-mode: required\n  ssl-cert: " + clientCert + "\n",
                    "mysql:\n  ssl-cert: " + clientCert + "\n  ssl-key: " + clientKey + "\n",
                    "mysql:\n  ssl-mode: required\n  ssl-cert: " + clientKey + "\n  ssl-key: " + clientKey + "\n"}) {
                Files.writeString(dir.resolve("basalt.yaml"), yaml);
                SettingsException e = org.junit.jupiter.api.Assertions.assertThrows(SettingsException.class,
                        () -> new SettingsLoader(Map.of(), dir).load(new EnumMap<>(Setting.class), null));
                assertTrue(e.getMessage().contains("ssl-"), e.getMessage());
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }
}

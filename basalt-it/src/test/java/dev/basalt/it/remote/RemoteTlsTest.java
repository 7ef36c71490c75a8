package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestCertificates;
import dev.basalt.it.support.TestServer;
import dev.basalt.remote.tls.RemoteTls;
import dev.basalt.server.MysqlTarget;
import dev.basalt.it.support.TempDirs;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.Setting;
import dev.basalt.server.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Passthrough and virtual databases to a MariaDB that requires TLS (--require-secure-transport): each ssl-mode, a CA
 * that does not sign the server's certificate, a certificate for another host name, and a remote
 * that offers no TLS at all. Every failure is 1429 naming its cause, never a hang.
 */
@Timeout(180)
class RemoteTlsTest {
    private static final String CLIENT_BOUNDS = "connectTimeout=20000&socketTimeout=20000";
    private static TestCertificates certs, otherCa;
    private static MariaDbServer secure;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(TestCertificates.available(), "openssl not installed");
        Assumptions.assumeTrue(MariaDbServer.isInstalled(), "mariadbd not installed");
        certs = TestCertificates.newAuthority("basalt-test-ca");
        otherCa = TestCertificates.newAuthority("some-other-ca");
        // names localhost only: verify-identity to 127.0.0.1 must fail, to localhost succeed
        Path[] server = certs.server("mariadb", "DNS:localhost");
        secure = MariaDbServer.startWithTls(server[0], server[1]);
    }

    @AfterAll
    static void stop() {
        if (secure != null) secure.close();
        if (certs != null) certs.delete();
        if (otherCa != null) otherCa.delete();
    }

    private static MysqlTarget target(String host, int port, RemoteTls tls) {
        return new MysqlTarget(host, port, "root", "", "", 3, tls);
    }

    /** The backend session's cipher as the remote reports it ("" for plain TCP). */
    private static String remoteCipher(TestServer basalt) throws SQLException {
        try (Connection c = Remote.connect(basalt, "", CLIENT_BOUNDS); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            assertTrue(rs.next());
            return rs.getString(2);
        }
    }

    private static SQLException loginError(MysqlTarget target) throws Exception {
        try (TestServer basalt = Remote.basalt(target, 0, 10)) {
            long t0 = System.nanoTime();
            SQLException e = Remote.expectError(() -> Remote.connect(basalt, "", CLIENT_BOUNDS).close());
            assertTrue((System.nanoTime() - t0) / 1e9 < 10, "an error within the connect timeout, not a hang");
            assertEquals(1429, e.getErrorCode(), e.getMessage());
            return e;
        }
    }

    @Test
    void requiredEncryptsWithoutCheckingTheCertificate() throws Exception {
        for (String mode : new String[]{"required", "preferred"}) {
            try (TestServer basalt = Remote.basalt(target("127.0.0.1", secure.port(), RemoteTls.of(mode, "")), 0, 10)) {
                assertFalse(remoteCipher(basalt).isEmpty(), mode + ": the backend connection is TLS");
            }
        }
    }

    @Test
    void verifyCaTrustsOnlyTheGivenAuthority() throws Exception {
        RemoteTls good = RemoteTls.of("verify-ca", certs.ca().toString());
        try (TestServer basalt = Remote.basalt(target("127.0.0.1", secure.port(), good), 0, 10)) {
            assertFalse(remoteCipher(basalt).isEmpty());
            // statements, a prepared one, and KILL (its own backend connection) all work over TLS
            try (Connection c = Remote.connect(basalt, "", CLIENT_BOUNDS + "&useServerPrepStmts=true")) {
                assertEquals(42, Remote.scalarLong(c, "SELECT 42"));
                try (var ps = c.prepareStatement("SELECT ? + 1")) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(2, rs.getInt(1));
                    }
                }
            }
        }
        SQLException e = loginError(target("127.0.0.1", secure.port(), RemoteTls.of("verify-ca", otherCa.ca().toString())));
        assertTrue(e.getMessage().contains("TLS") || e.getMessage().toLowerCase().contains("certif"), e.getMessage());
    }

    @Test
    void verifyIdentityChecksTheHostName() throws Exception {
        RemoteTls tls = RemoteTls.of("verify-identity", certs.ca().toString());
        try (TestServer basalt = Remote.basalt(target("localhost", secure.port(), tls), 0, 10)) {
            assertFalse(remoteCipher(basalt).isEmpty());
        }
        SQLException e = loginError(target("127.0.0.1", secure.port(), tls));
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @Test
    void disabledIsRefusedByTheRemoteWithItsReason() throws Exception {
        // MariaDB 10.11 words --require-secure-transport's refusal as "Access denied"
        SQLException e = loginError(target("127.0.0.1", secure.port(), RemoteTls.DISABLED));
        assertTrue(e.getMessage().contains("refused the login"), e.getMessage());
    }

    @Test
    void aRemoteWithoutTlsFailsRequiredAndServesPreferredInPlain() throws Exception {
        try (MariaDbServer plain = Remote.ownMariaDb()) {
            SQLException e = loginError(target("127.0.0.1", plain.port(), RemoteTls.of("required", "")));
            assertTrue(e.getMessage().contains("does not offer TLS"), e.getMessage());
            try (TestServer basalt = Remote.basalt(target("127.0.0.1", plain.port(), RemoteTls.of("preferred", "")), 0, 10)) {
                assertEquals("", remoteCipher(basalt));
            }
        }
    }

    /** basalt.yaml remote-databases entries with ssl-mode and ssl-ca: Connector/J gets them. */
    @Test
    void virtualDatabasesUseTheEntrysTls() throws Exception {
        try (Connection direct = java.sql.DriverManager.getConnection(secure.mariadbUrl("") + "?sslMode=trust", "root", "");
             Statement s = direct.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS tlsdb");
            s.execute("CREATE TABLE IF NOT EXISTS tlsdb.t (id INT PRIMARY KEY)");
            s.execute("INSERT IGNORE INTO tlsdb.t VALUES (7)");
        }
        Path dir = Files.createTempDirectory("basalt-vdb-tls-");
        try {
            Files.writeString(dir.resolve("basalt.yaml"), """
                    remote-databases:
                      - name: verified
                        host: localhost
                        port: %1$d
                        database: tlsdb
                        user: root
                        ssl-mode: verify-identity
                        ssl-ca: %2$s
                      - name: untrusted
                        host: 127.0.0.1
                        port: %1$d
                        database: tlsdb
                        user: root
                        ssl-mode: verify-ca
                        ssl-ca: %3$s
                      - name: plain
                        host: 127.0.0.1
                        port: %1$d
                        database: tlsdb
                        user: root
                    """.formatted(secure.port(), certs.ca(), otherCa.ca()));
            ServerSettings settings = new SettingsLoader(Map.of(), dir).load(new EnumMap<>(Setting.class), null);
            try (TestServer basalt = TestServer.start(settings.withStorage("memory").withPort(0).withRootPassword(""));
                 Connection c = Remote.connect(basalt, "", CLIENT_BOUNDS)) {
                assertEquals(7, Remote.scalarLong(c, "SELECT id FROM verified.t"));
                for (String db : new String[]{"untrusted", "plain"}) {
                    SQLException e = Remote.expectError(() -> Remote.scalarLong(c, "SELECT id FROM " + db + ".t"));
                    assertEquals(1429, e.getErrorCode(), db + ": " + e.getMessage());
                }
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    /**
     * A virtual database created in SQL names its TLS mode first in the name form
     * (alias__remote__required__HOST__...); without one it takes the server's mysql-ssl-mode (here none).
     */
    @Test
    void sqlCreatedDatabasesTakeTheTlsModeInTheirName() throws Exception {
        try (Connection direct = java.sql.DriverManager.getConnection(secure.mariadbUrl("") + "?sslMode=trust", "root", "");
             Statement s = direct.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS tlsdb");
            s.execute("CREATE TABLE IF NOT EXISTS tlsdb.t (id INT PRIMARY KEY)");
            s.execute("INSERT IGNORE INTO tlsdb.t VALUES (7)");
        }
        try (TestServer basalt = TestServer.start(ServerSettings.defaults().withStorage("memory").withPort(0).withRootPassword(""));
             Connection c = Remote.connect(basalt, "", CLIENT_BOUNDS); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE sqltls__remote__required__127_0_0_1__" + secure.port() + "__tlsdb__root__");
            assertEquals(7, Remote.scalarLong(c, "SELECT id FROM sqltls.t"));
            // CREATE DATABASE asks the remote for its tables first: the plain one is refused there
            SQLException e = Remote.expectError(() -> st.execute("CREATE DATABASE sqlplain__remote__127_0_0_1__"
                    + secure.port() + "__tlsdb__root__"));
            assertEquals(1429, e.getErrorCode(), e.getMessage());
            assertEquals(java.util.List.of("sqltls"), VirtualDatabaseTest.column(c,
                    "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'sql%' ORDER BY 1"));
        }
    }

    /** The binlog stream of the cache's invalidation uses the same TLS settings (the remote refuses it plain). */
    @Test
    void binlogStreamUsesTls() throws Exception {
        MysqlTarget t = target("127.0.0.1", secure.port(), RemoteTls.of("verify-ca", certs.ca().toString()));
        dev.basalt.server.RemoteCacheSettings cache = new dev.basalt.server.RemoteCacheSettings(16L << 20, 3600)
                .withBinlog(new dev.basalt.server.RemoteCacheSettings.BinlogInvalidation("", "", 4343));
        try (TestServer basalt = TestServer.start(ServerSettings.defaults().withPort(0).withRootPassword("")
                .withMysql(t).withRemoteCache(cache))) {
            Binlogs.awaitConnected(basalt);
        }
    }
}

package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basalt.it.cli.MariaDbCli;
import dev.basalt.it.client.Driver;
import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * An account dumped from MySQL 8 with its salted caching_sha2_password hash ($A$005$...) restores
 * and logs in with its password, from the mariadb CLI and both Connector/Js. The hash is one a
 * MySQL 8 server made for the password "password" (see CachingSha2HashTest in the engine): its salt
 * holds control bytes, so it is given as MySQL prints such hashes, {@code AS 0x...}.
 */
class SaltedHashLoginTest {
    /** "$A$005$" + 20 salt bytes + 43 digest characters, in hex. */
    private static final String HASH = "0x" + hex("$A$005$") + "06437A150142644D74187A6A2F0D7971094F2575"
            + "48667A67485366745A304F6A487A73704250663465337A7530325157687A51364A384D737554424939702E";

    @Test
    void restoredAccountLogsInWithItsPassword() throws Exception {
        try (TestServer server = TestServer.memory()) {
            try (Connection root = Driver.MARIADB.connect(server, "")) {
                AccountsTest.exec(root, "CREATE USER salted@'%' IDENTIFIED WITH caching_sha2_password AS " + HASH);
            }
            // the first login is a full authentication (nothing to run the fast path against yet), later
            // ones may take the fast path with what it learned; both must work
            for (int i = 0; i < 2; i++) {
                for (Driver d : Driver.values()) {
                    try (Connection c = d.connect(server, "", "salted", "password")) {
                        assertEquals("salted@%", scalar(c, "SELECT CURRENT_USER()"), d.name());
                    }
                }
            }
            SQLException wrong = assertThrows(SQLException.class, () -> Driver.MYSQL.connect(server, "", "salted", "Password"));
            assertEquals(1045, wrong.getErrorCode());

            // SHOW CREATE USER gives the hash back; running its text after DROP USER restores the account
            String create;
            try (Connection root = Driver.MARIADB.connect(server, "")) {
                create = scalar(root, "SHOW CREATE USER salted");
                assertTrue(create.startsWith("CREATE USER `salted`@`%` IDENTIFIED WITH 'caching_sha2_password' AS " + HASH + " REQUIRE NONE"),
                        create);
                AccountsTest.exec(root, "DROP USER salted", create);
            }
            try (Connection c = Driver.MYSQL.connect(server, "", "salted", "password")) {
                assertEquals("salted@%", scalar(c, "SELECT CURRENT_USER()"));
            }
            cliLogsIn(server);
        }
    }

    /**
     * CREATE USER ... IDENTIFIED BY stores MySQL 8's salted hash, not an unsalted one: mysql.user
     * shows $A$005$ (a different salt per account), no file of the data directory holds SHA-256 of
     * the password, and after a restart the account logs in (full authentication first, as MySQL's
     * empty cache makes it) from both Connector/Js and the mariadb CLI.
     */
    @Test
    void aPasswordSetWithIdentifiedByIsStoredSalted() throws Exception {
        Path dir = Files.createTempDirectory("basalt-salted-");
        try {
            dev.basalt.server.ServerSettings settings = dev.basalt.server.ServerSettings.defaults().withStorage("lmdb")
                    .withPort(0).withRootPassword("").withDataDir(dir);
            try (TestServer server = TestServer.start(settings)) {
                try (Connection root = Driver.MARIADB.connect(server, "")) {
                    AccountsTest.exec(root, "CREATE USER salted@'%' IDENTIFIED BY 'password'",
                            "CREATE USER twin@'%' IDENTIFIED WITH caching_sha2_password BY 'password'");
                    String hash = scalar(root, "SELECT authentication_string FROM mysql.user WHERE user = 'salted'");
                    assertTrue(hash.startsWith("$A$005$") && hash.length() == 70, hash);
                    assertTrue(!hash.equals(scalar(root, "SELECT authentication_string FROM mysql.user WHERE user = 'twin'")),
                            "a fresh salt per account");
                }
                try (Connection c = Driver.MYSQL.connect(server, "", "salted", "password")) {
                    assertEquals("salted@%", scalar(c, "SELECT CURRENT_USER()"));
                }
            }
            String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest("password".getBytes(StandardCharsets.UTF_8)));
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
                    assertTrue(!content.contains(sha256), f + " holds SHA-256 of the password");
                }
            }
            try (TestServer server = TestServer.start(settings)) {
                for (int i = 0; i < 2; i++) { // full authentication, then the fast path it enabled
                    for (Driver d : Driver.values()) {
                        try (Connection c = d.connect(server, "", "salted", "password")) {
                            assertEquals("salted@%", scalar(c, "SELECT CURRENT_USER()"), d.name());
                        }
                    }
                }
                assertEquals(1045, assertThrows(SQLException.class,
                        () -> Driver.MYSQL.connect(server, "", "salted", "Password")).getErrorCode());
                cliLogsIn(server);
            }
        } finally {
            dev.basalt.it.support.TempDirs.deleteRecursively(dir);
        }
    }

    private static void cliLogsIn(TestServer server) throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        Path script = Files.createTempFile("salted-login", ".sql");
        try {
            Files.writeString(script, "SELECT CURRENT_USER();\n", StandardCharsets.UTF_8);
            MariaDbCli.Output out = MariaDbCli.run(new Endpoint.Fixed(server.host(), server.port(), "salted", "password"), script);
            assertTrue(out.stdout().contains("salted@%"), out.stdout() + out.stderr());
            MariaDbCli.Output denied = MariaDbCli.run(new Endpoint.Fixed(server.host(), server.port(), "salted", "nope"), script);
            assertTrue(denied.stderr().contains("ERROR 1045 (28000)"), denied.stderr());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String hex(String ascii) {
        return java.util.HexFormat.of().withUpperCase().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}

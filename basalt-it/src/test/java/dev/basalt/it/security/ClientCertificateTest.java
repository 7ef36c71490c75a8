package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basalt.it.cli.MariaDbCli;
import static dev.basalt.it.security.TlsTools.openssl;
import static dev.basalt.it.security.TlsTools.value;

import dev.basalt.it.security.TlsTools.Run;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.tls.TlsSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client certificates and the stricter REQUIRE clauses (X509, ISSUER, SUBJECT, CIPHER) with real
 * clients on both ports, and the PostgreSQL port's account rules (SCRAM for every account, host
 * patterns, ACCOUNT LOCK). The server generates its CA into its data directory; the test signs
 * client certificates with that CA (and makes a rogue self-signed one) using the openssl CLI.
 */
class ClientCertificateTest {
    private static final String PSQL = "/usr/bin/psql";
    private static TestServer server;
    private static Path certs;
    /** The generated CA's name as OpenSSL's one-line form writes it, what ISSUER compares with. */
    private static String caName;
    private static int pgPort = -1;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(ServerSettings.defaults().withPort(0).withRootPassword(""), TlsSettings.GENERATED);
        certs = Files.createTempDirectory("basalt-client-certs");
        Path ca = server.dataDir().resolve("ca.pem"), caKey = server.dataDir().resolve("ca-key.pem");
        for (String who : List.of("alice", "bob")) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key(who).toString(), "-subj", "/O=Basalt/CN=" + who,
                    "-out", certs.resolve(who + ".csr").toString());
            openssl("x509", "-req", "-in", certs.resolve(who + ".csr").toString(), "-CA", ca.toString(), "-CAkey",
                    caKey.toString(), "-CAcreateserial", "-CAserial", certs.resolve("ca.srl").toString(), "-days", "2",
                    "-out", cert(who).toString());
        }
        // same subject as alice, but not issued by the server's CA
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key("rogue").toString(), "-out",
                cert("rogue").toString(), "-subj", "/O=Basalt/CN=alice", "-days", "2");
        for (String who : List.of("alice", "bob", "rogue")) {
            Files.setPosixFilePermissions(key(who), PosixFilePermissions.fromString("rw-------")); // libpq insists
        }
        caName = openssl("x509", "-in", cert("alice").toString(), "-noout", "-issuer", "-nameopt", "compat")
                .strip().replaceFirst("^issuer=", "");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (certs != null) dev.basalt.it.support.TempDirs.deleteRecursively(certs);
    }

    private static Path cert(String who) { return certs.resolve(who + ".pem"); }

    private static Path key(String who) { return certs.resolve(who + "-key.pem"); }

    private static Run exec(List<String> cmd) throws Exception {
        return TlsTools.exec(cmd, java.util.Map.of("PGPASSWORD", "cert-Pw"));
    }

    /** The mariadb CLI over TLS as {@code user} (password cert-Pw), with alice's, bob's, ... certificate or none. */
    private static Run cli(String user, String who, String sql) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(MariaDbCli.binary(), "--no-defaults", "-h", "127.0.0.1", "-P",
                Integer.toString(server.port()), "-u", user, "--password=cert-Pw", "--protocol=TCP", "--batch",
                "--ssl", "--ssl-verify-server-cert=0"));
        if (who != null) cmd.addAll(List.of("--ssl-cert=" + cert(who), "--ssl-key=" + key(who)));
        cmd.addAll(List.of("-e", sql));
        return exec(cmd);
    }

    private static void assertDenied(Run r, String user) {
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("ERROR 1045 (28000): Access denied for user '" + user + "'@'127.0.0.1'"
                + " (using password: YES)"), r.stderr());
    }

    private static Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/", "root", "");
    }

    @Test
    void requireX509NeedsACertificateFromTheServersCa() throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE USER x509_user@'%' IDENTIFIED BY 'cert-Pw' REQUIRE X509");
            s.execute("CREATE USER plain_user@'%' IDENTIFIED BY 'cert-Pw'");
            assertEquals("X509", value(s, "SELECT ssl_type FROM mysql.user WHERE user = 'x509_user'"));
            try {
                assertDenied(cli("x509_user", null, "SELECT 1"), "x509_user");
                Run alice = cli("x509_user", "alice", "SELECT CURRENT_USER()");
                assertEquals(0, alice.exitCode(), alice.stderr());
                assertTrue(alice.stdout().contains("x509_user@%"), alice.stdout());
                // a certificate the CA did not issue ends the TLS handshake (as with mysqld)
                Run rogue = cli("x509_user", "rogue", "SELECT 1");
                assertNotEquals(0, rogue.exitCode(), rogue.stdout());
                // accounts without a requirement are unaffected by a certificate, or its absence
                assertEquals(0, cli("plain_user", "alice", "SELECT 1").exitCode());
                assertEquals(0, cli("plain_user", null, "SELECT 1").exitCode());
            } finally {
                s.execute("DROP USER x509_user@'%', plain_user@'%'");
            }
        }
    }

    @Test
    void issuerSubjectAndCipherAreCompared() throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE USER named@'%' IDENTIFIED BY 'cert-Pw' REQUIRE ISSUER '" + caName
                    + "' AND SUBJECT '/O=Basalt/CN=alice'");
            try {
                assertEquals("SPECIFIED " + caName + " /O=Basalt/CN=alice", value(s,
                        "SELECT ssl_type, x509_issuer, x509_subject FROM mysql.user WHERE user = 'named'"));
                assertEquals("CREATE USER `named`@`%` IDENTIFIED WITH 'caching_sha2_password' AS '"
                        + value(s, "SELECT authentication_string FROM mysql.user WHERE user = 'named'")
                        + "' REQUIRE ISSUER '" + caName + "' SUBJECT '/O=Basalt/CN=alice' PASSWORD EXPIRE DEFAULT"
                        + " ACCOUNT UNLOCK PASSWORD HISTORY DEFAULT PASSWORD REUSE INTERVAL DEFAULT"
                        + " PASSWORD REQUIRE CURRENT DEFAULT", value(s, "SHOW CREATE USER named"));
                Run alice = cli("named", "alice", "SHOW STATUS LIKE 'Ssl_cipher'");
                assertEquals(0, alice.exitCode(), alice.stderr());
                String cipher = alice.stdout().lines().filter(l -> l.startsWith("Ssl_cipher\t")).findFirst()
                        .orElseThrow().substring("Ssl_cipher\t".length());
                assertDenied(cli("named", "bob", "SELECT 1"), "named");
                assertDenied(cli("named", null, "SELECT 1"), "named");

                s.execute("ALTER USER named@'%' REQUIRE CIPHER 'NO-SUCH-CIPHER'");
                assertDenied(cli("named", "alice", "SELECT 1"), "named");
                s.execute("ALTER USER named@'%' REQUIRE CIPHER '" + cipher + "' AND SUBJECT '/O=Basalt/CN=alice'");
                assertEquals(0, cli("named", "alice", "SELECT 1").exitCode());
            } finally {
                s.execute("DROP USER named@'%'");
            }
        }
    }

    @Test
    void connectorJPresentsItsKeyStore() throws Exception {
        Path store = certs.resolve("alice.p12");
        openssl("pkcs12", "-export", "-in", cert("alice").toString(), "-inkey", key("alice").toString(),
                "-out", store.toString(), "-passout", "pass:changeit", "-name", "alice");
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE USER jdbc_x509@'%' IDENTIFIED BY 'cert-Pw' REQUIRE SUBJECT '/O=Basalt/CN=alice'");
            try {
                String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/?sslMode=trust";
                SQLException denied = assertThrows(SQLException.class,
                        () -> DriverManager.getConnection(url, "jdbc_x509", "cert-Pw").close());
                assertEquals(1045, denied.getErrorCode());
                try (Connection x = DriverManager.getConnection(url + "&keyStore=" + store
                        + "&keyStorePassword=changeit&keyStoreType=PKCS12", "jdbc_x509", "cert-Pw");
                     Statement xs = x.createStatement()) {
                    assertEquals("jdbc_x509@%", value(xs, "SELECT CURRENT_USER()"));
                }
            } finally {
                s.execute("DROP USER jdbc_x509@'%'");
            }
        }
    }

    private static synchronized int postgres() throws Exception {
        if (pgPort < 0) pgPort = server.startPostgres();
        return pgPort;
    }

    /** psql as {@code user} with {@code conninfo} extras; the password comes from PGPASSWORD (cert-Pw). */
    private static Run psql(int port, String user, String extra) throws Exception {
        return exec(List.of(PSQL, "host=127.0.0.1 port=" + port + " user=" + user + " dbname=postgres " + extra,
                "-tAc", "SELECT 'in'"));
    }

    @Test
    void postgresPortHonoursRequireClauses() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PSQL)), "psql not installed");
        int pg = postgres();
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE USER pg_ssl@'%' IDENTIFIED BY 'cert-Pw' REQUIRE SSL");
            s.execute("CREATE USER pg_x509@'%' IDENTIFIED BY 'cert-Pw' REQUIRE SUBJECT '/O=Basalt/CN=alice'");
            try {
                Run plain = psql(pg, "pg_ssl", "sslmode=disable");
                assertEquals(2, plain.exitCode(), plain.stdout());
                assertTrue(plain.stderr().contains("FATAL:  no pg_hba.conf entry for host \"127.0.0.1\", user \"pg_ssl\","
                        + " database \"postgres\", no encryption"), plain.stderr());
                Run tls = psql(pg, "pg_ssl", "sslmode=require");
                assertEquals(0, tls.exitCode(), tls.stderr());
                assertEquals("in", tls.stdout().strip());

                Run noCert = psql(pg, "pg_x509", "sslmode=require");
                assertEquals(2, noCert.exitCode(), noCert.stdout());
                assertTrue(noCert.stderr().contains("FATAL:  connection requires a valid client certificate"), noCert.stderr());
                Run bob = psql(pg, "pg_x509", "sslmode=require sslcert=" + cert("bob") + " sslkey=" + key("bob"));
                assertEquals(2, bob.exitCode(), bob.stdout());
                Run alice = psql(pg, "pg_x509", "sslmode=require sslcert=" + cert("alice") + " sslkey=" + key("alice"));
                assertEquals(0, alice.exitCode(), alice.stderr());
                assertEquals("in", alice.stdout().strip());
            } finally {
                s.execute("DROP USER pg_ssl@'%', pg_x509@'%'");
            }
        }
    }

    @Test
    void postgresPortSpeaksScramForEveryAccount() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PSQL)), "psql not installed");
        int pg = postgres();
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE USER pg_scram@'%' IDENTIFIED BY 'cert-Pw'");
            s.execute("CREATE USER pg_far@'10.255.1.2' IDENTIFIED BY 'cert-Pw'");
            try {
                // SCRAM, not the cleartext fallback: the server's first request is AuthenticationSASL
                assertEquals(10, firstAuthenticationRequest(pg, "pg_scram"), "AuthenticationSASL expected");
                Run ok = psql(pg, "pg_scram", "sslmode=disable");
                assertEquals(0, ok.exitCode(), ok.stderr());
                assertEquals("in", ok.stdout().strip());
                Run wrong = psql(pg, "pg_scram", "sslmode=disable password=nope");
                assertEquals(2, wrong.exitCode(), wrong.stdout());
                assertTrue(wrong.stderr().contains("password authentication failed for user \"pg_scram\""), wrong.stderr());
                // a new password gets a new verifier
                s.execute("ALTER USER pg_scram@'%' IDENTIFIED BY 'other-Pw'");
                assertEquals(0, psql(pg, "pg_scram", "sslmode=disable password=other-Pw").exitCode());
                assertEquals(2, psql(pg, "pg_scram", "sslmode=disable").exitCode());
                // the host part counts as on the MySQL port: this account is not for loopback clients
                Run far = psql(pg, "pg_far", "sslmode=disable");
                assertEquals(2, far.exitCode(), far.stdout());
                assertTrue(far.stderr().contains("password authentication failed for user \"pg_far\""), far.stderr());
                // ACCOUNT LOCK is PostgreSQL's NOLOGIN
                s.execute("ALTER USER pg_scram@'%' ACCOUNT LOCK");
                Run locked = psql(pg, "pg_scram", "sslmode=disable password=other-Pw");
                assertEquals(2, locked.exitCode(), locked.stdout());
                assertTrue(locked.stderr().contains("FATAL:  role \"pg_scram\" is not permitted to log in"), locked.stderr());
            } finally {
                s.execute("DROP USER pg_scram@'%', pg_far@'10.255.1.2'");
            }
        }
    }

    /** The code of the first Authentication message the server sends after a plain startup packet. */
    private static int firstAuthenticationRequest(int port, String user) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream b = new DataOutputStream(body);
            b.writeInt(196608); // protocol 3.0
            for (String p : List.of("user", user, "database", "postgres")) {
                b.write(p.getBytes(StandardCharsets.UTF_8));
                b.write(0);
            }
            b.write(0);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(body.size() + 4);
            out.write(body.toByteArray());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals('R', in.readByte());
            in.readInt(); // length
            return in.readInt();
        }
    }

    @Test
    void aRevokedCertificateIsRefusedOnceTheCrlIsLoaded() throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        Path crl = revokeBob();
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE USER crl_user@'%' IDENTIFIED BY 'cert-Pw' REQUIRE X509");
            try {
                assertEquals(0, cli("crl_user", "bob", "SELECT 1").exitCode());
                s.execute("SET GLOBAL ssl_crl = '" + crl + "'");
                s.execute("ALTER INSTANCE RELOAD TLS");
                assertEquals("Current_tls_crl " + crl, value(s, "SHOW STATUS LIKE 'Current_tls_crl'"));
                // bob's certificate is on the list: the TLS handshake fails, as with mysqld's CRL check
                Run revoked = cli("crl_user", "bob", "SELECT 1");
                assertEquals(1, revoked.exitCode(), revoked.stdout());
                // (the client reports the failed handshake as a TLS error, 2026, or a lost connection, 2013)
                assertTrue(revoked.stderr().contains("ERROR 2026") || revoked.stderr().contains("ERROR 2013"), revoked.stderr());
                Run fine = cli("crl_user", "alice", "SELECT CURRENT_USER()");
                assertEquals(0, fine.exitCode(), fine.stderr());
                // a file that is not a list: the reload fails and keeps the current context
                s.execute("SET GLOBAL ssl_crl = '" + cert("alice") + "'");
                assertEquals(3888, assertThrows(SQLException.class,
                        () -> s.execute("ALTER INSTANCE RELOAD TLS")).getErrorCode());
                assertEquals(1, cli("crl_user", "bob", "SELECT 1").exitCode());
            } finally {
                s.execute("SET GLOBAL ssl_crl = ''");
                s.execute("ALTER INSTANCE RELOAD TLS");
                s.execute("DROP USER crl_user@'%'");
            }
        }
    }

    /** A CRL from the server's CA listing bob's certificate, made with openssl ca. */
    private static Path revokeBob() throws Exception {
        Path dir = certs.resolve("ca-db");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("crlnumber"), "01\n");
        Path config = dir.resolve("ca.cnf");
        Files.writeString(config, String.join("\n", "[ ca ]", "default_ca = test_ca", "[ test_ca ]",
                "database = " + dir.resolve("index.txt"), "crlnumber = " + dir.resolve("crlnumber"),
                "certificate = " + server.dataDir().resolve("ca.pem"), "private_key = " + server.dataDir().resolve("ca-key.pem"),
                "default_md = sha256", "default_crl_days = 2", ""));
        openssl("ca", "-config", config.toString(), "-revoke", cert("bob").toString());
        Path crl = certs.resolve("crl.pem");
        openssl("ca", "-config", config.toString(), "-gencrl", "-out", crl.toString());
        return crl;
    }
}

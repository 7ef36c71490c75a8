package dev.basalt.it.security;

import static dev.basalt.it.security.TlsTools.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basalt.it.cli.MariaDbCli;
import dev.basalt.it.security.TlsTools.Run;
import dev.basalt.it.support.ExternalBasalt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The MySQL port's TLS library ({@code --tls-library}): BoringSSL by default where its native
 * library loads (this Linux x86_64 machine), the JDK's provider when asked or when BoringSSL cannot
 * load (netty's {@code -Dio.netty.handler.ssl.noOpenSsl=true} stands in for a machine without it),
 * and a server that asked for BoringSSL by name refuses to start without it. Each is checked with
 * the mariadb CLI over TLS and Connector/J moving packets bigger than a TLS record both ways. The
 * PostgreSQL port upgrades SSLRequest in the same library: psql with sslmode=require and pgjdbc with
 * ssl=true&sslmode=require (a 1 MB bytea each way).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TlsLibraryTest {

    @Test
    void boringSslByDefaultServesTheCliAndBigPackets() throws Exception {
        try (ExternalBasalt server = server("auto", List.of())) {
            String log = Files.readString(server.log());
            assertTrue(log.contains("TLS on the MySQL port: BoringSSL"), log);
            assertTrue(log.contains("TLS on the PostgreSQL port: BoringSSL"), log);
            assertServesTls(server, "BoringSSL");
            assertPostgresServesTls(server, "BoringSSL (netty-tcnative)");
            assertHttpsServes(server, "BoringSSL");
            assertResumes(server, "BoringSSL");
        }
    }

    /**
     * auto picks again at ALTER INSTANCE RELOAD TLS (tls_ciphersuites set: only the JDK honours it), so
     * SESSION Ssl_library names the library that served this connection, GLOBAL the one new
     * connections get; a plaintext connection's SESSION value is empty, as its Ssl_version.
     */
    @Test
    void sessionSslLibraryIsTheConnectionsOwnAfterAReloadChangesIt() throws Exception {
        try (ExternalBasalt server = server("auto", List.of())) {
            String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/";
            try (Connection before = DriverManager.getConnection(url + "?sslMode=trust", "root", "");
                 Connection plain = DriverManager.getConnection(url + "?sslMode=disable", "root", "");
                 Statement s = before.createStatement()) {
                assumeTrue(status(s, "SESSION", "Ssl_library").startsWith("BoringSSL"), "BoringSSL did not load");
                assertEquals("", status(plain.createStatement(), "SESSION", "Ssl_library"));
                assertEquals("", status(plain.createStatement(), "SESSION", "Ssl_version"));
                s.execute("SET GLOBAL tls_ciphersuites = 'TLS_AES_128_GCM_SHA256'");
                s.execute("ALTER INSTANCE RELOAD TLS");
                assertTrue(status(s, "GLOBAL", "Ssl_library").startsWith("JDK "), status(s, "GLOBAL", "Ssl_library"));
                assertTrue(status(s, "SESSION", "Ssl_library").startsWith("BoringSSL"), status(s, "SESSION", "Ssl_library"));
                try (Connection after = DriverManager.getConnection(url + "?sslMode=trust", "root", "")) {
                    String library = status(after.createStatement(), "SESSION", "Ssl_library");
                    assertTrue(library.startsWith("JDK "), library);
                }
                assertEquals("", status(plain.createStatement(), "SESSION", "Ssl_library"));
            }
        }
    }

    private static String status(Statement s, String scope, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW " + scope + " STATUS LIKE '" + name + "'")) {
            assertTrue(rs.next(), name);
            return rs.getString(2);
        }
    }

    @Test
    void theJdkProviderWhenAsked() throws Exception {
        try (ExternalBasalt server = server("jdk", List.of())) {
            String log = Files.readString(server.log());
            assertTrue(log.contains("TLS on the PostgreSQL port: JDK "), log);
            assertServesTls(server, "JDK ");
            assertPostgresServesTls(server, "JDK ");
            assertHttpsServes(server, "JDK ");
            assertResumes(server, "JDK ");
        }
    }

    @Test
    void fallsBackToTheJdkWhenBoringSslCannotLoad() throws Exception {
        try (ExternalBasalt server = server("auto", List.of("-Dio.netty.handler.ssl.noOpenSsl=true"))) {
            String log = Files.readString(server.log());
            assertTrue(log.contains("BoringSSL did not load") && log.contains("TLS on the MySQL port: JDK"), log);
            assertServesTls(server, "JDK ");
        }
    }

    @Test
    void askedByNameWithoutItTheServerDoesNotStart() throws Exception {
        ExternalBasalt server = new ExternalBasalt(Files.createTempDirectory("basalt-tls-lib-").resolve("data"),
                List.of("--tls-library", "boringssl"), List.of("-Dio.netty.handler.ssl.noOpenSsl=true"));
        try (server) {
            assertThrows(java.io.IOException.class, server::start);
        }
        String log = Files.readString(server.log());
        assertTrue(log.contains("tls-library boringssl: its native library did not load"), log);
    }

    private static ExternalBasalt server(String library, List<String> jvm) throws Exception {
        Path base = Files.createTempDirectory("basalt-tls-lib-");
        int pg = dev.basalt.it.support.FreePort.pick();
        int http = dev.basalt.it.support.FreePort.pick();
        ExternalBasalt server = new ExternalBasalt(base.resolve("data"), List.of("--tls-library", library,
                "--pg-port", Integer.toString(pg), "--http-port", Integer.toString(http), "--http-tls"), jvm);
        server.start();
        PG_PORTS.put(server, pg);
        HTTP_PORTS.put(server, http);
        return server;
    }

    private static final java.util.Map<ExternalBasalt, Integer> PG_PORTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<ExternalBasalt, Integer> HTTP_PORTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The HTTPS port runs in the same library as the others (logged); curl gets answers over TLSv1.3 and 1.2. */
    private static void assertHttpsServes(ExternalBasalt server, String library) throws Exception {
        String log = Files.readString(server.log());
        assertTrue(log.contains("TLS on the HTTPS port: " + library), log);
        for (String version : List.of("--tlsv1.3", "--tls-max")) {
            List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-k", "-u", "root:", "-H", "Content-Type: application/json",
                    "-w", " %{http_code}", "-d", "{\"query\": \"SELECT 6 * 7 AS v\"}"));
            if (version.equals("--tls-max")) cmd.addAll(List.of("--tlsv1.2", "--tls-max", "1.2"));
            else cmd.add(version);
            cmd.add("https://127.0.0.1:" + HTTP_PORTS.get(server) + "/v1/sql");
            Run curl = exec(cmd);
            assertTrue(curl.stdout().endsWith(" 200") && curl.stdout().contains("42"), curl.stdout() + curl.stderr());
        }
    }

    /**
     * TLSv1.3 resumption on the MySQL and PostgreSQL ports: s_client (-starttls) stores the ticket the
     * server sends right after the handshake (both ports then wait for the client) and resumes with it.
     */
    private static void assertResumes(ExternalBasalt server, String library) throws Exception {
        for (String[] port : new String[][] {{"mysql", Integer.toString(server.port())}, {"postgres", PG_PORTS.get(server).toString()}}) {
            Path dir = Files.createTempDirectory("basalt-tls-resume-");
            Path first = dir.resolve("first.pem"), second = dir.resolve("second.pem");
            String out = sClientTicket(port[0], port[1], first, List.of());
            assertTrue(out.contains("New, TLSv1.3"), out);
            String resumed = sClientTicket(port[0], port[1], second, List.of("-sess_in", first.toString()));
            assertTrue(resumed.contains("Reused, TLSv1.3"), library + " on " + port[0] + " did not resume:\n" + resumed);
        }
    }

    /**
     * One {@code openssl s_client -starttls} connection that waits until the session ticket it got is
     * written to {@code ticketFile} (s_client's printout is buffered, the file is not), then ends.
     */
    private static String sClientTicket(String protocol, String port, Path ticketFile, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-starttls", protocol, "-connect", "127.0.0.1:" + port,
                "-tls1_3", "-no_ign_eof", "-sess_out", ticketFile.toString()));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(ticketFile) && Files.size(ticketFile) > 0)) {
                if (!p.isAlive()) throw new AssertionError("s_client ended without a ticket:\n" + new String(output.get()));
                if (System.nanoTime() > deadline) throw new AssertionError("no session ticket within 60 s on " + protocol);
                Thread.sleep(20); // polling for the file, not synchronising
            }
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "s_client did not end");
            return new String(output.get(60, TimeUnit.SECONDS), java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }

    /** psql (libpq's OpenSSL) with sslmode=require, then pgjdbc moving 1 MB each way over TLS. */
    private static void assertPostgresServesTls(ExternalBasalt server, String library) throws Exception {
        int pg = PG_PORTS.get(server);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql not installed");
        Run psql = exec(List.of("/usr/bin/psql", "host=127.0.0.1 port=" + pg + " user=root dbname=root sslmode=require",
                "-tAc", "SELECT 41 + 1"));
        assertEquals(0, psql.exitCode(), psql.stderr());
        assertEquals("42", psql.stdout().strip());
        // PostgreSQL's own parameters: ssl on; ssl_library names the library that ran this connection's TLS
        Run shown = exec(List.of("/usr/bin/psql", "host=127.0.0.1 port=" + pg + " user=root dbname=root sslmode=require",
                "-tAc", "SHOW ssl", "-c", "SHOW ssl_library", "-c", "SET ssl_library = 'x'"));
        assertTrue(shown.stdout().startsWith("on\n" + library), shown.stdout() + shown.stderr());
        assertTrue(shown.stderr().contains("parameter \"ssl_library\" cannot be changed"), shown.stderr());
        // the TLS session libpq saw (\conninfo names protocol and cipher)
        Run info = exec(List.of("/usr/bin/psql", "host=127.0.0.1 port=" + pg + " user=root dbname=root sslmode=require",
                "-c", "\\conninfo"));
        assertEquals(0, info.exitCode(), info.stderr());
        assertTrue(info.stdout().contains("SSL connection (protocol: TLSv1.3"), info.stdout());

        // SCRAM-SHA-256-PLUS: the channel binding reads the server certificate from the library's session
        try (Connection my = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?sslMode=trust", "root", "");
             Statement s = my.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS 'cb'@'%' IDENTIFIED BY 'cb-secret'");
        }
        Run bound = exec(List.of("/usr/bin/psql", "host=127.0.0.1 port=" + pg
                + " user=cb dbname=cb password=cb-secret sslmode=require channel_binding=require", "-tAc", "SELECT 6 * 7"));
        assertEquals(0, bound.exitCode(), bound.stderr());
        assertEquals("42", bound.stdout().strip());

        String url = "jdbc:postgresql://127.0.0.1:" + pg + "/root?ssl=true&sslmode=require";
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS pgbig (id INT PRIMARY KEY, b BYTEA)");
            s.execute("DELETE FROM pgbig");
            byte[] blob = new byte[1 << 20];
            new java.util.Random(11).nextBytes(blob);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO pgbig VALUES (1, ?)")) {
                p.setBytes(1, blob);
                p.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT b FROM pgbig WHERE id = 1")) {
                assertTrue(rs.next());
                assertTrue(java.util.Arrays.equals(blob, rs.getBytes(1)), "the bytea comes back as sent");
            }
        }
    }

    /** Ssl_library names {@code library}; the CLI negotiates TLS; Connector/J moves 1 MB each way over it. */
    private static void assertServesTls(ExternalBasalt server, String library) throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        Run cli = exec(List.of(MariaDbCli.binary(), "--no-defaults", "-h", "127.0.0.1", "-P", Integer.toString(server.port()),
                "-u", "root", "--protocol=TCP", "--batch", "--ssl", "--ssl-verify-server-cert=0", "-e",
                "SHOW STATUS LIKE 'Ssl_version'; SHOW STATUS LIKE 'Ssl_cipher'; SHOW STATUS LIKE 'Ssl_library'"));
        assertEquals(0, cli.exitCode(), cli.stderr());
        assertTrue(cli.stdout().matches("(?s).*Ssl_version\tTLSv1\\.3\n.*"), cli.stdout());
        assertTrue(cli.stdout().matches("(?s).*Ssl_cipher\tTLS_[A-Z0-9_]+\n.*"), cli.stdout());
        assertTrue(cli.stdout().contains("Ssl_library\t" + library), cli.stdout());

        // TLSv1.2 only: the suite has OpenSSL's name, as with MySQL
        Run tls12 = exec(List.of(MariaDbCli.binary(), "--no-defaults", "-h", "127.0.0.1", "-P", Integer.toString(server.port()),
                "-u", "root", "--protocol=TCP", "--batch", "--ssl", "--ssl-verify-server-cert=0", "--tls-version=TLSv1.2",
                "-e", "SHOW STATUS LIKE 'Ssl_version'; SHOW STATUS LIKE 'Ssl_cipher'"));
        assertEquals(0, tls12.exitCode(), tls12.stderr());
        assertTrue(tls12.stdout().matches("(?s).*Ssl_version\tTLSv1\\.2\nVariable_name\tValue\nSsl_cipher\tECDHE-[A-Z0-9-]+\n.*"),
                tls12.stdout());

        String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/?sslMode=trust&maxAllowedPacket=16777216";
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS tl");
            s.execute("CREATE TABLE IF NOT EXISTS tl.big (id INT PRIMARY KEY, b LONGBLOB)");
            s.execute("DELETE FROM tl.big");
            byte[] blob = new byte[1 << 20];
            new java.util.Random(7).nextBytes(blob);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO tl.big VALUES (1, ?)")) {
                p.setBytes(1, blob);
                p.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT b, LENGTH(b) FROM tl.big WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals(blob.length, rs.getInt(2));
                assertTrue(java.util.Arrays.equals(blob, rs.getBytes(1)), "the blob comes back as sent");
            }
            List<String> version = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
                while (rs.next()) version.add(rs.getString(2));
            }
            assertTrue(version.getFirst().startsWith("TLSv1."), "Connector/J runs over TLS: " + version);
        }
    }
}

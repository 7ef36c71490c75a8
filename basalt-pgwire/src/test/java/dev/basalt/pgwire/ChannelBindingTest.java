package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SCRAM-SHA-256-PLUS with tls-server-end-point channel binding, as PostgreSQL 15 offers it over
 * TLS: the real psql (libpq) and pgjdbc with channel binding required, against a server whose
 * certificate is RSA signed with SHA-256 and one whose is EC signed with SHA-384 (the binding hash
 * follows the certificate's signature). Certificates are made with the JDK's keytool.
 */
class ChannelBindingTest {
    private static final String PASSWORD = "s3cret";
    private static Path dir;
    private static final Map<String, PgTestServer> SERVERS = new java.util.HashMap<>();
    private static final Map<String, X509Certificate> CERTS = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("basalt-pg-cb");
        startWith("rsa", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA");
        startWith("ec384", "-keyalg", "EC", "-groupname", "secp384r1", "-sigalg", "SHA384withECDSA");
    }

    private static void startWith(String name, String... keyOptions) throws Exception {
        Path store = dir.resolve(name + ".p12");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-dname", "CN=localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit"));
        cmd.addAll(List.of(keyOptions));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        PgTestServer server = new PgTestServer(PASSWORD, "scram-sha-256");
        server.server.enableTls(context);
        SERVERS.put(name, server);
        CERTS.put(name, (X509Certificate) ks.getCertificate("server"));
    }

    @AfterAll
    static void stop() throws IOException {
        SERVERS.values().forEach(PgTestServer::close);
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec384"})
    void psqlWithChannelBindingRequiredLogsInOverTls(String cert) throws Exception {
        Run run = psql(SERVERS.get(cert), "sslmode=require channel_binding=require", PASSWORD);
        assertEquals(0, run.exit, run.stderr);
        assertEquals("root", run.stdout.strip());
        assertEquals(0, psql(SERVERS.get(cert), "sslmode=require channel_binding=disable", PASSWORD).exit);
        Run wrong = psql(SERVERS.get(cert), "sslmode=require channel_binding=require", "wrong");
        assertEquals(2, wrong.exit);
        assertTrue(wrong.stderr.contains("password authentication failed for user \"root\""), wrong.stderr);
    }

    @Test
    void psqlWithChannelBindingRequiredFailsWithoutTlsAsAgainstPostgres() throws Exception {
        Run run = psql(SERVERS.get("rsa"), "sslmode=disable channel_binding=require", PASSWORD);
        assertEquals(2, run.exit, run.stdout);
        // libpq's own refusal once the server asks for SCRAM, the text psql 15 prints against PostgreSQL 15
        assertTrue(run.stderr.contains("channel binding required, but SSL not in use"), run.stderr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec384"})
    void pgjdbcWithChannelBindingRequired(String cert) throws Exception {
        PgTestServer server = SERVERS.get(cert);
        try (Connection c = pgjdbc(server, "?sslmode=require&channelBinding=require");
             ResultSet rs = c.createStatement().executeQuery("SELECT 40 + 2")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
        SQLException clear = assertThrows(SQLException.class, () -> pgjdbc(server, "?sslmode=disable&channelBinding=require"));
        assertTrue(String.valueOf(clear.getMessage()).toLowerCase().contains("channel binding"), clear.getMessage());
    }

    @Test
    void offersPlusOnlyOverTlsAndChecksTheBindingData() throws Exception {
        PgTestServer server = SERVERS.get("rsa");
        assertEquals(List.of("SCRAM-SHA-256"), new RawScram(server, false).mechanisms);
        RawScram tls = new RawScram(server, true);
        assertEquals(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), tls.mechanisms);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(CERTS.get("rsa").getEncoded());
        // the right certificate hash passes the binding check and reaches the (wrong) proof: 28P01
        assertEquals("28P01", tls.finish(hash));
        // another certificate's hash, as a client behind a man in the middle sends: 08P01
        byte[] other = hash.clone();
        other[0] ^= 1;
        RawScram mitm = new RawScram(server, true);
        assertEquals("08P01 SCRAM channel binding check failed", mitm.finish(other));
        // "y": the client can bind but saw no -PLUS offer (stripped on the way): refused, as RFC 5802 asks
        RawScram stripped = new RawScram(server, true);
        assertEquals("08P01 SCRAM channel binding negotiation error", stripped.firstMessage("SCRAM-SHA-256", "y,,"));
    }

    private static Connection pgjdbc(PgTestServer server, String options) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", PASSWORD);
        return DriverManager.getConnection(server.url("postgres") + options, p);
    }

    private record Run(int exit, String stdout, String stderr) {}

    private static Run psql(PgTestServer server, String options, String password) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is not installed");
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "host=127.0.0.1 port=" + server.port()
                + " user=root dbname=postgres " + options, "-tAc", "SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1)");
        pb.environment().put("PGPASSWORD", password);
        pb.environment().keySet().removeIf(k -> k.startsWith("PGSSL") || k.equals("PGCHANNELBINDING"));
        Path err = Files.createTempFile(dir, "psql", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    /** Enough of a SCRAM client, on raw messages, to send binding data no real client would. */
    private static final class RawScram {
        final DataInputStream in;
        final DataOutputStream out;
        final List<String> mechanisms = new ArrayList<>();

        RawScram(PgTestServer server, boolean tls) throws Exception {
            Socket socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(10_000);
            if (tls) {
                var raw = new DataOutputStream(socket.getOutputStream());
                raw.writeInt(8);
                raw.writeInt(80877103);
                raw.flush();
                assertEquals('S', socket.getInputStream().read());
                SSLContext trustAll = SSLContext.getInstance("TLS");
                trustAll.init(null, new TrustManager[]{new X509TrustManager() {
                    public void checkClientTrusted(X509Certificate[] c, String a) {}
                    public void checkServerTrusted(X509Certificate[] c, String a) {}
                    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
                }}, null);
                SSLSocket s = (SSLSocket) trustAll.getSocketFactory().createSocket(socket, "127.0.0.1", server.port(), true);
                s.startHandshake();
                socket = s;
            }
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
            byte[] params = "user\0root\0database\0postgres\0\0".getBytes(StandardCharsets.UTF_8);
            out.writeInt(8 + params.length);
            out.writeInt(196608);
            out.write(params);
            out.flush();
            byte[] body = expect('R');
            assertEquals(10, java.nio.ByteBuffer.wrap(body).getInt());
            for (String m : new String(body, 4, body.length - 4, StandardCharsets.UTF_8).split("\0")) {
                if (!m.isEmpty()) mechanisms.add(m);
            }
        }

        /** Sends the SASLInitialResponse; returns "SQLSTATE message" of an error, else null. */
        String firstMessage(String mechanism, String gs2) throws IOException {
            byte[] first = (gs2 + "n=,r=abcdefghijklmnopqrstuvwx").getBytes(StandardCharsets.UTF_8);
            byte[] name = (mechanism + "\0").getBytes(StandardCharsets.UTF_8);
            out.writeByte('p');
            out.writeInt(4 + name.length + 4 + first.length);
            out.write(name);
            out.writeInt(first.length);
            out.write(first);
            out.flush();
            return error();
        }

        /** A -PLUS exchange with {@code binding} as the certificate hash and a wrong proof. */
        String finish(byte[] binding) throws IOException {
            String gs2 = "p=tls-server-end-point,,";
            assertEquals(null, firstMessage("SCRAM-SHA-256-PLUS", gs2));
            String serverFirst = new String(body, 4, body.length - 4, StandardCharsets.UTF_8);
            String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
            byte[] header = gs2.getBytes(StandardCharsets.UTF_8);
            byte[] c = java.util.Arrays.copyOf(header, header.length + binding.length);
            System.arraycopy(binding, 0, c, header.length, binding.length);
            byte[] fin = ("c=" + Base64.getEncoder().encodeToString(c) + ",r=" + nonce + ",p="
                    + Base64.getEncoder().encodeToString(new byte[32])).getBytes(StandardCharsets.UTF_8);
            out.writeByte('p');
            out.writeInt(4 + fin.length);
            out.write(fin);
            out.flush();
            String error = error();
            assertNotEquals(null, error);
            return error.startsWith("28P01") ? "28P01" : error;
        }

        private byte[] body;

        /** Reads one message: an ErrorResponse as "SQLSTATE message", an AuthenticationSASLContinue as null. */
        private String error() throws IOException {
            int type = in.readByte();
            body = new byte[in.readInt() - 4];
            in.readFully(body);
            if (type == 'R') return null;
            assertEquals('E', type);
            String code = null, message = null;
            for (String field : new String(body, StandardCharsets.UTF_8).split("\0")) {
                if (field.startsWith("C")) code = field.substring(1);
                if (field.startsWith("M")) message = field.substring(1);
            }
            return code + " " + message;
        }

        private byte[] expect(char type) throws IOException {
            assertEquals(type, in.readByte());
            byte[] b = new byte[in.readInt() - 4];
            in.readFully(b);
            return b;
        }
    }
}

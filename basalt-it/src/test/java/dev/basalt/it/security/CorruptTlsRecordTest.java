package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.it.support.ExternalBasalt;
import dev.basalt.it.support.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A logged-in client that sends a TLS record which fails to decrypt and then stays connected is
 * hung up on at once, as MySQL does, on the MySQL and the PostgreSQL port and in both TLS
 * libraries. The client is the JDK's TLS socket over a plain socket; after login the test writes a
 * forged application-data record straight to the plain socket and waits for the end of the stream
 * (before the fix, BoringSSL's connections stayed open until wait_timeout, eight hours).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CorruptTlsRecordTest {
    /** Generous for a loaded machine; a connection left open shows as this timeout. */
    private static final int EOF_WAIT_MILLIS = 60_000;
    /** An application-data record of TLS 1.2/1.3 framing whose 32 bytes decrypt to nothing. */
    private static final byte[] FORGED_RECORD = forgedRecord();

    @ParameterizedTest
    @ValueSource(strings = {"boringssl", "jdk"})
    void aCorruptedRecordEndsTheConnectionAtOnce(String library) throws Exception {
        Path base = Files.createTempDirectory("basalt-tls-corrupt-");
        int pg = FreePort.pick();
        try (ExternalBasalt server = new ExternalBasalt(base.resolve("data"),
                List.of("--tls-library", library, "--pg-port", Integer.toString(pg)))) {
            server.start();
            long abortedBefore = abortedClients(server);

            try (Socket raw = new Socket("127.0.0.1", server.port())) {
                raw.setSoTimeout(EOF_WAIT_MILLIS);
                SSLSocket tls = mysqlLogin(raw);
                assertEquals("TLSv1.3", tls.getSession().getProtocol());
                assertHungUpOnAfterForgedRecord(raw);
            }
            // counted as MySQL counts a client that went away without COM_QUIT
            assertTrue(abortedClients(server) >= abortedBefore + 1, "Aborted_clients grew");

            try (Socket raw = new Socket("127.0.0.1", pg)) {
                raw.setSoTimeout(EOF_WAIT_MILLIS);
                SSLSocket tls = postgresLogin(raw);
                assertEquals("TLSv1.3", tls.getSession().getProtocol());
                assertHungUpOnAfterForgedRecord(raw);
            }
        }
    }

    /** Writes the forged record under the TLS layer and reads the plain socket to its end. */
    private static void assertHungUpOnAfterForgedRecord(Socket raw) throws IOException {
        long start = System.nanoTime();
        try {
            readToEnd(raw);
        } finally {
            System.out.printf("hung up on after %d ms (port %d)%n", (System.nanoTime() - start) / 1_000_000, raw.getPort());
        }
    }

    private static void readToEnd(Socket raw) throws IOException {
        OutputStream out = raw.getOutputStream();
        out.write(FORGED_RECORD);
        out.flush();
        InputStream in = raw.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            // what the server still sends (a ticket, the alert) and then the end of the stream
            while (in.read(buffer) >= 0) {
                // drained
            }
        } catch (SocketTimeoutException e) {
            fail("the server kept the connection open " + EOF_WAIT_MILLIS / 1000 + " s after a corrupted record");
        } catch (java.net.SocketException reset) {
            // a reset is a hang-up too
        }
    }

    private static byte[] forgedRecord() {
        byte[] r = new byte[5 + 32];
        r[0] = 0x17; // application_data
        r[1] = 0x03;
        r[2] = 0x03;
        r[4] = 32;
        for (int i = 5; i < r.length; i++) r[i] = (byte) (i * 37 + 11);
        return r;
    }

    private static long abortedClients(ExternalBasalt server) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/", "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Aborted_clients'")) {
            assertTrue(rs.next(), "Aborted_clients exists");
            return rs.getLong(2);
        }
    }

    // ---- the MySQL port: greeting, SSLRequest, TLS, HandshakeResponse41 as root with no password

    private static SSLSocket mysqlLogin(Socket raw) throws Exception {
        InputStream in = raw.getInputStream();
        readMysqlPacket(in); // greeting
        int caps = (1 << 9) | (1 << 11) | (1 << 15) | (1 << 19); // PROTOCOL_41, SSL, SECURE_CONNECTION, PLUGIN_AUTH
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        writeInt4(request, caps);
        writeInt4(request, 1 << 24);
        request.write(255); // utf8mb4
        request.write(new byte[23]);
        writeMysqlPacket(raw.getOutputStream(), 1, request.toByteArray());

        SSLSocket tls = upgrade(raw);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.write(request.toByteArray());
        response.write("root".getBytes(StandardCharsets.US_ASCII));
        response.write(0);
        response.write(0); // an empty auth response
        response.write("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
        response.write(0);
        writeMysqlPacket(tls.getOutputStream(), 2, response.toByteArray());
        while (true) {
            Packet p = readMysqlPacket(tls.getInputStream());
            switch (p.payload()[0] & 0xFF) {
                case 0x00 -> { return tls; }
                // an auth switch: still no password
                case 0xFE -> writeMysqlPacket(tls.getOutputStream(), p.seq() + 1, new byte[0]);
                // caching_sha2 full authentication: the empty password in clear over TLS; else a fast-auth result
                case 0x01 -> {
                    if (p.payload().length > 1 && p.payload()[1] == 4) writeMysqlPacket(tls.getOutputStream(), p.seq() + 1, new byte[] {0});
                }
                default -> fail("login refused: " + new String(p.payload(), StandardCharsets.UTF_8));
            }
        }
    }

    private record Packet(int seq, byte[] payload) {}

    private static void writeInt4(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
    }

    private static Packet readMysqlPacket(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) throw new IOException("the server closed the connection");
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        return new Packet(header[3] & 0xFF, in.readNBytes(length));
    }

    private static void writeMysqlPacket(OutputStream out, int seq, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) payload.length, (byte) (payload.length >>> 8), (byte) (payload.length >>> 16), (byte) seq});
        out.write(payload);
        out.flush();
    }

    // ---- the PostgreSQL port: SSLRequest, TLS, StartupMessage as root

    private static SSLSocket postgresLogin(Socket raw) throws Exception {
        OutputStream out = raw.getOutputStream();
        out.write(new byte[] {0, 0, 0, 8, 0x04, (byte) 0xD2, 0x16, 0x2F});
        out.flush();
        assertEquals('S', raw.getInputStream().read(), "the server accepts SSLRequest");
        SSLSocket tls = upgrade(raw);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0, 3, 0, 0}); // protocol 3.0
        for (String s : new String[] {"user", "root", "database", "root"}) {
            body.write(s.getBytes(StandardCharsets.US_ASCII));
            body.write(0);
        }
        body.write(0);
        int length = body.size() + 4;
        OutputStream tlsOut = tls.getOutputStream();
        tlsOut.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        tlsOut.write(body.toByteArray());
        tlsOut.flush();
        DataInputStream in = new DataInputStream(tls.getInputStream());
        while (true) {
            int type = in.readUnsignedByte();
            byte[] message = new byte[in.readInt() - 4];
            in.readFully(message);
            if (type == 'E') fail("login refused: " + new String(message, StandardCharsets.UTF_8));
            if (type == 'R' && (message[3] != 0 || message[0] != 0)) fail("the server asked for a password");
            if (type == 'Z') return tls; // ReadyForQuery
        }
    }

    /** The JDK's TLS client over the plain socket, trusting the server's generated certificate. */
    private static SSLSocket upgrade(Socket raw) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(), false);
        tls.setUseClientMode(true);
        tls.setEnabledProtocols(new String[] {"TLSv1.3"});
        tls.startHandshake();
        return tls;
    }
}

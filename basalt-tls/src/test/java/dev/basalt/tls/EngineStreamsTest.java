package dev.basalt.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link EngineStreams} on its own: BoringSSL's engine (as basalt-server builds it for the MySQL
 * port) serving over a blocking loopback socket, against real peers: the JDK's TLS socket, the
 * openssl command line client, and a client engine whose bytes the test cuts or corrupts.
 */
class EngineStreamsTest {
    /** Generous: a loaded CI machine; a hang shows as this timeout, not as a stuck build. */
    private static final long WAIT_SECONDS = 60;

    @TempDir
    static Path dir;
    private static SslContext serverContext;
    private ServerSocket listener;

    @BeforeAll
    static void serverContext() throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "BoringSSL (netty-tcnative) does not load here");
        Path cert = dir.resolve("cert.pem"), key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        serverContext = SslContextBuilder.forServer(cert.toFile(), key.toFile())
                .sslProvider(SslProvider.OPENSSL_REFCNT).protocols("TLSv1.3", "TLSv1.2").build();
    }

    @AfterAll
    static void freeContext() {
        if (serverContext != null) ReferenceCountUtil.release(serverContext);
    }

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    /** What the server does with its side of one accepted connection. */
    private interface ServerSide {
        void serve(EngineStreams tls) throws Exception;
    }

    /** Accepts one connection, runs the BoringSSL handshake over it and then {@code body}; the socket closes after. */
    private CompletableFuture<Void> serveOne(ServerSide body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("engine-streams-test-server").start(() -> {
            try (Socket s = listener.accept()) {
                SSLEngine engine = serverContext.newEngine(ByteBufAllocator.DEFAULT);
                EngineStreams tls = EngineStreams.handshake(engine, s.getInputStream(), s.getOutputStream(), new byte[0],
                        ReferenceCountUtil::release, EngineStreamsTest::releaseTickets);
                try {
                    body.serve(tls);
                } finally {
                    tls.release();
                }
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /**
     * What basalt-server's BoringSSL handshakes do after the handshake: a zero-byte SSL_write, which
     * BoringSSL documents as the way a server that does not speak first sends its TLS 1.3 tickets.
     */
    private static void releaseTickets(SSLEngine engine) {
        ReferenceCountedOpenSslEngine e = (ReferenceCountedOpenSslEngine) engine;
        synchronized (e) {
            // 0 is success here (no bytes written); the flight is now in netty's network buffer
            io.netty.internal.tcnative.SSL.writeToSSL(e.sslPointer(), io.netty.internal.tcnative.Buffer.address(NO_BYTES), 0);
            io.netty.internal.tcnative.SSL.clearError();
        }
    }

    /** The zero bytes of that write: tcnative wants a direct buffer's address even for none. */
    private static final java.nio.ByteBuffer NO_BYTES = java.nio.ByteBuffer.allocateDirect(1);

    /** Echoes until the client's close_notify, then sends ours. */
    private static void echo(EngineStreams tls) throws IOException {
        echoUntilEnd(tls);
        tls.closeOutbound();
    }

    /** Echoes until the client's close_notify. */
    private static void echoUntilEnd(EngineStreams tls) throws IOException {
        byte[] buf = new byte[7001]; // not a record size: reads and writes straddle records
        InputStream in = tls.input();
        OutputStream out = tls.output();
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    private static SSLContext trustingClient() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        return c;
    }

    private SSLSocket jdkClient(String protocol) throws Exception {
        SSLSocket s = (SSLSocket) trustingClient().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        s.setEnabledProtocols(new String[] {protocol});
        s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        s.startHandshake();
        return s;
    }

    @Test
    void largeWritesAndReadsCrossRecordBoundariesAndCloseNotifyEndsBothWays() throws Exception {
        // TLS 1.3: the client half-closes (close_notify) and reads on until the server's close_notify
        byte[] sent = randomBytes(3 * 1024 * 1024 + 17);
        CompletableFuture<Void> server = serveOne(EngineStreamsTest::echo);
        try (SSLSocket client = jdkClient("TLSv1.3")) {
            CompletableFuture<Void> writer = writeInPieces(client, sent, true);
            byte[] echoed = client.getInputStream().readAllBytes(); // ends at the server's close_notify
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertArrayEquals(sent, echoed, "the echo differs");
        }
        server.get(WAIT_SECONDS, TimeUnit.SECONDS); // the server read -1 at our close_notify, no exception
    }

    @Test
    void largeWritesAndReadsOverTls12() throws Exception {
        // TLS 1.2 has no half-close: the client reads the whole echo, then its close() (close_notify) ends the server's input
        byte[] sent = randomBytes(2 * 1024 * 1024 + 5);
        CompletableFuture<Void> server = serveOne(EngineStreamsTest::echoUntilEnd);
        try (SSLSocket client = jdkClient("TLSv1.2")) {
            CompletableFuture<Void> writer = writeInPieces(client, sent, false);
            byte[] echoed = client.getInputStream().readNBytes(sent.length);
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertArrayEquals(sent, echoed, "the echo differs");
        }
        server.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    /** Writes {@code data} in pieces from 1 byte to 4 records, while the test reads the echo. */
    private static CompletableFuture<Void> writeInPieces(SSLSocket client, byte[] data, boolean halfClose) {
        return CompletableFuture.runAsync(() -> {
            try {
                Random sizes = new Random(7);
                OutputStream out = client.getOutputStream();
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, 1 + sizes.nextInt(4 * 16384 + 100));
                    out.write(data, at, n);
                    at += n;
                }
                out.flush();
                if (halfClose) client.shutdownOutput(); // TLS 1.3: close_notify, reading goes on
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void oneWriteOfMegabytesIsSplitIntoRecords() throws Exception {
        byte[] block = randomBytes(2 * 1024 * 1024 + 3);
        CompletableFuture<Void> server = serveOne(tls -> {
            tls.output().write(block); // one call: many records
            tls.output().flush();
            tls.closeOutbound();
            assertEquals(-1, tls.input().read(), "the client's close_notify ends the input");
        });
        try (SSLSocket client = jdkClient("TLSv1.3")) {
            byte[] got = client.getInputStream().readAllBytes(); // -1 at the server's close_notify
            assertArrayEquals(block, got);
            client.close(); // sends our close_notify
        }
        server.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aPeersKeyUpdateIsAnsweredAndDataFlowsAfterIt() throws Exception {
        CompletableFuture<Void> server = serveOne(EngineStreamsTest::echo);
        // 'K' on a line of its own: s_client sends KeyUpdate with update_requested, so our side
        // must update its receiving keys and answer with a KeyUpdate of its own
        Process client = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                "-tls1_3", "-no_ign_eof").redirectErrorStream(true).start();
        try {
            OutputStream stdin = client.getOutputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> copy(client.getInputStream(), seen));
            stdin.write("before-key-update\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            waitFor(seen, "before-key-update", client);
            for (int i = 0; i < 3; i++) {
                stdin.write("K\n".getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                // s_client takes a whole read of its input as one command: the next line must come after
                waitFor(seen, "KEYUPDATE", i + 1, client);
                stdin.write(("after-key-update-" + i + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                waitFor(seen, "after-key-update-" + i, client);
            }
            assertTrue(seen.toString(StandardCharsets.US_ASCII).contains("KEYUPDATE"), "s_client sent no KeyUpdate:\n" + seen);
            stdin.close(); // s_client ends: its close_notify ends our echo
            assertTrue(client.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "s_client did not end");
            server.get(WAIT_SECONDS, TimeUnit.SECONDS);
            reader.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            client.destroyForcibly();
        }
    }

    /**
     * TLSv1.3 resumption: s_client gets a session ticket on a first connection where the server
     * says nothing after the handshake (the MySQL and PostgreSQL ports wait for the client then) and
     * resumes with it on a second. The tickets BoringSSL makes on the client's Finished wait in
     * netty's engine for a wrap; the handshake must send them, not the server's first answer.
     */
    @Test
    void aTls13TicketArrivesWhileTheServerWaitsAndResumesTheSession() throws Exception {
        Path first = dir.resolve("s_client-first.pem"), second = dir.resolve("s_client-second.pem");
        String out = sClientSession(List.of(), first);
        assertTrue(out.contains("New, TLSv1.3"), out);
        String resumed = sClientSession(List.of("-sess_in", first.toString()), second);
        assertTrue(resumed.contains("Reused, TLSv1.3"), "no resumption:\n" + resumed + "\nfirst:\n" + out);
    }

    /**
     * One s_client connection to a server that only reads until the client's close_notify: waits
     * until s_client has written a ticket's session to {@code ticketFile} (its printout is buffered,
     * the file is not), then ends it and returns what it printed.
     */
    private String sClientSession(List<String> options, Path ticketFile) throws Exception {
        CompletableFuture<Void> server = serveOne(tls -> assertEquals(-1, tls.input().read()));
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                "-tls1_3", "-no_ign_eof", "-sess_out", ticketFile.toString()));
        cmd.addAll(options);
        Process client = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> copy(client.getInputStream(), seen));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!(java.nio.file.Files.exists(ticketFile) && java.nio.file.Files.size(ticketFile) > 0)) {
                if (!client.isAlive()) fail("s_client ended early:\n" + seen);
                if (System.nanoTime() > deadline) fail("no session ticket within " + WAIT_SECONDS + " s");
                Thread.sleep(20); // polling for the file, not synchronising
            }
            client.getOutputStream().close(); // s_client ends with close_notify
            assertTrue(client.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "s_client did not end");
            server.get(WAIT_SECONDS, TimeUnit.SECONDS);
            reader.get(WAIT_SECONDS, TimeUnit.SECONDS);
            synchronized (seen) {
                return seen.toString(StandardCharsets.US_ASCII);
            }
        } finally {
            client.destroyForcibly();
        }
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                synchronized (to) {
                    to.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits until s_client's output shows {@code text}: it does not print what we type, so this is the echo. */
    private static void waitFor(ByteArrayOutputStream seen, String text, Process client) throws InterruptedException {
        waitFor(seen, text, 1, client);
    }

    /** Waits until s_client's output shows {@code text} {@code times} times. */
    private static void waitFor(ByteArrayOutputStream seen, String text, int times, Process client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String s;
            synchronized (seen) {
                s = seen.toString(StandardCharsets.US_ASCII);
            }
            if (s.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) return;
            if (!client.isAlive()) fail("s_client ended early:\n" + s);
            Thread.sleep(20); // polling the output, not synchronising
        }
        fail("'" + text + "' not seen " + times + " time(s) within " + WAIT_SECONDS + " s");
    }

    @Test
    void aTruncatedRecordIsAConnectionErrorNotAHang() throws Exception {
        assertClientBreakageFailsTheRead((record, out) -> {
            out.write(record, 0, record.length / 2);
            out.flush();
        }, true);
    }

    /** BoringSSL answers a record that fails authentication with an alert; the read fails. */
    @Test
    void aCorruptedRecordIsAConnectionError() throws Exception {
        assertClientBreakageFailsTheRead(EngineStreamsTest::corrupt, true);
    }

    /**
     * A peer that stays connected after a corrupted record is not waited for: netty's engine keeps
     * the error until a wrap after the alert, and the read makes that wrap at once (before, it waited
     * for the peer's next bytes, i.e. until wait_timeout).
     */
    @Test
    void aCorruptedRecordFailsTheReadWhileThePeerStaysConnected() throws Exception {
        assertClientBreakageFailsTheRead(EngineStreamsTest::corrupt, false);
    }

    private static void corrupt(byte[] record, OutputStream out) throws IOException {
        byte[] bad = record.clone();
        bad[bad.length - 1] ^= 0x40; // in the authentication tag
        out.write(bad);
        out.flush();
    }

    /** What a broken client does with its first application record. */
    private interface Breakage {
        void send(byte[] record, OutputStream socket) throws IOException;
    }

    /**
     * A client (the JDK's engine driven by {@link EngineStreams} too) completes the handshake, then
     * its first data record goes out broken (and the client closes its side when {@code closeAfter});
     * the server's read must fail with an IOException promptly. Returns that exception.
     */
    private Throwable assertClientBreakageFailsTheRead(Breakage breakage, boolean closeAfter) throws Exception {
        CompletableFuture<Throwable> readFailure = new CompletableFuture<>();
        CompletableFuture<Void> server = serveOne(tls -> {
            tls.output().write('!'); // the handshake is over on our side: the broken record comes after it
            tls.output().flush();
            try {
                int b = tls.input().read();
                readFailure.complete(new AssertionError("read returned " + b + " instead of failing"));
            } catch (IOException e) {
                readFailure.complete(e);
            }
        });
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            AtomicBoolean handshakeDone = new AtomicBoolean();
            OutputStream net = raw.getOutputStream();
            OutputStream cutting = new OutputStream() {
                @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (!handshakeDone.get()) {
                        net.write(b, off, len);
                        return;
                    }
                    breakage.send(Arrays.copyOfRange(b, off, off + len), net);
                    if (closeAfter) raw.shutdownOutput(); // the peer sees the end of the stream right after
                }

                @Override public void flush() throws IOException { net.flush(); }
            };
            SSLEngine engine = trustingClient().createSSLEngine("localhost", listener.getLocalPort());
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(new String[] {"TLSv1.3"});
            EngineStreams client = EngineStreams.handshake(engine, raw.getInputStream(), cutting, new byte[0], e -> {});
            assertEquals('!', client.input().read());
            handshakeDone.set(true);
            client.output().write("this record will not arrive whole".getBytes(StandardCharsets.US_ASCII));
            Throwable failure = readFailure.get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (failure instanceof AssertionError a) throw a;
            try {
                server.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // the server body caught the read's exception itself; nothing else should fail
                throw new AssertionError("the server side failed: " + e.getCause(), e.getCause());
            }
            assertInstanceOf(IOException.class, failure);
            return failure;
        }
    }
}

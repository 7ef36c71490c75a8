package dev.basalt.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's HttpsServer driving BoringSSL's engines through {@link EngineSslContext}, as the HTTPS
 * port does: curl gets its answer over TLSv1.3 and TLSv1.2. Without {@link FinishedOnTimeEngine}
 * the TLSv1.3 request was read inside the server's handshake loop and dropped (curl hung).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineSslContextTest {
    @TempDir
    Path dir;

    @Test
    void theJdkHttpsServerAnswersCurlOverBoringSsl() throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "BoringSSL (netty-tcnative) does not load here");
        Path cert = dir.resolve("cert.pem"), key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        SslContext boring = SslContextBuilder.forServer(cert.toFile(), key.toFile())
                .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.3", "TLSv1.2").build();
        SSLEngine sample = boring.newEngine(ByteBufAllocator.DEFAULT);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(
                EngineSslContext.of(() -> boring.newEngine(ByteBufAllocator.DEFAULT), sample.getSSLParameters(), "BoringSSL")));
        server.createContext("/", exchange -> {
            byte[] body = "forty-two".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            for (List<String> version : List.of(List.of("--tlsv1.3"), List.of("--tlsv1.2", "--tls-max", "1.2"))) {
                List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sS", "-k", "--max-time", "60"));
                cmd.addAll(version);
                cmd.add("https://127.0.0.1:" + server.getAddress().getPort() + "/");
                Process curl = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, curl.waitFor(), out);
                assertEquals("forty-two", out, version.toString());
            }
        } finally {
            server.stop(0);
        }
    }
}

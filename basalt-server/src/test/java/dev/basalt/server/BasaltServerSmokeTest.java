package dev.basalt.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts a real server on a free port and reads the MySQL greeting with a raw socket. */
class BasaltServerSmokeTest {

    @TempDir
    Path dir;

    @Test
    void memoryServerGreetsClientsWithTheBasaltVersionAndStopsListeningOnClose() throws IOException {
        int port;
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"))) {
            port = server.port();
            assertTrue(port > 0);
            assertEquals("127.0.0.1:" + port, server.address());
            assertTrue(server.readyLine().contains("ready for connections on 127.0.0.1:" + port + " (storage: memory"),
                    server.readyLine());
            assertEquals(BasaltVersion.current().serverVersion(), readGreetingVersion(port));
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void lmdbServerUsesTheDataDirectory() throws IOException {
        Path data = dir.resolve("data");
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withDataDir(data))) {
            assertTrue(Files.isDirectory(data));
            assertTrue(server.readyLine().contains("(storage: lmdb at " + data.toAbsolutePath()), server.readyLine());
            assertEquals(BasaltVersion.current().serverVersion(), readGreetingVersion(server.port()));
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"));
        server.close();
        server.close();
    }

    @Test
    void refusesAnEmptyRootPasswordOffLoopbackBeforeOpeningAnything() {
        Path data = dir.resolve("untouched");
        assertThrows(SettingsException.class, () -> BasaltServer.start(
                ServerSettings.defaults().withBind("0.0.0.0").withPort(0).withDataDir(data)));
        assertTrue(Files.notExists(data));
    }

    @Test
    void dataDirectoryThatIsAFileIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");
        IOException e = assertThrows(IOException.class,
                () -> BasaltServer.start(ServerSettings.defaults().withPort(0).withDataDir(file)));
        assertTrue(e.getMessage().contains(file + " exists and is not a directory"), e.getMessage());
    }

    @Test
    void portInUseNamesTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerSettings s = ServerSettings.defaults().withStorage("memory").withPort(taken.getLocalPort());
            BindException e = assertThrows(BindException.class, () -> BasaltServer.start(s));
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "), e.getMessage());
        }
    }

    /** Reads the first packet (protocol 10 handshake) and returns its NUL-terminated server version. */
    private static String readGreetingVersion(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = in.readNBytes(4);
            assertEquals(4, header.length, "packet header");
            int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            assertEquals(0, header[3], "first packet has sequence 0");
            byte[] payload = in.readNBytes(length);
            assertEquals(length, payload.length);
            assertEquals(10, payload[0], "protocol version 10");
            int end = 1;
            while (end < payload.length && payload[end] != 0) end++;
            return new String(payload, 1, end - 1, StandardCharsets.US_ASCII);
        }
    }
}

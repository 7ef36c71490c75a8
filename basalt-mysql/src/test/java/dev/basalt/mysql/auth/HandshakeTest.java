package dev.basalt.mysql.auth;

import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.MalformedPacketException;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;
import dev.basalt.mysql.protocol.Sequence;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class HandshakeTest {

    /** Frames a payload built by {@code build} and returns the payload bytes back (strips the 4-byte header). */
    static byte[] built(java.util.function.Consumer<PacketWriter> build) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketWriter w = new PacketWriter(out, new Sequence());
        w.begin();
        build.accept(w);
        w.send();
        w.flush();
        byte[] all = out.toByteArray();
        return Arrays.copyOfRange(all, 4, all.length);
    }

    @Test
    void greetingHasTheV10Layout() throws IOException {
        byte[] nonce = "abcdefghijklmnopqrst".getBytes();
        byte[] bytes = built(w -> Handshake.writeInitial(w, "8.0.40-basalt", 0x01020304L, nonce,
                Capabilities.SERVER, 2, "caching_sha2_password"));
        Payload p = new Payload(bytes);
        assertEquals(10, p.readInt1());
        assertEquals("8.0.40-basalt", p.readNulString());
        assertEquals(0x01020304L, p.readInt4());
        assertArrayEquals("abcdefgh".getBytes(), p.readBytes(8));
        assertEquals(0, p.readInt1());
        int caps = p.readInt2();
        assertEquals(255, p.readInt1());
        assertEquals(2, p.readInt2());
        caps |= p.readInt2() << 16;
        assertEquals(Capabilities.SERVER, caps);
        assertEquals(0, caps & Capabilities.SSL, "SERVER lacks SSL: a connection adds it only when TLS is on");
        assertNotEquals(0, caps & Capabilities.DEPRECATE_EOF);
        assertEquals(21, p.readInt1());
        assertArrayEquals(new byte[10], p.readBytes(10));
        assertArrayEquals("ijklmnopqrst".getBytes(), p.readBytes(12));
        assertEquals(0, p.readInt1());
        assertEquals("caching_sha2_password", p.readNulString());
        assertFalse(p.hasRemaining());
    }

    static int clientCaps() {
        return Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH
                | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.CONNECT_WITH_DB | Capabilities.CONNECT_ATTRS;
    }

    static void responseHead(PacketWriter w, int caps) {
        w.int4(caps).int4(16_777_216).int1(45);
        for (int i = 0; i < 23; i++) w.int1(0);
    }

    @Test
    void parsesAFullResponse() throws IOException {
        byte[] bytes = built(w -> {
            responseHead(w, clientCaps());
            w.nulString("alice").lenencBytes(new byte[] {1, 2, 3}).nulString("shop").nulString("mysql_native_password");
            byte[] block = builtQuietly(a -> a.lenencString("_client_name").lenencString("libmariadb")
                    .lenencString("_pid").lenencString("4242"));
            w.lenenc(block.length).bytes(block);
        });
        Handshake.Response r = Handshake.parse(new Payload(bytes));
        assertEquals("alice", r.user());
        assertArrayEquals(new byte[] {1, 2, 3}, r.authResponse());
        assertEquals("shop", r.database());
        assertEquals("mysql_native_password", r.authPlugin());
        assertEquals("libmariadb", r.attributes().get("_client_name"));
        assertEquals("4242", r.attributes().get("_pid"));
        assertEquals(45, r.charset());
    }

    @Test
    void oneByteAuthLengthWithoutLenencCapability() throws IOException {
        int caps = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION;
        byte[] bytes = built(w -> {
            responseHead(w, caps);
            w.nulString("bob").int1(2).int1(9).int1(8);
        });
        Handshake.Response r = Handshake.parse(new Payload(bytes));
        assertArrayEquals(new byte[] {9, 8}, r.authResponse());
        assertNull(r.database());
        assertNull(r.authPlugin());
    }

    @Test
    void malformedResponsesAreRejected() throws IOException {
        // Truncated before the user name.
        assertThrows(MalformedPacketException.class, () -> Handshake.parse(new Payload(new byte[] {0, 2, 0, 0, 0})));
        // Auth data longer than the packet.
        byte[] longAuth = built(w -> {
            responseHead(w, clientCaps());
            w.nulString("x").lenenc(200).int1(1);
        });
        assertThrows(MalformedPacketException.class, () -> Handshake.parse(new Payload(longAuth)));
        // Attribute block claiming more bytes than remain.
        byte[] badAttrs = built(w -> {
            responseHead(w, clientCaps());
            w.nulString("x").lenenc(0).nulString("").nulString("mysql_native_password").lenenc(50).lenencString("k");
        });
        assertThrows(MalformedPacketException.class, () -> Handshake.parse(new Payload(badAttrs)));
        // Pre-4.1 client.
        byte[] old = built(w -> {
            responseHead(w, Capabilities.SECURE_CONNECTION);
            w.nulString("x").int1(0);
        });
        assertThrows(MalformedPacketException.class, () -> Handshake.parse(new Payload(old)));
    }

    static byte[] builtQuietly(java.util.function.Consumer<PacketWriter> build) {
        try {
            return built(build);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

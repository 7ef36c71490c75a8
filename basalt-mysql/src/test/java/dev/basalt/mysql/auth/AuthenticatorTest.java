package dev.basalt.mysql.auth;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.UserAccount;
import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.PacketReader;
import dev.basalt.mysql.protocol.PacketWriter;
import dev.basalt.mysql.protocol.Payload;
import dev.basalt.mysql.protocol.Sequence;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The authentication exchange with the client's packets scripted in advance (they depend only on
 * the nonce and the server's public key, both known before the run). Sequence ids start at 0 here.
 */
class AuthenticatorTest {
    static final int PLUGIN_CLIENT = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH;
    final UserAccount alice = UserAccount.withPassword("alice", "secret");
    final byte[] nonce = Scrambles.newNonce();
    final ServerKeys keys = new ServerKeys();

    /** Client packets, numbered as replies to server packets: the i-th scripted packet gets id 2i+1. */
    static byte[] script(byte[]... packets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Sequence seq = new Sequence();
        PacketWriter w = new PacketWriter(out, seq);
        for (byte[] p : packets) {
            seq.take(); // the server's packet before it
            w.begin().bytes(p).send();
        }
        w.flush();
        return out.toByteArray();
    }

    /** The server's packets, as payloads. */
    static List<byte[]> packets(byte[] wire) throws IOException {
        PacketReader r = new PacketReader(new ByteArrayInputStream(wire), new Sequence(), 1 << 20);
        List<byte[]> out = new ArrayList<>();
        Payload p;
        while ((p = r.read()) != null) out.add(p.readRestBytes());
        return out;
    }

    record Outcome(List<byte[]> sent, SqlException error) {}

    Outcome run(Handshake.Response response, Sha2Cache cache, String serverPlugin, boolean local, byte[] clientScript)
            throws IOException {
        Sequence seq = new Sequence();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketReader reader = new PacketReader(new ByteArrayInputStream(clientScript), seq, 1 << 20);
        PacketWriter writer = new PacketWriter(out, seq);
        SqlException error = null;
        try {
            new Authenticator(reader, writer, keys, cache)
                    .authenticate(response, Optional.of(alice), nonce, "10.0.0.9", serverPlugin, local);
        } catch (SqlException e) {
            error = e;
        }
        writer.flush();
        // Re-number the server's packets consecutively so a plain reader can parse them.
        byte[] wire = out.toByteArray();
        int pos = 0, id = 0;
        while (pos < wire.length) {
            int len = (wire[pos] & 0xFF) | (wire[pos + 1] & 0xFF) << 8 | (wire[pos + 2] & 0xFF) << 16;
            wire[pos + 3] = (byte) id++;
            pos += 4 + len;
        }
        return new Outcome(packets(wire), error);
    }

    static Handshake.Response response(int caps, byte[] auth, String plugin) {
        return new Handshake.Response(caps, 1 << 24, 255, "alice", auth, null, plugin, Map.of());
    }

    static byte[] cleartext(String pw) {
        return (pw + "\0").getBytes(StandardCharsets.UTF_8);
    }

    byte[] rsaEncrypted(String pw) throws Exception {
        String pem = new String(keys.publicKeyPem(), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        byte[] plain = cleartext(pw);
        for (int i = 0; i < plain.length; i++) plain[i] ^= nonce[i % nonce.length];
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        c.init(Cipher.ENCRYPT_MODE, key);
        return c.doFinal(plain);
    }

    @Test
    void switchesToTheServerPluginThenTakesTheFastPath() throws Exception {
        byte[] sha2 = ScramblesTest.clientSha2("secret", nonce);
        Outcome o = run(response(PLUGIN_CLIENT, ScramblesTest.clientNative("secret", nonce), "mysql_native_password"),
                new Sha2Cache(true), "caching_sha2_password", false, script(sha2));
        assertNull(o.error());
        assertEquals(2, o.sent().size());
        Payload sw = new Payload(o.sent().get(0));
        assertEquals(0xFE, sw.readInt1());
        assertEquals("caching_sha2_password", sw.readNulString());
        assertArrayEquals(nonce, sw.readBytes(20));
        assertEquals(0, sw.readInt1());
        assertArrayEquals(new byte[] {1, 3}, o.sent().get(1), "fast_auth_success");
    }

    @Test
    void fullAuthenticationFetchesTheKeyAndDecryptsThePassword() throws Exception {
        Sha2Cache cache = new Sha2Cache(false);
        byte[] scramble = ScramblesTest.clientSha2("secret", nonce);
        Outcome o = run(response(PLUGIN_CLIENT, scramble, "caching_sha2_password"), cache, "caching_sha2_password",
                false, script(new byte[] {2}, rsaEncrypted("secret")));
        assertNull(o.error());
        assertArrayEquals(new byte[] {1, 4}, o.sent().get(0), "perform_full_authentication");
        byte[] key = o.sent().get(1);
        assertEquals(1, key[0]);
        assertTrue(new String(key, 1, key.length - 1, StandardCharsets.US_ASCII).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(2, o.sent().size());

        // Now cached: the same account takes the fast path.
        Outcome again = run(response(PLUGIN_CLIENT, scramble, "caching_sha2_password"), cache, "caching_sha2_password",
                false, script());
        assertNull(again.error());
        assertArrayEquals(new byte[] {1, 3}, again.sent().get(0));
    }

    @Test
    void wrongPasswordInFullAuthenticationIsDenied() throws Exception {
        Outcome o = run(response(PLUGIN_CLIENT, ScramblesTest.clientSha2("nope", nonce), "caching_sha2_password"),
                new Sha2Cache(false), "caching_sha2_password", false, script(rsaEncrypted("nope")));
        assertNotNull(o.error());
        assertEquals(1045, o.error().errorCode());
        assertEquals("Access denied for user 'alice'@'10.0.0.9' (using password: YES)", o.error().getMessage());
    }

    @Test
    void cleartextIsAcceptedFromLoopbackOnly() throws Exception {
        byte[] scramble = ScramblesTest.clientSha2("secret", nonce);
        Outcome remote = run(response(PLUGIN_CLIENT, scramble, "caching_sha2_password"), new Sha2Cache(false),
                "caching_sha2_password", false, script(cleartext("secret")));
        assertNotNull(remote.error(), "cleartext over plain TCP from afar must be refused");
        Outcome local = run(response(PLUGIN_CLIENT, scramble, "caching_sha2_password"), new Sha2Cache(false),
                "caching_sha2_password", true, script(cleartext("secret")));
        assertNull(local.error());
    }

    @Test
    void trustedHashMismatchIsDeniedWithoutRsa() throws Exception {
        Outcome o = run(response(PLUGIN_CLIENT, ScramblesTest.clientSha2("nope", nonce), "caching_sha2_password"),
                new Sha2Cache(true), "caching_sha2_password", false, script());
        assertEquals(1045, o.error().errorCode());
        assertTrue(o.sent().isEmpty(), "no full-authentication request");
    }

    @Test
    void clientWithoutPluginAuthSpeaksNative() throws Exception {
        int caps = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION;
        Outcome ok = run(response(caps, ScramblesTest.clientNative("secret", nonce), null), new Sha2Cache(true),
                "caching_sha2_password", false, script());
        assertNull(ok.error());
        assertTrue(ok.sent().isEmpty(), "no switch for a client that cannot switch");
        Outcome bad = run(response(caps, ScramblesTest.clientNative("wrong", nonce), null), new Sha2Cache(true),
                "caching_sha2_password", false, script());
        assertEquals(1045, bad.error().errorCode());
    }

    @Test
    void emptyPasswords() throws Exception {
        Outcome noPw = run(response(PLUGIN_CLIENT, new byte[0], "mysql_native_password"), new Sha2Cache(true),
                "mysql_native_password", false, script());
        assertEquals("Access denied for user 'alice'@'10.0.0.9' (using password: NO)", noPw.error().getMessage());
    }
}

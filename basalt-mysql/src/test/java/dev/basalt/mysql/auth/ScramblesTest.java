package dev.basalt.mysql.auth;

import dev.basalt.engine.api.UserAccount;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.*;

/** The client side of each plugin is computed here from its definition, independently of the server code. */
class ScramblesTest {

    static byte[] sha1(byte[]... parts) { return UserAccount.digest("SHA-1", parts); }

    static byte[] sha256(byte[]... parts) { return UserAccount.digest("SHA-256", parts); }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (byte) (a[i] ^ b[i]);
        return out;
    }

    /** SHA1(pw) XOR SHA1(nonce || SHA1(SHA1(pw))) */
    static byte[] clientNative(String pw, byte[] nonce) {
        byte[] p = pw.getBytes(StandardCharsets.UTF_8);
        return xor(sha1(p), sha1(nonce, sha1(sha1(p))));
    }

    /** SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) || nonce) */
    static byte[] clientSha2(String pw, byte[] nonce) {
        byte[] p = pw.getBytes(StandardCharsets.UTF_8);
        return xor(sha256(p), sha256(sha256(sha256(p)), nonce));
    }

    @RepeatedTest(5)
    void nonceIsTwentyPrintableNonZeroBytes() {
        byte[] nonce = Scrambles.newNonce();
        assertEquals(20, nonce.length);
        for (byte b : nonce) assertTrue(b >= 0x21 && b <= 0x7E, "byte " + b);
    }

    @Test
    void nativeScrambleVerifies() {
        UserAccount acc = UserAccount.withPassword("u", "s3cret");
        byte[] nonce = Scrambles.newNonce();
        assertTrue(Scrambles.verifyNative(clientNative("s3cret", nonce), nonce, acc.nativeHash()));
        assertFalse(Scrambles.verifyNative(clientNative("s3cret!", nonce), nonce, acc.nativeHash()));
        assertFalse(Scrambles.verifyNative(clientNative("s3cret", Scrambles.newNonce()), nonce, acc.nativeHash()),
                "a scramble for another nonce must not replay");
        assertFalse(Scrambles.verifyNative(new byte[19], nonce, acc.nativeHash()));
    }

    @Test
    void sha2ScrambleVerifies() {
        UserAccount acc = UserAccount.withPassword("u", "pässwörd-🔑");
        byte[] nonce = Scrambles.newNonce();
        assertTrue(Scrambles.verifySha2(clientSha2("pässwörd-🔑", nonce), nonce, acc.sha256Hash()));
        assertFalse(Scrambles.verifySha2(clientSha2("passwort", nonce), nonce, acc.sha256Hash()));
        assertFalse(Scrambles.verifySha2(clientSha2("pässwörd-🔑", Scrambles.newNonce()), nonce, acc.sha256Hash()));
        assertFalse(Scrambles.verifySha2(new byte[31], nonce, acc.sha256Hash()));
    }

    @Test
    void rsaPublicKeyIsPemAndDecryptsOaep() throws Exception {
        ServerKeys keys = new ServerKeys();
        String pem = new String(keys.publicKeyPem(), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pem);
        assertTrue(pem.endsWith("-----END PUBLIC KEY-----\n"), pem);
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));

        byte[] nonce = Scrambles.newNonce();
        byte[] secret = "hunter2\0".getBytes(StandardCharsets.UTF_8);
        byte[] masked = new byte[secret.length];
        for (int i = 0; i < secret.length; i++) masked[i] = (byte) (secret[i] ^ nonce[i % nonce.length]);
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        c.init(Cipher.ENCRYPT_MODE, key);
        byte[] cipherText = c.doFinal(masked);
        assertEquals(keys.cipherLength(), cipherText.length);
        assertArrayEquals(masked, keys.decrypt(cipherText));
        assertNull(keys.decrypt(new byte[256]), "garbage does not decrypt");
        assertSame(keys.publicKeyPem(), keys.publicKeyPem(), "one key pair per server");
    }
}

package dev.basalt.mysql.auth;

import dev.basalt.engine.api.UserAccount;

import java.security.MessageDigest;
import java.security.SecureRandom;

/** The challenge nonce and the two scramble checks (mysql_native_password, caching_sha2_password). */
public final class Scrambles {
    private Scrambles() {}

    public static final int NONCE_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** 20 random printable ASCII bytes: never NUL, so clients that treat it as a C string cope. */
    public static byte[] newNonce() {
        // One draw of random bytes, not one nextInt per character: each SecureRandom call takes its
        // lock and mixes through SHA-1 (20 of them were ~1.5% of a short connection's server CPU).
        // Bytes below 188 (2 x 94) map evenly onto the 94 printable characters; the rest are redrawn.
        byte[] nonce = new byte[NONCE_LENGTH];
        byte[] draw = new byte[NONCE_LENGTH + 12];
        int filled = 0;
        while (filled < NONCE_LENGTH) {
            RANDOM.nextBytes(draw);
            for (int i = 0; i < draw.length && filled < NONCE_LENGTH; i++) {
                int b = draw[i] & 0xFF;
                if (b < 2 * PRINTABLE) nonce[filled++] = (byte) (0x21 + b % PRINTABLE);
            }
        }
        return nonce;
    }

    /** '!' (0x21) to '~' (0x7E). */
    private static final int PRINTABLE = 0x7E - 0x21 + 1;

    /**
     * mysql_native_password: the client sends SHA1(pw) XOR SHA1(nonce || SHA1(SHA1(pw))). XOR with
     * SHA1(nonce || storedHash) recovers SHA1(pw) if the password is right, whose SHA1 is storedHash.
     */
    public static boolean verifyNative(byte[] response, byte[] nonce, byte[] storedHash) {
        if (response.length != 20 || storedHash.length != 20) return false;
        byte[] mask = UserAccount.digest("SHA-1", nonce, storedHash);
        byte[] candidate = xor(response, mask);
        return MessageDigest.isEqual(UserAccount.digest("SHA-1", candidate), storedHash);
    }

    /**
     * caching_sha2_password fast path: the client sends SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) || nonce).
     * With SHA256(pw) stored we rebuild the mask and compare the unmasked value with it.
     */
    public static boolean verifySha2(byte[] response, byte[] nonce, byte[] sha256OfPassword) {
        if (response.length != 32 || sha256OfPassword.length != 32) return false;
        byte[] doubleHash = UserAccount.digest("SHA-256", sha256OfPassword);
        byte[] mask = UserAccount.digest("SHA-256", doubleHash, nonce);
        return MessageDigest.isEqual(xor(response, mask), sha256OfPassword);
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (byte) (a[i] ^ b[i % b.length]);
        return out;
    }
}

package dev.basalt.engine.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ulrich Drepper's SHA-crypt with SHA-256 (the "$5$" scheme of glibc's crypt), which MySQL 8's
 * caching_sha2_password uses for its stored hashes. Written from the public specification
 * ("Unix crypt using SHA-256 and SHA-512"); MySQL's variant differs only in what it passes in: a
 * salt of up to 20 bytes instead of 16 and the rounds taken from the stored string, not from a
 * {@code rounds=} prefix.
 */
final class ShaCrypt {
    /** crypt's base-64 alphabet (not RFC 4648's). */
    private static final char[] ALPHABET =
            "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** The order in which the final digest's bytes are written, three at a time (spec step 22). */
    private static final int[][] GROUPS = {
            {0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14},
            {15, 25, 5}, {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29}};

    private ShaCrypt() {}

    /** The 43-character encoded digest of {@code password} with {@code salt} after {@code rounds} rounds. */
    static String sha256(byte[] password, byte[] salt, int rounds) {
        MessageDigest md = sha256();
        // B = H(password salt password)
        md.update(password);
        md.update(salt);
        md.update(password);
        byte[] b = md.digest();

        // A = H(password salt, B for each byte of the password, then B or password per bit of its length)
        md.update(password);
        md.update(salt);
        int n = password.length;
        for (; n > 32; n -= 32) md.update(b);
        md.update(b, 0, n);
        for (int bits = password.length; bits > 0; bits >>= 1) {
            if ((bits & 1) != 0) md.update(b); else md.update(password);
        }
        byte[] c = md.digest();

        // P = H(password repeated once per byte of itself), stretched to the password's length
        for (int i = 0; i < password.length; i++) md.update(password);
        byte[] p = stretch(md.digest(), password.length);

        // S = H(salt repeated 16 + A[0] times), stretched to the salt's length
        for (int i = 0; i < 16 + (c[0] & 0xFF); i++) md.update(salt);
        byte[] s = stretch(md.digest(), salt.length);

        // the rounds: alternate the previous digest and P, mixing in S and P on most rounds
        for (int i = 0; i < rounds; i++) {
            boolean odd = (i & 1) != 0;
            md.update(odd ? p : c);
            if (i % 3 != 0) md.update(s);
            if (i % 7 != 0) md.update(p);
            md.update(odd ? c : p);
            c = md.digest();
        }
        return encode(c);
    }

    private static byte[] stretch(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) out[i] = digest[i % digest.length];
        return out;
    }

    private static String encode(byte[] d) {
        StringBuilder sb = new StringBuilder(43);
        for (int[] g : GROUPS) append(sb, d[g[0]], d[g[1]], d[g[2]], 4);
        append(sb, (byte) 0, d[31], d[30], 3);
        return sb.toString();
    }

    /** Three bytes as a 24-bit number written six bits at a time, lowest first. */
    private static void append(StringBuilder sb, byte high, byte mid, byte low, int chars) {
        int w = (high & 0xFF) << 16 | (mid & 0xFF) << 8 | (low & 0xFF);
        for (int i = 0; i < chars; i++, w >>>= 6) sb.append(ALPHABET[w & 0x3F]);
    }

    /** True for the characters {@link #sha256} writes. */
    static boolean isEncodedChar(int c) {
        return c == '.' || c == '/' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

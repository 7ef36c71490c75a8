package dev.basalt.engine.api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A SCRAM-SHA-256 verifier (RFC 5802/7677) as PostgreSQL stores it in pg_authid.rolpassword:
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64). It is made when a
 * statement sees the cleartext password, so the PostgreSQL port can run SCRAM for any account
 * without knowing the password. (The password is UTF-8 as given; PostgreSQL's SASLprep is not
 * applied, which only matters for passwords with non-ASCII characters that SASLprep would change.)
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    /** PostgreSQL's default (scram_iterations). */
    public static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ScramVerifier create(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return create(password, salt, ITERATIONS);
    }

    public static ScramVerifier create(String password, byte[] salt, int iterations) {
        byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramVerifier(iterations, salt, UserAccount.digest("SHA-256", clientKey),
                hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII)));
    }

    /** PostgreSQL's text form. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                + ":" + b64.encodeToString(serverKey);
    }

    /** Parses {@link #encode()}'s form; null when {@code text} is not one. */
    public static ScramVerifier parse(String text) {
        if (text == null || !text.startsWith("SCRAM-SHA-256$")) return null;
        String[] parts = text.substring("SCRAM-SHA-256$".length()).split("\\$");
        if (parts.length != 2) return null;
        String[] head = parts[0].split(":"), keys = parts[1].split(":");
        if (head.length != 2 || keys.length != 2) return null;
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            int iterations = Integer.parseInt(head[0]);
            byte[] stored = b64.decode(keys[0]), server = b64.decode(keys[1]);
            if (iterations < 1 || stored.length != 32 || server.length != 32) return null;
            return new ScramVerifier(iterations, b64.decode(head[1]), stored, server);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** PBKDF2 with HMAC-SHA-256, one block: SCRAM's Hi(). */
    public static byte[] hi(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC pads a short key with zeros, so one zero byte stands for the empty key SecretKeySpec refuses
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) result[j] ^= u[j];
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

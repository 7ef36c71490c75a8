package dev.basalt.engine.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * MySQL 8's stored caching_sha2_password hash, as mysql.user.authentication_string holds it and
 * dumps carry it: {@code $A$<rounds/1000 as 3 hex digits>$<20-byte salt><43-character digest>},
 * e.g. {@code $A$005$...} for the default 5000 rounds. The digest is SHA-crypt (SHA-256) of the
 * password with that salt ({@link ShaCrypt}), so a password can be checked against it but the
 * SHA-256 of the password that caching_sha2's fast path needs cannot be derived from it: an account
 * holding only this hash logs in through full authentication first (see the MySQL module's cache).
 *
 * <p>The salt is raw bytes (MySQL makes them 7-bit, never NUL or '$'), so the whole string is kept
 * as bytes; {@link #text()} maps them one byte to one char.
 */
public final class CachingSha2Hash {
    private static final int SALT_LENGTH = 20;
    private static final int DIGEST_LENGTH = 43;
    private static final int ROUNDS_UNIT = 1000;

    private final byte[] bytes;

    private CachingSha2Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** True when {@code text} (one char per byte) starts as MySQL's salted form does. */
    public static boolean looksLike(String text) {
        return text.startsWith("$A$");
    }

    /**
     * @param text the stored string, one char per byte (chars above 0xFF are not bytes: 1827)
     * @throws SqlException 1827 when it is not {@code $A$xxx$} + 20 salt bytes + 43 digest characters
     */
    public static CachingSha2Hash parse(String text) {
        byte[] b = new byte[text.length()];
        for (int i = 0; i < b.length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) throw ErrorCode.ER_PASSWORD_FORMAT.error();
            b[i] = (byte) c;
        }
        CachingSha2Hash hash = new CachingSha2Hash(b);
        if (b.length != 7 + SALT_LENGTH + DIGEST_LENGTH || !text.startsWith("$A$") || b[6] != '$'
                || hash.rounds() <= 0) {
            throw ErrorCode.ER_PASSWORD_FORMAT.error();
        }
        for (int i = b.length - DIGEST_LENGTH; i < b.length; i++) {
            if (!ShaCrypt.isEncodedChar(b[i])) throw ErrorCode.ER_PASSWORD_FORMAT.error();
        }
        return hash;
    }

    /** Back from {@link #hex()} (the catalog's form). */
    public static CachingSha2Hash fromHex(String hex) {
        return new CachingSha2Hash(HexFormat.of().parseHex(hex));
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    /** Salt characters: crypt's alphabet, printable, so SHOW CREATE USER can quote the hash as it is. */
    private static final byte[] SALT_CHARS =
            "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    /** A hash of {@code password} with a fresh random salt (MySQL's 20 bytes, printable here), 5000 rounds. */
    public static CachingSha2Hash create(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        for (int i = 0; i < salt.length; i++) salt[i] = SALT_CHARS[RANDOM.nextInt(SALT_CHARS.length)];
        return create(password, salt);
    }

    /** A new hash of {@code password} with the given salt, as MySQL makes one (5000 rounds). */
    public static CachingSha2Hash create(String password, byte[] salt) {
        byte[] head = "$A$005$".getBytes(StandardCharsets.US_ASCII);
        byte[] digest = ShaCrypt.sha256(password.getBytes(StandardCharsets.UTF_8), salt, 5 * ROUNDS_UNIT)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + salt.length + digest.length);
        System.arraycopy(salt, 0, out, head.length, salt.length);
        System.arraycopy(digest, 0, out, head.length + salt.length, digest.length);
        return new CachingSha2Hash(out);
    }

    /** The rounds of SHA-crypt: the three hex digits times 1000 (-1 when they are not hex). */
    public int rounds() {
        try {
            return Integer.parseInt(new String(bytes, 3, 3, StandardCharsets.US_ASCII), 16) * ROUNDS_UNIT;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * True when {@code password} (UTF-8) hashes to this. As MySQL's crypt does, the salt ends at a
     * '$' or NUL byte (MySQL never makes such salts; a hand-made hash may hold one).
     */
    public boolean matches(String password) {
        int saltEnd = 7;
        while (saltEnd < 7 + SALT_LENGTH && bytes[saltEnd] != '$' && bytes[saltEnd] != 0) saltEnd++;
        byte[] salt = Arrays.copyOfRange(bytes, 7, saltEnd);
        String digest = ShaCrypt.sha256(password.getBytes(StandardCharsets.UTF_8), salt, rounds());
        byte[] stored = Arrays.copyOfRange(bytes, bytes.length - DIGEST_LENGTH, bytes.length);
        return MessageDigest.isEqual(stored, digest.getBytes(StandardCharsets.US_ASCII));
    }

    /** The stored string, one char per byte (mysql.user.authentication_string). */
    public String text() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** True when every byte is printable ASCII, so the string can be quoted as it is. */
    public boolean printable() {
        for (byte b : bytes) if (b < 0x20 || b > 0x7E) return false;
        return true;
    }

    public String hex() {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CachingSha2Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return printable() ? text() : "0x" + hex();
    }
}

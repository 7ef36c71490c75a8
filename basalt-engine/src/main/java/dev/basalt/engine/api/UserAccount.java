package dev.basalt.engine.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An account as authentication needs it. The password is kept only as the hashes the MySQL
 * auth plugins verify against, plus the SHA-256 of it for caching_sha2_password full auth.
 *
 * @param name              user name
 * @param emptyPassword     true when the account has no password
 * @param nativeHash        SHA1(SHA1(password)), what mysql_native_password checks (empty array if
 *                          no password or unknown: an account restored from a caching_sha2 hash)
 * @param sha256Hash        SHA256(password), what caching_sha2_password's scramble unwraps to
 *                          (empty array if no password or unknown: an account restored from a native hash)
 * @param plugin            the account's auth plugin, or null to speak the server's default
 * @param locked            ACCOUNT LOCK: a correct password is answered with 3118
 * @param tls               the account's REQUIRE clause: a login whose connection fails it is refused
 *                          (1045, as MySQL does)
 * @param scram             the PostgreSQL port's SCRAM-SHA-256 verifier, null when the server never saw
 *                          the cleartext password (accounts made before it was kept, or from a hash)
 * @param sha2Crypt         MySQL's salted caching_sha2 hash ($A$005$...) of an account restored from a
 *                          MySQL dump, else null; such an account has no sha256Hash, so only a cleartext
 *                          password (full authentication) can be checked against it
 */
public record UserAccount(String name, boolean emptyPassword, byte[] nativeHash, byte[] sha256Hash,
                          String plugin, boolean locked, TlsRequirement tls, ScramVerifier scram,
                          CachingSha2Hash sha2Crypt) {

    public UserAccount(String name, boolean emptyPassword, byte[] nativeHash, byte[] sha256Hash,
                       String plugin, boolean locked, TlsRequirement tls, ScramVerifier scram) {
        this(name, emptyPassword, nativeHash, sha256Hash, plugin, locked, tls, scram, null);
    }

    public UserAccount(String name, boolean emptyPassword, byte[] nativeHash, byte[] sha256Hash,
                       String plugin, boolean locked, boolean requireSsl) {
        this(name, emptyPassword, nativeHash, sha256Hash, plugin, locked,
                requireSsl ? TlsRequirement.SSL : TlsRequirement.NONE, null);
    }

    public UserAccount(String name, boolean emptyPassword, byte[] nativeHash, byte[] sha256Hash,
                       String plugin, boolean locked) {
        this(name, emptyPassword, nativeHash, sha256Hash, plugin, locked, false);
    }

    public UserAccount(String name, boolean emptyPassword, byte[] nativeHash, byte[] sha256Hash) {
        this(name, emptyPassword, nativeHash, sha256Hash, null, false);
    }

    public static UserAccount withPassword(String name, String password) {
        if (password == null || password.isEmpty()) {
            return new UserAccount(name, true, new byte[0], new byte[0]);
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        return new UserAccount(name, false, digest("SHA-1", digest("SHA-1", pw)), digest("SHA-256", pw));
    }

    /** True when any REQUIRE clause other than NONE applies (REQUIRE SSL and stricter). */
    public boolean requireSsl() { return !tls.none(); }

    /** True when a cleartext password (caching_sha2 full auth, over RSA or TLS) matches. */
    public boolean matchesCleartext(String password) {
        if (emptyPassword) return password == null || password.isEmpty();
        if (password == null) return false;
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (sha256Hash.length == 0 && sha2Crypt != null) return sha2Crypt.matches(password);
        // an account restored from a native hash has only that one to check against
        if (sha256Hash.length == 0) return MessageDigest.isEqual(nativeHash, digest("SHA-1", digest("SHA-1", pw)));
        return MessageDigest.isEqual(sha256Hash, digest("SHA-256", pw));
    }

    public static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

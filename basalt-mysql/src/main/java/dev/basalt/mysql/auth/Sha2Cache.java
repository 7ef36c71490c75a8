package dev.basalt.mysql.auth;

import dev.basalt.engine.api.UserAccount;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which accounts may use caching_sha2_password's fast path. MySQL only allows it after a full
 * authentication has put the account in its memory cache. Basalt stores SHA256(password) itself,
 * which is exactly what the fast path needs, so by default every account counts as cached: clients
 * never need the RSA exchange when they know the password, and a wrong scramble is answered with
 * 1045 at once (MySQL would first ask for the password over RSA). The MySQL behaviour (an empty cache,
 * filled by successful full authentications) is kept for tests of the full path.
 *
 * <p>Accounts restored from MySQL's salted hash ($A$005$...) have no SHA256(password) stored: as in
 * MySQL, their first login is a full authentication, which leaves SHA256(password) here in memory
 * for the fast path of later logins (until the server restarts or the hash changes).
 */
public final class Sha2Cache {
    private final boolean trustStoredHashes;
    private final Set<String> cached = ConcurrentHashMap.newKeySet();
    /** SHA256(password) learned by full authentications of accounts holding only a salted hash. */
    private final Map<String, byte[]> learned = new ConcurrentHashMap<>();

    public Sha2Cache(boolean trustStoredHashes) {
        this.trustStoredHashes = trustStoredHashes;
    }

    public boolean trustsStoredHashes() { return trustStoredHashes; }

    public boolean isCached(UserAccount account) {
        return trustStoredHashes || cached.contains(key(account));
    }

    public void remember(UserAccount account) {
        if (!trustStoredHashes) cached.add(key(account));
    }

    /**
     * What the fast path checks a scramble against: the stored SHA256(password) if the account may
     * use it, else one learned from an earlier full authentication, else null (full authentication).
     */
    public byte[] fastPathHash(UserAccount account) {
        if (account.sha256Hash().length > 0) return isCached(account) ? account.sha256Hash() : null;
        return account.sha2Crypt() == null ? null : learned.get(cryptKey(account));
    }

    /** After a full authentication with {@code cleartext}: the fast path may serve the next login. */
    public void remember(UserAccount account, String cleartext) {
        if (account.sha256Hash().length > 0) {
            remember(account);
        } else if (account.sha2Crypt() != null) {
            learned.put(cryptKey(account), UserAccount.digest("SHA-256", cleartext.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String cryptKey(UserAccount account) {
        return account.name() + '\0' + account.sha2Crypt().hex();
    }

    /** Keyed by the hash too, so a password change invalidates the entry. */
    private static String key(UserAccount account) {
        return account.name() + '\0' + HexFormat.of().formatHex(account.sha256Hash());
    }
}

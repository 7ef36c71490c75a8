package dev.basalt.mysql.auth;

import dev.basalt.engine.api.UserAccount;

import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which accounts may use caching_sha2_password's fast path. MySQL only allows it after a full
 * authentication has put the account in its memory cache. Basalt stores SHA256(password) itself,
 * which is exactly what the fast path needs, so by default every account counts as cached: clients
 * never need the RSA exchange when they know the password, and a wrong scramble is answered with
 * 1045 at once (MySQL would first ask for the password over RSA). The MySQL behaviour (an empty cache,
 * filled by successful full authentications) is kept for tests of the full path.
 */
public final class Sha2Cache {
    private final boolean trustStoredHashes;
    private final Set<String> cached = ConcurrentHashMap.newKeySet();

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

    /** Keyed by the hash too, so a password change invalidates the entry. */
    private static String key(UserAccount account) {
        return account.name() + '\0' + HexFormat.of().formatHex(account.sha256Hash());
    }
}

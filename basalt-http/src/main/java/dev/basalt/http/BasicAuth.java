package dev.basalt.http;

import dev.basalt.engine.api.Engine;
import dev.basalt.engine.api.UserAccount;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic authentication against the engine's accounts, matched by user name and the peer's
 * host as the MySQL side matches them ('localhost' for loopback peers, else the address; host
 * patterns such as '%'). As there, an account without a password is accepted only from a loopback
 * peer; a request without credentials is taken as root then (what `mysql -u root` does on a fresh
 * server), and refused otherwise. A locked account gets 3118 after a correct password, and a
 * REQUIRE SSL account is refused over plain HTTP, as MySQL refuses it over plain TCP.
 */
final class BasicAuth {

    private static final String DEFAULT_USER = "root";

    private final Engine engine;

    BasicAuth(Engine engine) {
        this.engine = engine;
    }

    /** The user name the request authenticates as, or an ApiError 401; {@code secure}: over HTTPS. */
    String authenticate(String authorization, InetAddress peer, boolean secure) {
        String host = hostName(peer);
        if (authorization == null || authorization.isBlank()) {
            Optional<UserAccount> root = engine.findUser(DEFAULT_USER, host);
            if (root.isPresent() && root.get().emptyPassword() && peer.isLoopbackAddress()) return DEFAULT_USER;
            throw unauthorized("Authentication required: HTTP Basic with a Basalt account");
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized("Unsupported authorization scheme: use Basic (or Bearer with a session token)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        Optional<UserAccount> account = engine.findUser(user, host);
        boolean ok = account.isPresent() && account.get().matchesCleartext(password)
                && (!account.get().emptyPassword() || peer.isLoopbackAddress())
                && (secure || !account.get().requireSsl())
                // the HTTP API sees no client certificate or cipher: stricter REQUIREs cannot be met here
                && (account.get().tls().none() || account.get().tls().type().equals("ANY"));
        if (!ok) {
            throw new ApiError(401, 1045, "28000", "Access denied for user '" + user + "'@'" + host
                    + "' (using password: " + (password.isEmpty() ? "NO" : "YES") + ")");
        }
        if (account.get().locked()) {
            throw new ApiError(401, 3118, "HY000", "Access denied for user '" + user + "'@'" + host + "'. Account is locked.");
        }
        return user;
    }

    /** The host part the session and error messages show, as the MySQL side names it. */
    static String hostName(InetAddress peer) {
        return peer.isLoopbackAddress() ? "localhost" : peer.getHostAddress();
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(401, 1045, "28000", message);
    }
}

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
 * REQUIRE SSL account is refused over plain HTTP, as MySQL refuses it over plain TCP. Failed
 * attempts are logged and count with the other ports' in the engine's login throttle: after a few,
 * each further request for that user from that address waits first (growing delays).
 */
final class BasicAuth {
    private static final System.Logger LOG = System.getLogger(BasicAuth.class.getName());

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
        dev.basalt.engine.api.LoginThrottle throttle = engine.loginThrottle();
        String address = dev.basalt.engine.api.LoginThrottle.address(peer);
        holdBack(throttle, user, address);
        Optional<UserAccount> account = engine.findUser(user, host);
        boolean ok = account.isPresent() && account.get().matchesCleartext(password)
                && (!account.get().emptyPassword() || peer.isLoopbackAddress())
                && (secure || !account.get().requireSsl())
                // the HTTP API sees no client certificate or cipher: stricter REQUIREs cannot be met here
                && (account.get().tls().none() || account.get().tls().type().equals("ANY"));
        if (!ok) {
            throttle.failed(user, address);
            LOG.log(System.Logger.Level.WARNING, "Access denied for user ''{0}''@''{1}'' (HTTP API)", user, address);
            throw new ApiError(401, 1045, "28000", "Access denied for user '" + user + "'@'" + host
                    + "' (using password: " + (password.isEmpty() ? "NO" : "YES") + ")");
        }
        if (account.get().locked()) {
            throw new ApiError(401, 3118, "HY000", "Access denied for user '" + user + "'@'" + host + "'. Account is locked.");
        }
        throttle.succeeded(user, address);
        return user;
    }

    /** After repeated failures of this user from this address, the request waits (on its own virtual thread). */
    private static void holdBack(dev.basalt.engine.api.LoginThrottle throttle, String user, String address) {
        long delay = throttle.delayMillis(user, address);
        if (delay <= 0) return;
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The host part the session and error messages show, as the MySQL side names it. */
    static String hostName(InetAddress peer) {
        return peer.isLoopbackAddress() ? "localhost" : peer.getHostAddress();
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(401, 1045, "28000", message);
    }
}

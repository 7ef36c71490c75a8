package dev.basalt.pgwire;

import java.util.Optional;
import java.util.function.Function;

/**
 * Settings of the PostgreSQL protocol listener.
 *
 * @param bindAddress    address to listen on; "*" or "" for all interfaces
 * @param port           TCP port; 0 picks a free one
 * @param maxMessage     largest frontend message accepted, in bytes
 * @param authMethod     "scram-sha-256" (PostgreSQL's default) or "md5"
 * @param maxConnections connections beyond this get FATAL 53300
 * @param knownPasswords the cleartext password of an account when the server was configured with it
 *                       (root): SCRAM and md5 need it; other accounts get a cleartext password request
 */
public record PgServerConfig(String bindAddress, int port, long maxMessage, String authMethod, int maxConnections,
                             Function<String, Optional<String>> knownPasswords) {
    public PgServerConfig {
        if (!authMethod.equals("scram-sha-256") && !authMethod.equals("md5")) {
            throw new IllegalArgumentException("unsupported auth method: " + authMethod);
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("bad port: " + port);
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be positive");
    }

    /** Only root's password is known: the one the server was started with. */
    public static PgServerConfig of(String bindAddress, int port, long maxMessage, int maxConnections, String rootPassword) {
        return new PgServerConfig(bindAddress, port, maxMessage, "scram-sha-256", maxConnections,
                user -> user.equals("root") ? Optional.of(rootPassword) : Optional.empty());
    }
}

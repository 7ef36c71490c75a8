package dev.basalt.remote.passthrough;

import java.util.Objects;

/**
 * Where the fronted MySQL server is and how Basalt logs in to it.
 *
 * @param database       the only database clients see, or null for all of them
 * @param connectTimeoutMillis how long opening a backend connection (TCP and login) may take
 *                       before the client gets 1429
 * @param maxIdle        backend connections kept open for reuse after their clients leave
 * @param tls            TLS on backend connections (and the KILL connections, which are backends too)
 * @param multiplex      0: one backend connection per client for its whole session; N: clients
 *                       without session state share at most N backend connections (see {@link MultiplexRules})
 * @param socket         the server's Unix socket when it runs on this machine (backends and KILL
 *                       connections use it instead of TCP: less kernel work per statement); null: TCP
 */
public record BackendEndpoint(String host, int port, String user, String password, String database,
                              int connectTimeoutMillis, int maxIdle, dev.basalt.remote.tls.RemoteTls tls, int multiplex,
                              java.nio.file.Path socket) {

    /** Over TCP. */
    public BackendEndpoint(String host, int port, String user, String password, String database,
                           int connectTimeoutMillis, int maxIdle, dev.basalt.remote.tls.RemoteTls tls, int multiplex) {
        this(host, port, user, password, database, connectTimeoutMillis, maxIdle, tls, multiplex, null);
    }

    /** One backend connection per client. */
    public BackendEndpoint(String host, int port, String user, String password, String database,
                           int connectTimeoutMillis, int maxIdle, dev.basalt.remote.tls.RemoteTls tls) {
        this(host, port, user, password, database, connectTimeoutMillis, maxIdle, tls, 0);
    }

    /** Plain TCP to the remote. */
    public BackendEndpoint(String host, int port, String user, String password, String database,
                           int connectTimeoutMillis, int maxIdle) {
        this(host, port, user, password, database, connectTimeoutMillis, maxIdle, dev.basalt.remote.tls.RemoteTls.DISABLED);
    }

    public BackendEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        if (tls == null) tls = dev.basalt.remote.tls.RemoteTls.DISABLED;
        if (database != null && database.isEmpty()) database = null;
        if (port < 1 || port > 65535) throw new IllegalArgumentException("bad port: " + port);
        if (connectTimeoutMillis < 1) throw new IllegalArgumentException("connect timeout must be positive");
        if (multiplex < 0) throw new IllegalArgumentException("multiplex must not be negative");
        if (maxIdle < 0) throw new IllegalArgumentException("maxIdle must not be negative");
    }

    /** host:port, for messages (never the credentials). */
    public String address() {
        if (socket != null) return host + " (socket " + socket + ")";
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "BackendEndpoint[" + user + "@" + address() + (database == null ? "" : "/" + database) + "]";
    }
}

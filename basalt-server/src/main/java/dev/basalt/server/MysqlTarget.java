package dev.basalt.server;

import dev.basalt.remote.tls.RemoteTls;
import java.util.Objects;

/**
 * The MySQL server that passthrough mode fronts, and the account Basalt logs in to it with.
 *
 * @param host                  empty when not configured
 * @param database              the default database for clients that name none; empty for none
 * @param connectTimeoutSeconds how long a backend login may take before the client gets 1429
 * @param tls                   TLS to the fronted server (mysql-ssl-mode, mysql-ssl-ca)
 * @param multiplex             mysql-multiplex: 0 for one backend per client, else the most backends clients share
 * @param socket                mysql-socket: the server's Unix socket on this machine, used instead of TCP; empty: TCP
 */
public record MysqlTarget(String host, int port, String user, String password, String database,
                          int connectTimeoutSeconds, RemoteTls tls, int multiplex, String socket) {
    public static final MysqlTarget NONE = new MysqlTarget("", 3306, "root", "", "", 5);

    /** Over TCP. */
    public MysqlTarget(String host, int port, String user, String password, String database, int connectTimeoutSeconds,
                       RemoteTls tls, int multiplex) {
        this(host, port, user, password, database, connectTimeoutSeconds, tls, multiplex, "");
    }

    /** Plain TCP to the fronted server. */
    public MysqlTarget(String host, int port, String user, String password, String database, int connectTimeoutSeconds) {
        this(host, port, user, password, database, connectTimeoutSeconds, RemoteTls.DISABLED);
    }

    /** One backend connection per client. */
    public MysqlTarget(String host, int port, String user, String password, String database, int connectTimeoutSeconds,
                       RemoteTls tls) {
        this(host, port, user, password, database, connectTimeoutSeconds, tls, 0);
    }

    public MysqlTarget {
        Objects.requireNonNull(tls, "tls");
        host = Objects.requireNonNull(host, "host").strip();
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        socket = Objects.requireNonNull(socket, "socket").strip();
        if (port < 1 || port > 65535) throw new SettingsException("mysql-port: " + port + " is not between 1 and 65535");
        if (multiplex < 0) throw new SettingsException("mysql-multiplex: must not be negative");
        if (connectTimeoutSeconds < 1) throw new SettingsException("mysql-connect-timeout: must be at least 1 second");
    }

    public static MysqlTarget of(String host, int port, String user, String password) {
        return new MysqlTarget(host, port, user, password, "", NONE.connectTimeoutSeconds());
    }

    public MysqlTarget withDatabase(String db) {
        return new MysqlTarget(host, port, user, password, db, connectTimeoutSeconds, tls, multiplex, socket);
    }

    public MysqlTarget withTls(RemoteTls t) {
        return new MysqlTarget(host, port, user, password, database, connectTimeoutSeconds, t, multiplex, socket);
    }

    public MysqlTarget withMultiplex(int n) {
        return new MysqlTarget(host, port, user, password, database, connectTimeoutSeconds, tls, n, socket);
    }

    public MysqlTarget withSocket(String path) {
        return new MysqlTarget(host, port, user, password, database, connectTimeoutSeconds, tls, multiplex, path);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return host.isEmpty() ? "(none)" : user + "@" + host + ":" + port + (database.isEmpty() ? "" : "/" + database)
                + (password.isEmpty() ? "" : " (password set)") + (tls.enabled() ? " (" + tls + ")" : "") + (socket.isEmpty() ? "" : " (socket " + socket + ")");
    }
}

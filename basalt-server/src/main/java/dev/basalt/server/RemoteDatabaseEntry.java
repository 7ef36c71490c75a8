package dev.basalt.server;

import java.util.Objects;

/**
 * One entry of {@code remote-databases:} in basalt.yaml: a virtual database defined by the config
 * file rather than by CREATE DATABASE. The password is already resolved (from {@code password} or
 * from the variable {@code password-env} names), so it is held only in memory.
 *
 * @param name                  the database name clients see
 * @param connectTimeoutSeconds how long a remote login may take
 * @param cache                 reads are answered from the server's result cache ({@code --remote-cache-size})
 * @param binlog                {@code cache-invalidation: binlog}: the remote's binlog is followed (null: TTL only)
 * @param tls                   {@code ssl-mode} and {@code ssl-ca}: TLS on every connection to the remote
 * @param readTimeoutSeconds    {@code read-timeout}: how long one remote statement may keep the socket silent (then 1430)
 */
public record RemoteDatabaseEntry(String name, String host, int port, String database, String user, String password,
                                  boolean readOnly, int poolSize, int connectTimeoutSeconds, boolean cache,
                                  RemoteCacheSettings.BinlogInvalidation binlog, dev.basalt.remote.tls.RemoteTls tls,
                                  int readTimeoutSeconds) {

    /** read-timeout's default: long enough for reports, short enough that a dead remote frees its client. */
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 300;

    /** The default read timeout. */
    public RemoteDatabaseEntry(String name, String host, int port, String database, String user, String password,
                               boolean readOnly, int poolSize, int connectTimeoutSeconds, boolean cache,
                               RemoteCacheSettings.BinlogInvalidation binlog, dev.basalt.remote.tls.RemoteTls tls) {
        this(name, host, port, database, user, password, readOnly, poolSize, connectTimeoutSeconds, cache, binlog, tls,
                DEFAULT_READ_TIMEOUT_SECONDS);
    }

    /** Plain TCP to the remote. */
    public RemoteDatabaseEntry(String name, String host, int port, String database, String user, String password,
                               boolean readOnly, int poolSize, int connectTimeoutSeconds, boolean cache,
                               RemoteCacheSettings.BinlogInvalidation binlog) {
        this(name, host, port, database, user, password, readOnly, poolSize, connectTimeoutSeconds, cache, binlog,
                dev.basalt.remote.tls.RemoteTls.DISABLED);
    }

    /** An entry whose cache (if any) learns of writes made directly on the remote only by its TTL. */
    public RemoteDatabaseEntry(String name, String host, int port, String database, String user, String password,
                               boolean readOnly, int poolSize, int connectTimeoutSeconds, boolean cache) {
        this(name, host, port, database, user, password, readOnly, poolSize, connectTimeoutSeconds, cache, null);
    }

    /** An entry without the result cache. */
    public RemoteDatabaseEntry(String name, String host, int port, String database, String user, String password,
                               boolean readOnly, int poolSize, int connectTimeoutSeconds) {
        this(name, host, port, database, user, password, readOnly, poolSize, connectTimeoutSeconds, false);
    }

    public RemoteDatabaseEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tls, "tls");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return name + " -> " + user + "@" + host + ":" + port + "/" + database + (readOnly ? " (read-only)" : "") + (cache ? " (cached" + (binlog == null ? "" : ", " + binlog) + ")" : "")
                + (password.isEmpty() ? "" : " (password set)") + (tls.enabled() ? " (" + tls + ")" : "");
    }
}

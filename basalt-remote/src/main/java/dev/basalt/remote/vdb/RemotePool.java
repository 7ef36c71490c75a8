package dev.basalt.remote.vdb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The bounded connection pool of one virtual database. Created on first use and never failing
 * at creation (initializationFailTimeout -1), so an unreachable remote costs one connect timeout
 * per statement (then 1429) and nothing else; once the remote is back the next borrow succeeds.
 */
final class RemotePool implements AutoCloseable {
    private final VdbSpec spec;
    private final boolean foundRows;
    private volatile HikariDataSource pool;

    /** @param foundRows UPDATE reports matched rows (CLIENT_FOUND_ROWS) rather than changed rows */
    RemotePool(VdbSpec spec, boolean foundRows) {
        this.spec = spec;
        this.foundRows = foundRows;
    }

    /**
     * The remote thread of each borrowed connection, read at borrow time: after a socket timeout
     * HikariCP swaps a broken connection's delegate for a closed one, so it can no longer be asked.
     * Shared by all pools: a pinned connection may come from a database's other (found-rows) pool.
     */
    private static final java.util.Map<Connection, Long> THREADS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    Connection borrow() {
        try {
            Connection c = dataSource().getConnection();
            try {
                THREADS.put(c, c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId());
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (java.sql.SQLTransientConnectionException e) {
            // HikariCP's timeout: with no cause the remote was fine and every connection was in use
            if (e.getCause() == null) throw RemoteErrors.poolBusy(spec);
            throw RemoteErrors.connect(spec, e);
        } catch (SQLException e) {
            throw RemoteErrors.connect(spec, e);
        }
    }

    /**
     * {@code c}'s statement outlived read-timeout: Connector/J has given up on its socket, so the
     * connection leaves the pool, and the statement is killed on the remote so it stops using it.
     */
    void readTimedOut(Connection c) {
        killQuery(c);
        discard(c);
    }

    /**
     * Watches a statement about to run on {@code c}: a KILL or the deadline of the Basalt statement
     * sends {@code KILL QUERY} for {@code c}'s remote thread over a connection of its own (the
     * blocked one cannot carry it), as ProxySQL does.
     */
    dev.basalt.engine.exec.OutsideWait watch(Connection c) {
        return dev.basalt.engine.exec.OutsideWait.begin(() -> killQuery(c));
    }

    void killQuery(Connection c) {
        try {
            Long known = THREADS.get(c);
            long thread = known != null ? known : c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
            // a fresh connection, not a pooled one: the pool may be full of statements waiting
            java.util.Properties p = new java.util.Properties();
            p.setProperty("user", spec.user());
            p.setProperty("password", spec.password() == null ? "" : spec.password());
            p.setProperty("connectTimeout", String.valueOf(Math.max(500, spec.connectTimeoutMs() - 500)));
            // bounded: the killed statement's own end waits for a kill under way (OutsideWait.close)
            p.setProperty("socketTimeout", "3000");
            spec.tls().connectorJOptions().forEach(p::setProperty);
            try (Connection k = java.sql.DriverManager.getConnection(
                    "jdbc:mariadb://" + spec.host() + ":" + spec.port() + "/", p);
                 java.sql.Statement st = k.createStatement()) {
                st.execute("KILL QUERY " + thread);
            }
        } catch (SQLException e) {
            // 1094: the statement ended meanwhile; unreachable: its socket timeout ends it
        }
    }

    /** A connection whose statement was killed goes back closed, not reused: its state is in doubt. */
    void discard(Connection c) {
        HikariDataSource p = pool;
        if (p != null) p.evictConnection(c);
    }

    private HikariDataSource dataSource() {
        HikariDataSource p = pool;
        if (p != null) return p;
        synchronized (this) {
            if (pool == null) {
                HikariConfig c = new HikariConfig();
                c.setPoolName("vdb " + spec.describe() + (foundRows ? " found-rows" : ""));
                // no password in the URL: pools log their URL
                c.setJdbcUrl("jdbc:mariadb://" + spec.host() + ":" + spec.port() + "/" + spec.database()
                        + "?connectTimeout=" + Math.max(500, spec.connectTimeoutMs() - 500)
                        + "&useAffectedRows=" + !foundRows + "&yearIsDateType=false&tinyInt1isBit=false&socketTimeout=" + spec.readTimeoutMs());
                // as driver properties, not in the URL: a CA file's path goes to the driver as it is
                spec.tls().connectorJOptions().forEach(c::addDataSourceProperty);
                c.setUsername(spec.user());
                c.setPassword(spec.password());
                c.setMaximumPoolSize(spec.poolSize());
                c.setMinimumIdle(0);
                c.setConnectionTimeout(spec.connectTimeoutMs());
                c.setValidationTimeout(1000);
                c.setIdleTimeout(60_000);
                c.setMaxLifetime(600_000);
                c.setInitializationFailTimeout(-1);
                pool = new HikariDataSource(c);
            }
            return pool;
        }
    }

    @Override public void close() {
        HikariDataSource p = pool;
        if (p != null) p.close();
    }
}

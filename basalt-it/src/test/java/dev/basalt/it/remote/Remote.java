package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.MysqlTarget;
import dev.basalt.server.RemoteCacheSettings;
import dev.basalt.server.ServerSettings;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/** Shared helpers for the passthrough tests: Basalt fronting a real MariaDB, status counters, bounded polling. */
final class Remote {
    private Remote() {}

    /** Basalt in passthrough mode over {@code remote}; {@code cacheBytes} 0 for no result cache. */
    static TestServer basalt(Endpoint remote, long cacheBytes, int ttlSeconds) throws IOException {
        // -Dbasalt.it.multiplex=N runs the passthrough tests over multiplexed backends
        return basalt(MysqlTarget.of(remote.host(), remote.port(), remote.user(), remote.password())
                .withMultiplex(Integer.getInteger("basalt.it.multiplex", 0)), cacheBytes, ttlSeconds);
    }

    static TestServer basalt(MysqlTarget target, long cacheBytes, int ttlSeconds) throws IOException {
        ServerSettings s = ServerSettings.defaults().withPort(0).withRootPassword("").withMysql(target);
        if (cacheBytes > 0) s = s.withRemoteCache(new RemoteCacheSettings(cacheBytes, ttlSeconds));
        return TestServer.start(s);
    }

    /** A private MariaDB instance (that the test may kill and restart), or a loud skip. */
    static MariaDbServer ownMariaDb() throws IOException {
        requireMariaDb();
        return MariaDbServer.start();
    }

    /** As {@link #ownMariaDb()}, writing a row-based binary log (for binlog invalidation). */
    static MariaDbServer ownMariaDbWithBinlog() throws IOException {
        requireMariaDb();
        return MariaDbServer.startWithBinlog();
    }

    /** As {@link #ownMariaDbWithBinlog()}, checking privileges (root without a password). */
    static MariaDbServer ownMariaDbWithBinlogAndGrants() throws IOException {
        requireMariaDb();
        return MariaDbServer.startWithBinlogAndGrants();
    }

    private static void requireMariaDb() {
        if (!MariaDbServer.isInstalled()) {
            String msg = "\n*** mariadbd / mariadb-install-db not installed; SKIPPING passthrough test ***\n";
            System.out.println(msg);
            Assumptions.abort(msg);
        }
    }

    static Connection connect(Endpoint e, String db, String options) throws SQLException {
        // every wait is bounded: a hang becomes a failure (unless the test chose its own timeouts)
        String opts = options == null || options.isEmpty() ? "" : options;
        if (!opts.contains("socketTimeout")) opts += (opts.isEmpty() ? "" : "&") + "socketTimeout=60000";
        if (!opts.contains("connectTimeout")) opts += "&connectTimeout=20000";
        String url = e.mariadbUrl(db) + "?" + opts;
        return DriverManager.getConnection(url, e.user(), e.password());
    }

    static void exec(Endpoint e, String db, String... sql) throws SQLException {
        try (Connection c = connect(e, db, ""); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    static long scalarLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) fail("no row from " + sql);
            return rs.getLong(1);
        }
    }

    /** Basalt_remote_cache_* counters, without the prefix (hits, misses, stores, ...). */
    static Map<String, Long> cacheStatus(Endpoint basalt) throws SQLException {
        Map<String, Long> m = new HashMap<>();
        try (Connection c = connect(basalt, "", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Basalt_remote_cache%'")) {
            while (rs.next()) {
                m.put(rs.getString(1).substring("Basalt_remote_cache_".length()), Long.parseLong(rs.getString(2)));
            }
        }
        if (!m.containsKey("hits")) fail("SHOW GLOBAL STATUS LIKE 'Basalt_remote_cache%' has no hits counter: " + m);
        return m;
    }

    static long remoteStatus(Endpoint remote, String name) throws SQLException {
        try (Connection c = connect(remote, "", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            if (!rs.next()) fail("no status " + name);
            return rs.getLong(2);
        }
    }

    /** Polls {@code condition} until true or {@code seconds} pass; returns whether it became true. */
    static boolean await(double seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            if (condition.getAsBoolean()) return true;
            if (System.nanoTime() > deadline) return false;
            sleep(50);
        }
    }

    static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    @FunctionalInterface
    interface SqlSupplier<T> {
        T get() throws Exception;
    }

    static <T> T unchecked(SqlSupplier<T> s) {
        try {
            return s.get();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws Exception;
    }

    /** The SQLException {@code action} throws; fails the test when it throws nothing or something else. */
    static SQLException expectError(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            return e;
        } catch (Exception e) {
            fail("expected an SQLException, got " + e, e);
        }
        fail("expected an error");
        return null;
    }
}

package dev.basalt.remote.vdb;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns JDBC failures into the errors a client sees. A remote SQL error keeps the remote's errno,
 * SQLSTATE and message (1062, 1146, ...); failing to get a connection is 1429; losing it during a
 * statement is 1430. Messages never carry the password (it is scrubbed in case a driver echoes it).
 */
final class RemoteErrors {
    private RemoteErrors() {}

    static SqlException connect(VdbSpec spec, Throwable e) {
        return new SqlException(ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE.code(),
                ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE.sqlState(),
                ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE.format(spec.describe() + ": " + scrub(spec, rootMessage(e))));
    }

    /** Every connection of the pool stayed in use for the whole connect-timeout. */
    static SqlException poolBusy(VdbSpec spec) {
        return new SqlException(ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE.code(),
                ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE.sqlState(),
                ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE.format(spec.describe() + ": all " + spec.poolSize()
                        + " connections of its pool (pool-size) stayed busy for " + seconds(spec.connectTimeoutMs())
                        + " (connect-timeout)"));
    }

    /** The remote stayed silent past read-timeout (Connector/J's socketTimeout). */
    static boolean readTimedOut(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) return true;
        }
        return false;
    }

    static SqlException readTimeout(VdbSpec spec) {
        return new SqlException(ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE.code(),
                ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE.sqlState(),
                ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE.format(spec.describe() + ": no answer within "
                        + seconds(spec.readTimeoutMs()) + " (read-timeout); the statement was stopped on the remote"));
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** An error while a statement ran on an established connection. */
    static SqlException query(VdbSpec spec, SQLException e) {
        if (e instanceof SQLTransientConnectionException) return connect(spec, e);
        String state = e.getSQLState();
        if (e.getErrorCode() > 0 && state != null && !state.startsWith("08") && !isConnectionError(e.getErrorCode())) {
            return new SqlException(e.getErrorCode(), state, scrub(spec, stripPrefix(e.getMessage())));
        }
        return new SqlException(ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE.code(),
                ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE.sqlState(),
                ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE.format(spec.describe() + ": " + scrub(spec, rootMessage(e))));
    }

    /** Server errors that mean the connection itself is gone (server shutdown, killed connection). */
    private static boolean isConnectionError(int errno) {
        return errno == 1053 || errno == 1927 || errno == 2006 || errno == 2013;
    }

    /** Remote missing table / column: the cached metadata is stale. */
    static boolean staleMetadata(SQLException e) {
        return e.getErrorCode() == 1146 || e.getErrorCode() == 1054;
    }

    /** MariaDB Connector/J prefixes "(conn=123) " to server messages. */
    private static String stripPrefix(String m) {
        if (m == null) return "";
        if (m.startsWith("(conn=")) {
            int close = m.indexOf(") ");
            if (close > 0) return m.substring(close + 2);
        }
        return m;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String m = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) m = t.getMessage();
        }
        return stripPrefix(m == null ? e.getClass().getSimpleName() : m);
    }

    static String scrub(VdbSpec spec, String m) {
        if (m == null) return "";
        return spec.password().isEmpty() ? m : m.replace(spec.password(), "***");
    }
}

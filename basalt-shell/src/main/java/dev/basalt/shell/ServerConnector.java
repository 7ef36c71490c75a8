package dev.basalt.shell;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens connections to the server the command line names: the shell's own, and a second one when
 * Ctrl-C must send KILL QUERY. A server that cannot be reached is reported as the mysql client
 * reports it (ERROR 2003 / 2005) instead of the driver's code 0.
 */
final class ServerConnector {

    private final ShellOptions options;
    private final String password;

    ServerConnector(ShellOptions options, String password) {
        this.options = options;
        this.password = password;
    }

    Connection open() throws SQLException {
        try {
            return DriverManager.getConnection(options.jdbcUrl(), options.user(), password);
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /** The mysql client's 2003/2005 when the driver failed before reaching a server; else e itself. */
    private SQLException unreachable(SQLException e) {
        if (e.getErrorCode() != 0) return e; // the server answered (1045, 1049, ...)
        String where = options.host() + ":" + options.port();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new SQLException("Unknown MySQL server host '" + options.host() + "'", "HY000", 2005, e);
            }
            if (t instanceof ConnectException || String.valueOf(t.getMessage()).contains("Connection refused")) {
                return new SQLException("Can't connect to MySQL server on '" + where + "' (Connection refused)."
                        + " Is a Basalt server running there? Start one with `bin/basalt server`, or open a data"
                        + " directory with `bin/basalt shell --embedded --data-dir DIR`.", "HY000", 2003, e);
            }
        }
        return new SQLException("Can't connect to MySQL server on '" + where + "' (" + e.getMessage() + ")", "HY000", 2003, e);
    }
}

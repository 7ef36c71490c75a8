package dev.basalt.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ctrl-C while a statement runs, as in the mysql client: the statement is stopped with
 * {@code KILL QUERY <id>} sent over a second connection (the shell's own is busy waiting for the
 * answer), and the shell stays open. Without this the signal ends the JVM and the statement goes
 * on running on the server.
 */
final class QueryInterrupter {

    private final ServerConnector connector;
    private final PrintStream screen;
    private final long connectionId;
    private volatile boolean running;

    QueryInterrupter(Connection connection, ServerConnector connector, PrintStream screen) throws SQLException {
        this.connector = connector;
        this.screen = screen;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            this.connectionId = rs.getLong(1);
        }
    }

    /** Marks the span in which Ctrl-C stops the statement (outside it, JLine's prompt handles Ctrl-C). */
    void running(boolean on) {
        running = on;
    }

    /** The SIGINT handler: runs on the JVM's signal thread. */
    void interrupt() {
        if (!running) return;
        screen.println("^C -- sending \"KILL QUERY " + connectionId + "\" to server ...");
        try (Connection side = connector.open(); Statement s = side.createStatement()) {
            s.execute("KILL QUERY " + connectionId);
            screen.println("^C -- query aborted");
        } catch (SQLException e) {
            screen.println("^C -- could not stop the statement: " + Shell.errorLine(e, 0));
        }
    }
}

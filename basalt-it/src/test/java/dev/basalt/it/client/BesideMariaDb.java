package dev.basalt.it.client;

import dev.basalt.it.cli.MariaDbCli;
import dev.basalt.it.support.Commands;
import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * A memory Basalt beside the shared real MariaDB, with one database created afresh on both by the
 * same statements: the set-up of tests that compare what the two servers send. Closing drops the
 * database from MariaDB (which outlives the test class) and stops Basalt.
 */
final class BesideMariaDb implements AutoCloseable {
    final TestServer basalt;
    final MariaDbServer mariadb;
    private final String database;

    private BesideMariaDb(TestServer basalt, MariaDbServer mariadb, String database) {
        this.basalt = basalt;
        this.mariadb = mariadb;
        this.database = database;
    }

    /** Starts Basalt, then runs DROP/CREATE DATABASE and {@code setup} on both servers. */
    static BesideMariaDb start(String database, List<String> setup) throws Exception {
        MariaDbServer mariadb = MariaDbFixture.require();
        BesideMariaDb both = new BesideMariaDb(TestServer.memory(), mariadb, database);
        try {
            for (Endpoint e : List.of(both.basalt, both.mariadb)) {
                try (Connection c = Driver.MARIADB.connect(e, ""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + database);
                    s.execute("CREATE DATABASE " + database);
                    for (String sql : setup) s.execute(sql);
                }
            }
            return both;
        } catch (Exception | Error failure) {
            both.close();
            throw failure;
        }
    }

    /** What {@code mariadb --column-type-info --table} prints for {@code statements} in the database. */
    String columnTypeInfo(Endpoint e, String statements) throws Exception {
        return columnTypeInfo(e, statements, List.of());
    }

    /** As {@link #columnTypeInfo(Endpoint, String)} with more client options (a connection character set). */
    String columnTypeInfo(Endpoint e, String statements, List<String> options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(MariaDbCli.binary(), "--no-defaults", "-h", e.host(),
                "-P", Integer.toString(e.port()), "-u", e.user(), "--password=" + e.password(), "--protocol=TCP", "--skip-ssl"));
        command.addAll(options);
        command.addAll(List.of("--column-type-info", "--table", database, "-e", statements));
        return Commands.run(command, null);
    }

    @Override
    public void close() throws Exception {
        try (Connection c = Driver.MARIADB.connect(mariadb, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        } finally {
            basalt.close();
        }
    }
}

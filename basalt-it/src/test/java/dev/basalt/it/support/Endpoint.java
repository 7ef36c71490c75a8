package dev.basalt.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where a MySQL-protocol server listens and how to log in as root: shared by Basalt and the MariaDB fixture. */
public interface Endpoint {
    String host();

    int port();

    String user();

    String password();

    /** MariaDB Connector/J URL; {@code database} may be empty. */
    default String mariadbUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port() + "/" + database;
    }

    /** MySQL Connector/J URL; {@code database} may be empty. */
    default String mysqlUrl(String database) {
        return "jdbc:mysql://" + host() + ":" + port() + "/" + database + "?allowPublicKeyRetrieval=true&useSSL=false";
    }

    default Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(mariadbUrl(database), user(), password());
    }

    /** Endpoint of an already running server, e.g. given on the command line. */
    record Fixed(String host, int port, String user, String password) implements Endpoint {}
}

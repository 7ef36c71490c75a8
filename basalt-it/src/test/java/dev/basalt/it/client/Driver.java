package dev.basalt.it.client;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The two JDBC drivers users bring, with the URL options each needs against a MySQL 8 style server. */
public enum Driver {
    MARIADB {
        @Override
        String url(Endpoint e, String db) {
            return "jdbc:mariadb://" + e.host() + ":" + e.port() + "/" + db + "?allowPublicKeyRetrieval=true";
        }
    },
    MYSQL {
        @Override
        String url(Endpoint e, String db) {
            return "jdbc:mysql://" + e.host() + ":" + e.port() + "/" + db
                    + "?allowPublicKeyRetrieval=true&useSSL=false&sslMode=DISABLED";
        }
    };

    abstract String url(Endpoint e, String db);

    public Connection connect(Endpoint e, String db) throws SQLException {
        return DriverManager.getConnection(url(e, db), e.user(), e.password());
    }

    public Connection connect(Endpoint e, String db, String user, String password) throws SQLException {
        return DriverManager.getConnection(url(e, db), user, password);
    }
}

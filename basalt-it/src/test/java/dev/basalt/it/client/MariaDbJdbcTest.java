package dev.basalt.it.client;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC contract against real MariaDB: proves the assertions describe real server behaviour. */
class MariaDbJdbcTest extends JdbcContract {
    private static MariaDbServer server;

    @BeforeAll
    static void start() throws Exception {
        server = MariaDbFixture.require();
    }

    @Override
    Endpoint endpoint() {
        return server;
    }
}

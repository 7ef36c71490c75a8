package dev.basalt.it.client;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.Test;

/** PyMySQL against Basalt, and against MariaDB to prove the script. */
class PyMySqlTest {
    @Test
    void basalt() throws Exception {
        try (TestServer server = TestServer.memory()) {
            PyMySqlSmoke.run(server);
        }
    }

    @Test
    void mariadbReference() throws Exception {
        PyMySqlSmoke.run(MariaDbFixture.require());
    }
}

package dev.basalt.it.cli;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CLI scripts against Basalt. */
class BasaltCliTest extends CliContract {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Override
    Endpoint endpoint() {
        return server;
    }
}

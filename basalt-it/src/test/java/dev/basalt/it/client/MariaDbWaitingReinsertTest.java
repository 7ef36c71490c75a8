package dev.basalt.it.client;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import org.junit.jupiter.api.BeforeAll;

/** The waiting delete-and-reinsert contract against InnoDB, proving it describes real MySQL-family behaviour. */
class MariaDbWaitingReinsertTest extends WaitingReinsertContract {
    private static Endpoint server;

    @BeforeAll
    static void start() throws Exception {
        server = MariaDbFixture.require();
    }

    @Override
    Endpoint endpoint() {
        return server;
    }
}

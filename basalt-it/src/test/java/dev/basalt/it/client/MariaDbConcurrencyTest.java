package dev.basalt.it.client;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import org.junit.jupiter.api.BeforeAll;

/** The shared isolation checks against InnoDB, proving they describe real MySQL-family behaviour. */
class MariaDbConcurrencyTest extends ConcurrencyContract {
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

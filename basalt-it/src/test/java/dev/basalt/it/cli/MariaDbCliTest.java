package dev.basalt.it.cli;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import org.junit.jupiter.api.BeforeAll;

/** The CLI scripts against real MariaDB; with -Dbasalt.it.regenerate=true it rewrites the expectations. */
class MariaDbCliTest extends CliContract {
    private static Endpoint server;

    @BeforeAll
    static void start() throws Exception {
        server = MariaDbFixture.require();
    }

    @Override
    Endpoint endpoint() {
        return server;
    }

    @Override
    String variant() {
        return "mariadb";
    }

    @Override
    boolean regenerate() {
        return Boolean.getBoolean("basalt.it.regenerate");
    }
}

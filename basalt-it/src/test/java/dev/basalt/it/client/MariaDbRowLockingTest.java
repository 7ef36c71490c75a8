package dev.basalt.it.client;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import org.junit.jupiter.api.BeforeAll;

/** The row-locking contract against InnoDB, proving it describes real MySQL-family behaviour. */
class MariaDbRowLockingTest extends RowLockingContract {
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
    int nowaitError() {
        return 1205; // MariaDB reports NOWAIT as a lock wait timeout; MySQL 8 gives 3572
    }
}

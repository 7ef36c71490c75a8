package dev.basalt.it.client;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MemoryServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The row-locking contract on Basalt. */
class BasaltRowLockingTest extends RowLockingContract {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Override
    Endpoint endpoint() {
        return server;
    }

    @Override
    int nowaitError() {
        return 3572;
    }
}

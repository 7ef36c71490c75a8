package dev.basalt.it.client;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MemoryServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The waiting delete-and-reinsert contract on Basalt. */
class BasaltWaitingReinsertTest extends WaitingReinsertContract {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Override
    Endpoint endpoint() {
        return server;
    }
}

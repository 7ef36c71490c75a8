package dev.basalt.it.client;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MemoryServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The uncommitted-insert contract on Basalt. */
class BasaltUncommittedInsertTest extends UncommittedInsertContract {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Override
    Endpoint endpoint() {
        return server;
    }
}

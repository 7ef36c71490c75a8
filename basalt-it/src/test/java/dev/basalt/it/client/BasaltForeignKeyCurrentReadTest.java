package dev.basalt.it.client;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MemoryServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The foreign-key current-read contract on Basalt. */
class BasaltForeignKeyCurrentReadTest extends ForeignKeyCurrentReadContract {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Override
    Endpoint endpoint() {
        return server;
    }
}

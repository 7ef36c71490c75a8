package dev.basalt.it.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestServer#memory()} for one test class, started before its first test and closed after
 * its last: {@code @RegisterExtension static final MemoryServer server = new MemoryServer();}. It is
 * the class's {@link Endpoint}, so contract tests answer {@code endpoint()} with it.
 */
public final class MemoryServer implements Endpoint, BeforeAllCallback, AfterAllCallback {
    private TestServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = TestServer.memory();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) server.close();
        server = null;
    }

    /** The running server (for what an Endpoint does not offer). */
    public TestServer server() {
        if (server == null) throw new IllegalStateException("the server runs only while the test class runs");
        return server;
    }

    @Override public String host() { return server().host(); }

    @Override public int port() { return server().port(); }

    @Override public String user() { return server().user(); }

    @Override public String password() { return server().password(); }
}

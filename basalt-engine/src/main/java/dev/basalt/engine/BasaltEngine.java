package dev.basalt.engine;

import dev.basalt.engine.api.Engine;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.UserAccount;
import dev.basalt.engine.storage.kv.KvStore;

import java.util.Optional;

/** The engine's composition point: a SQL engine over one key-value store. */
public final class BasaltEngine implements Engine {

    private final KvStore store;
    private final EngineConfig config;

    public BasaltEngine(KvStore store, EngineConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public String serverVersion() { return config.serverVersion(); }

    @Override
    public Optional<UserAccount> findUser(String user) {
        return "root".equals(user) ? Optional.of(UserAccount.withPassword("root", config.rootPassword())) : Optional.empty();
    }

    @Override
    public Session openSession(SessionOptions options) {
        throw new UnsupportedOperationException("engine core not yet wired");
    }

    @Override
    public String statistics() { return "Uptime: 0  Threads: 1  Questions: 0"; }

    @Override
    public void close() { store.close(); }
}

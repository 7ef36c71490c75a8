package dev.basalt.mysql.fake;

import dev.basalt.engine.api.Engine;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.UserAccount;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in engine for protocol tests: a few accounts and databases, and sessions that answer a
 * fixed set of queries (see {@link FakeSession}).
 */
public final class FakeEngine implements Engine {
    public final Map<String, UserAccount> users = new ConcurrentHashMap<>();
    public final Set<String> databases = ConcurrentHashMap.newKeySet();
    public final AtomicInteger openSessions = new AtomicInteger();
    public volatile long maxAllowedPacket = 64L * 1024 * 1024;

    public FakeEngine() {
        users.put("root", UserAccount.withPassword("root", ""));
        users.put("alice", UserAccount.withPassword("alice", "secret"));
        users.put("bob", UserAccount.withPassword("bob", "pässwörd-🔑"));
        databases.addAll(Set.of("test", "mysql", "information_schema"));
    }

    @Override
    public String serverVersion() { return "8.0.40-basalt-test"; }

    @Override
    public Optional<UserAccount> findUser(String user) {
        if (user.equals("crash")) throw new IllegalStateException("user store unavailable");
        return Optional.ofNullable(users.get(user));
    }

    @Override
    public Session openSession(SessionOptions options) {
        if (options.database() != null && !databases.contains(options.database())) {
            throw ErrorCode.ER_BAD_DB.error(options.database());
        }
        openSessions.incrementAndGet();
        return new FakeSession(this, options);
    }

    @Override
    public String statistics() {
        return "Uptime: 42  Threads: " + openSessions.get() + "  Questions: 7  Slow queries: 0  Opens: 1  Open tables: 1  Queries per second avg: 0.166";
    }

    @Override
    public void close() {}
}

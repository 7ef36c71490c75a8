package dev.basalt.mysql;

import dev.basalt.engine.api.PreparedStatementHandle;

import java.util.HashMap;
import java.util.Map;

/**
 * One connection's prepared statements by id. Ids start at 1 and are never reused on the
 * connection; id 0xFFFFFFFF means "the statement prepared last" (MariaDB's pipelining, which
 * sends PREPARE and EXECUTE together). Every statement also holds one unit of the server-wide
 * max_prepared_stmt_count budget until it is closed.
 */
final class PreparedStatements {
    private static final long LAST_PREPARED = 0xFFFFFFFFL;

    private final MySqlServer server;
    private final Map<Integer, ServerStatement> byId = new HashMap<>();
    private int nextId = 1;
    private ServerStatement last;

    PreparedStatements(MySqlServer server) {
        this.server = server;
    }

    /** Takes a unit of the server budget; false when max_prepared_stmt_count is reached. */
    boolean reserve() {
        last = null; // a failing PREPARE must not leave an older statement behind id -1
        return server.reservePreparedStatement();
    }

    /** Gives back a unit taken by {@link #reserve()} when the PREPARE failed. */
    void unreserve() { server.releasePreparedStatements(1); }

    ServerStatement add(PreparedStatementHandle handle) {
        ServerStatement s = new ServerStatement(nextId++, handle);
        byId.put(s.id, s);
        last = s;
        return s;
    }

    /** The statement with that (unsigned 32-bit) id, or null. */
    ServerStatement get(long id) {
        if (id == LAST_PREPARED) return last;
        return id > Integer.MAX_VALUE ? null : byId.get((int) id);
    }

    /** Forgets a statement; null when the id is unknown. */
    ServerStatement remove(long id) {
        ServerStatement s = get(id);
        if (s == null) return null;
        byId.remove(s.id);
        if (last == s) last = null;
        server.releasePreparedStatements(1);
        return s;
    }

    int size() { return byId.size(); }

    /** Long data held by all statements of the connection (bounded per connection). */
    long longDataBytes() {
        long total = 0;
        for (ServerStatement s : byId.values()) total += s.longDataBytes();
        return total;
    }

    /** Connection end, COM_RESET_CONNECTION, COM_CHANGE_USER: every statement is gone. */
    void clear() {
        server.releasePreparedStatements(byId.size());
        byId.clear();
        last = null;
    }
}

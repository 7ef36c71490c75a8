package dev.basalt.remote.passthrough;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements living on one backend connection under multiplexing, by text and the
 * database they were prepared in: any client that prepared the same text reuses the backend's
 * statement, as ProxySQL's global statement cache does, so a statement is prepared once per
 * backend rather than once per client and backend. Bounded: the least recently used one is closed
 * on the backend beyond {@link #MAX}. Emptied when the backend's session is reset. Used by one
 * client at a time, like the backend itself.
 */
final class BackendStatements {
    /** Far below MariaDB's and MySQL's max_prepared_stmt_count (16382 for the whole server). */
    static final int MAX = 256;

    private final LinkedHashMap<String, Long> ids = new LinkedHashMap<>(16, 0.75f, true);

    /** The backend's id for the statement, or -1 when it is not prepared there. */
    long get(String statementKey) {
        Long id = ids.get(statementKey);
        return id == null ? -1 : id;
    }

    /** Remembers {@code id}; returns the id of a statement pushed out to close on the backend, or -1. */
    long put(String statementKey, long id) {
        Long replaced = ids.put(statementKey, id);
        // a client prepared a text the backend already had: the older copy serves no one now
        if (replaced != null && replaced != id) return replaced;
        if (ids.size() <= MAX) return -1;
        Map.Entry<String, Long> eldest = ids.entrySet().iterator().next();
        ids.remove(eldest.getKey());
        return eldest.getValue();
    }

    /** COM_RESET_CONNECTION (or a failed one: the state is unknown) dropped every statement. */
    void clear() { ids.clear(); }

    int size() { return ids.size(); }
}

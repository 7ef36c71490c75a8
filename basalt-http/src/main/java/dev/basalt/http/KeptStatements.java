package dev.basalt.http;

import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The statements a kept session (StatelessSessions) prepared for requests with {@code params}, by
 * their text: the next request with the same text executes the handle instead of parsing,
 * checking and describing the statement again, as a pool with prepared-statement caching
 * (Connector/J's cachePrepStmts) does over MySQL connections. A handle is only reused under the
 * default database and sql_mode it was prepared with (both decide what the text means); the
 * least recently used goes beyond {@link #MAX} per session. Not thread-safe: one request at a
 * time holds the session.
 */
final class KeptStatements {
    static final int MAX = 32;

    private record Key(String text, String database, String sqlMode) {}

    private final Session session;
    /** The pool's count of requests that ran a kept handle. */
    private final LongAdder hits;
    private final Map<Key, PreparedStatementHandle> handles = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, PreparedStatementHandle> eldest) {
            if (size() <= MAX) return false;
            session.closePrepared(eldest.getValue());
            return true;
        }
    };

    KeptStatements(Session session, LongAdder hits) {
        this.session = session;
        this.hits = hits;
    }

    /** The kept handle of {@code text}, or null: prepare it and {@link #keep} it. */
    PreparedStatementHandle get(String text) {
        PreparedStatementHandle h = handles.get(key(text));
        if (h != null) hits.increment();
        return h;
    }

    void keep(String text, PreparedStatementHandle handle) {
        PreparedStatementHandle old = handles.put(key(text), handle);
        if (old != null && old != handle) session.closePrepared(old);
    }

    int size() { return handles.size(); }

    private Key key(String text) {
        return new Key(text, session.database(), Objects.toString(session.systemVariable("sql_mode"), ""));
    }
}

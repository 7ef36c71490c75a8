package dev.basalt.http;

import dev.basalt.engine.api.Session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Engine sessions for requests without a session token, kept between requests as a connection
 * pool keeps MySQL connections. A session's text plan cache and kept plans live as long as the
 * session does, so a fresh session per request parsed and planned every statement again; a kept
 * one reuses them under the MySQL side's rules (the cache empties when sql_mode's parser options
 * change; a kept plan is reused only under the database and variables it was made with).
 *
 * <p>Each request still starts as on a new connection: a session comes back with
 * {@link Session#reset()} (COM_RESET_CONNECTION: the transaction rolled back, LOCK TABLES ended,
 * temporary tables dropped, session and user variables and prepared statements gone), and is
 * kept under its user, host and default database, so a request gets one whose database is the
 * one it asks for (or none). A session that was killed, failed to reset, or sat idle longer than
 * {@link #IDLE_NANOS} is closed instead; at most {@link #MAX_PER_KEY} per key and {@link #MAX_IDLE}
 * in all are kept. A kept session also keeps the statements it prepared for requests with
 * {@code params} ({@link KeptStatements}): a request that sends the same text again executes them
 * without parsing (a reset keeps them: they are the pool's, no request can name them).
 */
final class StatelessSessions implements AutoCloseable {
    static final int MAX_PER_KEY = 8, MAX_IDLE = 64;
    static final long IDLE_NANOS = 60_000_000_000L;

    /** Who the session is and which database it has: sessions are interchangeable within a key. */
    record Key(String user, String host, String database) {}

    /** A session of the pool, kept or lent to a request. */
    final class Pooled {
        final Session session;
        final Key opened;
        /** Its statements prepared for requests with params, kept across requests. */
        final KeptStatements kept;
        /** KILL named its connection: closed now if kept, else when the request gives it back. */
        volatile boolean killed;
        long idleSince;
        /** The session's variables version after its reset: another one when SET GLOBAL ran since. */
        long variablesAtReset = -1;

        Pooled(Session session, Key opened) {
            this.session = session;
            this.opened = opened;
            this.kept = new KeptStatements(session, keptHits);
            session.onKill(() -> {
                killed = true;
                evict(this);
            });
        }
    }

    private final Map<Key, Deque<Pooled>> idle = new HashMap<>();
    private int idleCount;
    private long reuses;
    private final java.util.concurrent.atomic.LongAdder keptHits = new java.util.concurrent.atomic.LongAdder();

    /** A kept session of this key, or a new one from {@code open} (whose key is {@code key}). */
    Pooled take(Key key, Supplier<Session> open) {
        List<Pooled> expired = new ArrayList<>();
        Pooled found = null;
        synchronized (this) {
            expire(expired);
            Deque<Pooled> q = idle.get(key);
            while (q != null && !q.isEmpty() && found == null) {
                Pooled p = q.pollFirst();
                idleCount--;
                if (p.killed) expired.add(p);
                else found = p;
            }
            if (found != null) reuses++;
        }
        expired.forEach(StatelessSessions::closeQuietly);
        if (found != null && !globalsUnchanged(found)) {
            // a SET GLOBAL since it was reset: a new connection would start with the new values
            try {
                found.session.resetKeepingPrepared();
                found.variablesAtReset = found.session.variablesVersion();
            } catch (RuntimeException e) {
                closeQuietly(found);
                found = null;
            }
        }
        return found != null ? found : new Pooled(open.get(), key);
    }

    private static boolean globalsUnchanged(Pooled p) {
        long v = p.session.variablesVersion();
        return v != -1 && v == p.variablesAtReset;
    }

    /** The request is done with the session: reset and kept, or closed. */
    void giveBack(Pooled p) {
        if (p.killed) {
            closeQuietly(p);
            return;
        }
        try {
            p.session.resetKeepingPrepared(); // its kept handles are the pool's own, never seen by a request
        } catch (RuntimeException e) {
            closeQuietly(p);
            return;
        }
        p.variablesAtReset = p.session.variablesVersion();
        if (p.killed) { // killed while resetting
            closeQuietly(p);
            return;
        }
        Key key = new Key(p.opened.user(), p.opened.host(), p.session.database()); // USE may have changed it
        synchronized (this) {
            Deque<Pooled> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (q.size() < MAX_PER_KEY && idleCount < MAX_IDLE) {
                p.idleSince = System.nanoTime();
                q.addFirst(p); // most recently used first: the warmest plans, and the rest can age out
                idleCount++;
                return;
            }
        }
        closeQuietly(p);
    }

    /** Closes a killed session if it is kept (one lent to a request is closed when given back). */
    private void evict(Pooled p) {
        boolean kept;
        synchronized (this) {
            Deque<Pooled> q = idle.get(new Key(p.opened.user(), p.opened.host(), p.session.database()));
            kept = q != null && q.remove(p);
            if (kept) idleCount--;
        }
        if (kept) closeQuietly(p);
    }

    /** Requests that ran in a kept session instead of a new one. */
    synchronized long reuses() { return reuses; }

    synchronized int idleSessions() { return idleCount; }

    /** Requests with params that executed a statement their kept session had prepared before. */
    long keptStatementHits() { return keptHits.sum(); }

    /** Closes the sessions kept longer than {@link #IDLE_NANOS} (the server's reaper calls it). */
    void expireIdle() {
        List<Pooled> expired = new ArrayList<>();
        synchronized (this) {
            expire(expired);
        }
        expired.forEach(StatelessSessions::closeQuietly);
    }

    private void expire(List<Pooled> out) {
        long now = System.nanoTime();
        for (Deque<Pooled> q : idle.values()) {
            // the least recently used are at the end
            while (!q.isEmpty() && (now - q.peekLast().idleSince > IDLE_NANOS || q.peekLast().killed)) {
                out.add(q.pollLast());
                idleCount--;
            }
        }
        idle.values().removeIf(Deque::isEmpty);
    }

    private static void closeQuietly(Pooled p) {
        try {
            p.session.close();
        } catch (RuntimeException e) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        List<Pooled> all = new ArrayList<>();
        synchronized (this) {
            idle.values().forEach(all::addAll);
            idle.clear();
            idleCount = 0;
        }
        all.forEach(StatelessSessions::closeQuietly);
    }
}

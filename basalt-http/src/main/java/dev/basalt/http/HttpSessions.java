package dev.basalt.http;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Session;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sessions that outlive a request: POST /v1/sessions opens one and answers a random token; later
 * requests carry it as {@code Authorization: Bearer <token>} and run in the same engine session
 * (default database, variables, open transaction). A session unused for the idle time is closed,
 * which rolls back its open transaction, as a dropped MySQL connection would. {@code KILL n} of
 * a session's connection id ends it the same way: its token is forgotten at once (the next
 * request with it gets 404, saying why) and the session is closed as soon as no request uses it.
 */
final class HttpSessions implements AutoCloseable {

    /** One held session; {@link #lock} keeps two requests from using it at once. */
    static final class Held {
        final String token;
        final Session session;
        final ReentrantLock lock = new ReentrantLock();
        volatile long lastUsedNanos = System.nanoTime();
        /** KILL CONNECTION named it: the request using it closes it when done (see {@link #release}). */
        volatile boolean killed;

        Held(String token, Session session) {
            this.token = token;
            this.session = session;
        }
    }

    /** Most tokens alive at once: each holds an engine session, so a client cannot pile them up. */
    static final int MAX_SESSIONS = 1000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Held> byToken = new ConcurrentHashMap<>();
    private final Duration idle;
    /** Why recent tokens ended (KILL, idle time), so that a request with one says so; oldest dropped first. */
    private final Map<String, String> ended = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>() {
        @Override protected boolean removeEldestEntry(Map.Entry<String, String> eldest) { return size() > MAX_SESSIONS; }
    });

    HttpSessions(Duration idle) {
        this.idle = idle;
    }

    Duration idle() { return idle; }

    /** Registers the session under a new token; 503 (1040) when too many are alive. */
    Held open(Session session) {
        expireIdle();
        if (byToken.size() >= MAX_SESSIONS) {
            closeQuietly(session);
            throw new ApiError(503, 1040, "08004", "Too many connections (" + MAX_SESSIONS + " HTTP sessions are open)");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Held held = new Held(token, session);
        byToken.put(token, held);
        session.onKill(() -> killed(held));
        return held;
    }

    /** The live session of a token, or a 404 ApiError when it never existed or expired. */
    Held get(String token) {
        expireIdle();
        Held held = byToken.get(token);
        if (held == null) {
            String why = ended.get(token);
            throw ApiError.http(404, ErrorCode.ER_NO_SUCH_THREAD, why != null ? why : "Unknown or expired session token");
        }
        held.lastUsedNanos = System.nanoTime();
        return held;
    }

    /**
     * KILL [CONNECTION] named the session: it stops what it runs (the engine's cancellation), its
     * token is forgotten, and it is closed now, or by the request using it when that one ends.
     */
    private void killed(Held h) {
        h.killed = true;
        h.session.interruptForClose();
        if (byToken.remove(h.token, h)) {
            ended.put(h.token, "The session (connection " + h.session.connectionId() + ") was ended by KILL; open a new one");
        }
        // a session that KILLs itself is closed by its own request when it ends (the lock is reentrant)
        if (!h.lock.isHeldByCurrentThread() && h.lock.tryLock()) {
            try {
                closeQuietly(h.session);
            } finally {
                h.lock.unlock();
            }
        }
    }

    /** A request is done with the session: unlocks it, and closes it if KILL came meanwhile. */
    void release(Held h) {
        if (h.lock.isHeldByCurrentThread()) h.lock.unlock();
        if (h.killed && h.lock.tryLock()) {
            try {
                closeQuietly(h.session);
            } finally {
                h.lock.unlock();
            }
        }
    }

    /** Forgets the token and closes its session (rolling back an open transaction). */
    void close(Held held) {
        if (byToken.remove(held.token, held)) closeQuietly(held.session);
    }

    /** Forgets the token without closing: the caller closes the session when its statement ends. */
    void forget(Held held) {
        byToken.remove(held.token, held);
    }

    int size() { return byToken.size(); }

    /** Closes sessions idle longer than allowed; busy ones (lock held) are left alone. */
    void expireIdle() {
        long now = System.nanoTime();
        for (Iterator<Held> it = byToken.values().iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (now - h.lastUsedNanos > idle.toNanos() && h.lock.tryLock()) {
                try {
                    if (byToken.remove(h.token, h)) {
                        ended.put(h.token, "The session expired after " + idle.toSeconds() + " s idle; open a new one");
                        closeQuietly(h.session);
                    }
                } finally {
                    h.lock.unlock();
                }
            }
        }
    }

    @Override
    public void close() {
        for (Held h : byToken.values()) closeQuietly(h.session);
        byToken.clear();
    }

    private static void closeQuietly(Session s) {
        try {
            s.close();
        } catch (RuntimeException e) {
            // the session is gone either way
        }
    }
}

package dev.basalt.http;

import dev.basalt.engine.api.Session;

import java.util.function.Function;

/**
 * {@code POST /v1/sessions/cancel}: stops the statement that a session token is running, for the
 * console's Cancel button. The running request holds the session, so the cancel runs SQL
 * {@code KILL QUERY <connection id>} in a fresh session of the same account: the engine's own
 * path, which stops the statement at its next cancellation check (the running request then
 * answers 1317, or 1 for an interrupted SLEEP, as in MySQL). The token is the credential, as
 * for every request in that session.
 */
final class QueryCancel {

    private QueryCancel() {}

    /**
     * Cancels what {@code held} runs, if anything (a KILL QUERY with nothing running is forgotten
     * when the session's next statement starts, as MySQL does).
     *
     * @param open opens a fresh engine session for the given user
     */
    static long cancel(HttpSessions.Held held, Function<String, Session> open) {
        return cancel(held.session, open);
    }

    /** Cancels what {@code session} runs (its HTTP client hung up, or the console asked). */
    static long cancel(Session session, Function<String, Session> open) {
        long target = session.connectionId();
        try (Session s = open.apply(session.user());
             SqlRunner.Running r = new SqlRunner.Running(s, s.execute("KILL QUERY " + target, false), null)) {
            r.results.next();
        }
        return target;
    }
}

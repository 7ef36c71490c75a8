package dev.basalt.engine.time;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The time zone of the session whose statement this thread runs. TIMESTAMP columns are stored in
 * UTC and the table layer converts to and from this zone at its edge, so everything above it (plans,
 * DML, triggers, constraints) sees session-local values as in MySQL. A thread that runs no session
 * statement (startup, recovery) converts nothing: its values are taken as UTC.
 */
public final class SessionZone {
    private SessionZone() {}

    private static final ThreadLocal<Supplier<ZoneId>> CURRENT = new ThreadLocal<>();

    /** Installs the session's zone for this thread; returns the previous one to restore. */
    public static Supplier<ZoneId> enter(Supplier<ZoneId> zone) {
        Supplier<ZoneId> previous = CURRENT.get();
        CURRENT.set(zone);
        return previous;
    }

    public static void restore(Supplier<ZoneId> previous) {
        // set, not remove(): removing and re-adding the entry every statement made the thread's
        // ThreadLocalMap expunge and rehash each time; a null value holds nothing
        CURRENT.set(previous);
    }

    /** The zone to convert TIMESTAMP values to, or null when none is needed (UTC or no session). */
    public static ZoneId current() {
        Supplier<ZoneId> s = CURRENT.get();
        if (s == null) return null;
        ZoneId z = s.get();
        return z == null || isUtc(z) ? null : z;
    }

    private static boolean isUtc(ZoneId z) {
        return z.equals(ZoneOffset.UTC) || z.getRules().isFixedOffset() && z.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() == 0;
    }
}

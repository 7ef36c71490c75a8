package dev.basalt.engine.session;

/**
 * log_throttle_queries_not_using_indexes: at most N slow-log entries a minute for statements that
 * qualify through log_queries_not_using_indexes (as in MySQL, also those that were slow as well).
 * A window of 60 s starts with the first such entry; within it, entries past the N-th are counted
 * instead of written, with their times and rows summed. The first qualifying statement after the
 * window has ended gets the summary written before it (MySQL's {@code throttle: N 'index not
 * used' warning(s) suppressed.} entry) and starts a new window. 0 (the default) is no limit.
 */
final class NoIndexLogThrottle {
    static final long WINDOW_NANOS = 60_000_000_000L;

    /** What was held back in an ended window, for the summary entry. */
    record Suppressed(long count, long queryNanos, long lockNanos, long rowsSent, long rowsExamined) {}

    /** The caller's instruction: write the statement or not, and a summary to write first (or null). */
    record Decision(boolean write, Suppressed summary) {}

    private long windowStart;
    private boolean windowOpen;
    private long written;
    private long count, queryNanos, lockNanos, rowsSent, rowsExamined;

    /** A statement that qualifies through not using indexes, at {@code now} (System.nanoTime). */
    synchronized Decision offer(long limit, long now, long nanos, long lock, long sent, long examined) {
        Suppressed summary = null;
        if (windowOpen && now - windowStart >= WINDOW_NANOS) {
            if (count > 0) summary = new Suppressed(count, queryNanos, lockNanos, rowsSent, rowsExamined);
            windowOpen = false;
        }
        if (limit <= 0) {
            windowOpen = false;
            clear();
            return new Decision(true, summary);
        }
        if (!windowOpen) {
            windowOpen = true;
            windowStart = now;
            written = 0;
            clear();
        }
        if (written < limit) {
            written++;
            return new Decision(true, summary);
        }
        count++;
        queryNanos += nanos;
        lockNanos += lock;
        rowsSent += sent;
        rowsExamined += examined;
        return new Decision(false, summary);
    }

    private void clear() {
        count = queryNanos = lockNanos = rowsSent = rowsExamined = 0;
    }
}

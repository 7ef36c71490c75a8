package dev.basalt.engine.exec;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide bound over the memory all running statements' operators hold (the sum of their
 * {@link QueryMemory} leases), so that many statements each under their own budget cannot run the
 * JVM out of heap together. Operators that can spill stop taking memory at half the limit and go
 * to disk; the others fail with 3170 (ER_CAPACITY_EXCEEDED) when they would pass the whole limit,
 * and only that statement fails: the memory of the others stays theirs.
 *
 * <p>The limit is {@code -Dbasalt.globalMemoryLimit=<bytes>} or 60% of the maximum heap.
 */
public final class MemoryGovernor {
    private static final AtomicLong USED = new AtomicLong();
    private static volatile long limit = configuredLimit();

    private MemoryGovernor() {}

    static long configuredLimit() {
        return QueryMemory.configuredBytes("basalt.globalMemoryLimit", 6, 10);
    }

    public static long limit() { return limit; }

    /** Changes the server-wide limit (tests; a server setting). */
    public static void setLimit(long bytes) { limit = Math.max(1, bytes); }

    /** Bytes all running statements hold now (SHOW GLOBAL STATUS Basalt_memory_used). */
    public static long used() { return Math.max(0, USED.get()); }

    /** Takes {@code bytes} unconditionally; false when the total is now past the limit (the caller gives them back and fails). */
    static boolean add(long bytes) {
        return USED.addAndGet(bytes) <= limit;
    }

    /** Takes {@code bytes} only while the total stays within half the limit (operators that can spill instead). */
    static boolean tryAdd(long bytes) {
        if (USED.addAndGet(bytes) <= limit / 2) return true;
        USED.addAndGet(-bytes);
        return false;
    }

    static void release(long bytes) {
        if (bytes != 0) USED.addAndGet(-bytes);
    }

    static SqlException exceeded(long statementBytes) {
        return new SqlException(ErrorCode.ER_CAPACITY_EXCEEDED, limit, "basalt.globalMemoryLimit",
                "All running statements together would exceed it; this one held " + statementBytes
                        + " bytes and was stopped so the others can go on.");
    }
}

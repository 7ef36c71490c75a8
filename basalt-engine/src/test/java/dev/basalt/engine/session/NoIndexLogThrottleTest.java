package dev.basalt.engine.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** log_throttle_queries_not_using_indexes' window, on a clock the test moves. */
class NoIndexLogThrottleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void writesTheFirstNOfAMinuteThenSummarisesTheRestBeforeTheNextWindow() {
        NoIndexLogThrottle t = new NoIndexLogThrottle();
        long start = 1_000 * SECOND;
        assertTrue(t.offer(2, start, 10, 1, 1, 100).write());
        assertTrue(t.offer(2, start + SECOND, 10, 1, 1, 100).write());
        NoIndexLogThrottle.Decision third = t.offer(2, start + 2 * SECOND, 30, 2, 4, 300);
        assertFalse(third.write());
        assertNull(third.summary());
        assertFalse(t.offer(2, start + 59 * SECOND, 50, 3, 5, 500).write());
        // a minute after the window's first entry: the summary comes first, and this one starts a new window
        NoIndexLogThrottle.Decision next = t.offer(2, start + 61 * SECOND, 10, 1, 1, 100);
        assertTrue(next.write());
        assertEquals(new NoIndexLogThrottle.Suppressed(2, 80, 5, 9, 800), next.summary());
        assertTrue(t.offer(2, start + 62 * SECOND, 10, 1, 1, 100).write());
        assertFalse(t.offer(2, start + 63 * SECOND, 10, 1, 1, 100).write());
    }

    @Test
    void zeroIsNoLimitAndAWindowWithNothingHeldBackHasNoSummary() {
        NoIndexLogThrottle t = new NoIndexLogThrottle();
        for (int i = 0; i < 100; i++) assertTrue(t.offer(0, i * SECOND, 1, 0, 0, 1).write());
        assertTrue(t.offer(5, 0, 1, 0, 0, 1).write());
        NoIndexLogThrottle.Decision later = t.offer(5, 120 * SECOND, 1, 0, 0, 1);
        assertTrue(later.write());
        assertNull(later.summary());
    }
}

package dev.basalt.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A statement blocked on remote work: KILL and the deadline call its stop action, a closed wait is left alone. */
class OutsideWaitTest {

    private static <T> T inStatement(Cancellation c, long timeoutMillis, java.util.function.Supplier<T> body) {
        Cancellation previous = Cancellation.enter(c);
        try {
            c.begin(timeoutMillis);
            return body.get();
        } finally {
            Cancellation.restore(previous);
        }
    }

    @Test
    void killQueryCallsStopAndGives1317() throws InterruptedException {
        Cancellation c = new Cancellation();
        CountDownLatch stopped = new CountDownLatch(1);
        OutsideWait w = inStatement(c, 0, () -> OutsideWait.begin(stopped::countDown));
        assertFalse(w.stopped());
        c.killQuery();
        assertTrue(stopped.await(5, TimeUnit.SECONDS), "stop was not called");
        assertEquals(1317, w.reason().errorCode());
        w.close();
    }

    @Test
    void deadlineCallsStopAndGives3024() throws InterruptedException {
        Cancellation c = new Cancellation();
        CountDownLatch stopped = new CountDownLatch(1);
        OutsideWait w = inStatement(c, 50, () -> OutsideWait.begin(stopped::countDown));
        assertTrue(stopped.await(5, TimeUnit.SECONDS), "stop was not called at the deadline");
        assertEquals(Cancellation.ER_QUERY_TIMEOUT, w.reason().errorCode());
        w.close();
    }

    @Test
    void aKillBeforeTheWaitStopsItAtOnce() throws InterruptedException {
        Cancellation c = new Cancellation();
        CountDownLatch stopped = new CountDownLatch(1);
        OutsideWait w = inStatement(c, 0, () -> {
            c.killConnection();
            return OutsideWait.begin(stopped::countDown);
        });
        assertTrue(stopped.await(5, TimeUnit.SECONDS));
        w.close();
    }

    @Test
    void noStopAfterClose() throws InterruptedException {
        Cancellation c = new Cancellation();
        AtomicInteger stops = new AtomicInteger();
        OutsideWait w = inStatement(c, 0, () -> OutsideWait.begin(stops::incrementAndGet));
        w.close();
        c.killQuery();
        Thread.sleep(200);
        assertEquals(0, stops.get());
        assertFalse(w.stopped());
    }

    @Test
    void withoutAStatementNothingStops() {
        OutsideWait w = OutsideWait.begin(() -> { throw new AssertionError("no statement to stop"); });
        assertFalse(w.stopped());
        w.close();
    }
}

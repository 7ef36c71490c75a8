package dev.basalt.engine.exec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.engine.api.SqlException;
import org.junit.jupiter.api.Test;

/** KILL QUERY, KILL CONNECTION and the deadline as a running statement's checks see them. */
class CancellationTest {

    @Test
    void killQueryStopsTheStatementAndIsForgottenByTheNext() {
        Cancellation c = new Cancellation();
        Cancellation previous = Cancellation.enter(c);
        try {
            c.begin(0);
            Cancellation.check();
            c.killQuery();
            assertEquals(1317, assertThrows(SqlException.class, Cancellation::check).errorCode());
            c.begin(0);
            assertDoesNotThrow(Cancellation::check);
        } finally {
            Cancellation.restore(previous);
        }
    }

    @Test
    void killConnectionStays() {
        Cancellation c = new Cancellation();
        c.killConnection();
        c.begin(0);
        assertThrows(SqlException.class, c::poll);
    }

    @Test
    void deadlineGives3024() throws InterruptedException {
        Cancellation c = new Cancellation();
        c.begin(1);
        Thread.sleep(5);
        assertEquals(3024, assertThrows(SqlException.class, c::poll).errorCode());
    }

    @Test
    void aThreadWithoutAStatementNeverStops() {
        assertDoesNotThrow(Cancellation::check);
    }
}

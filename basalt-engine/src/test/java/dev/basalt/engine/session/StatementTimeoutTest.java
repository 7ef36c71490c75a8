package dev.basalt.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where the MAX_EXECUTION_TIME hint is read, and where it is not. */
class StatementTimeoutTest {

    @Test
    void hintRightAfterSelect() {
        assertEquals(200, StatementTimeout.hint("SELECT /*+ MAX_EXECUTION_TIME(200) */ 1"));
        assertEquals(5, StatementTimeout.hint("  select/*+ BKA(t) max_execution_time ( 5 ) */ * FROM t"));
    }

    @Test
    void noHintElsewhere() {
        assertEquals(-1, StatementTimeout.hint("SELECT 1"));
        assertEquals(-1, StatementTimeout.hint("SELECT /*+ BKA(t) */ 1"));
        assertEquals(-1, StatementTimeout.hint("SELECT 1 /*+ MAX_EXECUTION_TIME(200) */"));
        assertEquals(-1, StatementTimeout.hint("UPDATE /*+ MAX_EXECUTION_TIME(200) */ t SET a = 1"));
        assertEquals(-1, StatementTimeout.hint("SELECT /*+ MAX_EXECUTION_TIME(200)"));
    }
}

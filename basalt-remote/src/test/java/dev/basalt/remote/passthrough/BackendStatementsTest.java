package dev.basalt.remote.passthrough;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The per-backend statement cache of multiplexing: by text, least recently used out, replaced copies closed. */
class BackendStatementsTest {
    @Test
    void boundedLeastRecentlyUsedFirst() {
        BackendStatements s = new BackendStatements();
        for (int i = 0; i < BackendStatements.MAX; i++) assertEquals(-1, s.put("db\0q" + i, i));
        assertEquals(0, s.get("db\0q0")); // now the most recently used
        assertEquals(1, s.put("db\0new", 1000), "q1 was used least recently: closed on the backend");
        assertEquals(-1, s.get("db\0q1"));
        assertEquals(BackendStatements.MAX, s.size());
    }

    @Test
    void aTextPreparedAgainReplacesAndClosesTheOlderCopy() {
        BackendStatements s = new BackendStatements();
        s.put("db\0q", 5);
        assertEquals(5, s.put("db\0q", 9));
        assertEquals(9, s.get("db\0q"));
        s.clear();
        assertEquals(-1, s.get("db\0q"));
    }
}

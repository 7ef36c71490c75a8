package dev.basalt.engine.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** utf8mb4_0900_ai_ci sort keys (DISTINCT / GROUP BY hashing): the ASCII fast path and its way out. */
class AccentInsensitiveSortKeyTest {
    private static final Collation AI = Collation.AI_CI;

    @Test
    void asciiKeysAreTheUpperCasedBytes() {
        assertArrayEquals("ABC-12 Z?".getBytes(StandardCharsets.US_ASCII), AI.sortKey("abc-12 z?"));
        assertArrayEquals(AI.sortKey("Hello World"), AI.sortKey("hELLO wORLD"));
        assertArrayEquals(new byte[0], AI.sortKey(""));
    }

    @Test
    void accentsAndCaseFoldTogetherOutsideAscii() {
        assertArrayEquals(AI.sortKey("resume"), AI.sortKey("Résumé"));
        assertFalse(java.util.Arrays.equals(AI.sortKey("resume"), AI.sortKey("resumes")));
    }

    @Test
    void aLoneSurrogateTakesTheFoldingPath() {
        // the bulk encoder turns it into '?' as well: the key must still be the folded one
        String s = "a\uD800b";
        assertArrayEquals(Folding.fold(s, AI).getBytes(StandardCharsets.UTF_8), AI.sortKey(s));
        assertArrayEquals(AI.sortKey(s), AI.sortKey("A\uD800B"));
    }
}

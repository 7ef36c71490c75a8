package dev.basalt.engine.fulltext;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** InnoDB's tokenizer rules and the boolean-mode operators on single documents. */
class FulltextQueryTest {

    @Test
    void tokenizerKeepsIndexedWordsOnly() {
        assertEquals(List.of("don't", "panic", "42nd", "snake_case", "cafe"),
                Tokenizer.tokens("Don't PANIC: the 42nd snake_case at a Café, ok?"));
        assertEquals(List.of("don't", "panic", "the", "42nd", "snake_case", "at", "a", "cafe", "ok"),
                Tokenizer.words("Don't PANIC: the 42nd snake_case at a Café, ok?"));
        assertTrue(Tokenizer.tokens("x".repeat(85)).isEmpty(), "longer than innodb_ft_max_token_size");
    }

    private static boolean matches(String query, String text) {
        return new BooleanQuery(query).matches(new Document(text));
    }

    @Test
    void booleanOperators() {
        assertTrue(matches("+apple -pie", "apple tart"));
        assertFalse(matches("+apple -pie", "apple pie"));
        assertFalse(matches("-pie", "apple tart"), "only exclusions match nothing");
        assertTrue(matches("appl*", "apples and pears"));
        assertTrue(matches("\"green apple\"", "a green apple"));
        assertFalse(matches("\"apple green\"", "a green apple"));
        assertTrue(matches("+apple +(pie tart)", "apple tart"));
        assertFalse(matches("+apple +(pie tart)", "apple crumble"));
        assertFalse(matches("+the", "the apple"), "a stopword is dropped from the query");
    }
}

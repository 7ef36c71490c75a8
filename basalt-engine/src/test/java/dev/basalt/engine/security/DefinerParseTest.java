package dev.basalt.engine.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** DEFINER clauses in the spellings dumps and people write, and how they are stored back. */
class DefinerParseTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "`root`@`localhost`   | root | localhost",
        "'app'@'%'            | app  | %",
        "app@10.0.0.%         | app  | 10.0.0.%",
        "\"app\"@\"h\"        | app  | h",
        "app                  | app  | %",
        "`we``ird`@`h`        | we`ird | h",
    })
    void parses(String written, String user, String host) {
        Definer.Name n = Definer.parse(written);
        assertEquals(user, n.user());
        assertEquals(host, n.host());
    }

    @Test
    void doubledQuoteInsideQuotes() {
        assertEquals(new Definer.Name("o'neil", "%"), Definer.parse("'o''neil'@'%'"));
    }

    @Test
    void currentUserMeansNoClause() {
        assertNull(Definer.parse("CURRENT_USER"));
        assertNull(Definer.parse("current_user()"));
        assertNull(Definer.parse(null));
    }

    @Test
    void storedQuotedAndShownPlain() {
        Definer.Name n = new Definer.Name("we`ird", "%");
        assertEquals("`we``ird`@`%`", n.quoted());
        assertEquals(n, Definer.parse(n.quoted()));
        assertEquals("we`ird@%", n.plain());
    }
}

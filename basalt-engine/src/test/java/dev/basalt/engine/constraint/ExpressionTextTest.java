package dev.basalt.engine.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a > 0|a > 0",
            "((a > 0))|a > 0",
            " ( a > 0 ) |a > 0",
            "(a > 0) AND (b > 0)|(a > 0) AND (b > 0)",
            "(a = ')')|a = ')'",
            "(a = 'x''(')|a = 'x''('",
            "f(a)|f(a)",
            "(f(a) + (b))|f(a) + (b)",
    })
    void stripsOnlyParenthesesAroundTheWholeText(String in, String out) {
        assertEquals(out, ExpressionText.normalize(in));
    }
}

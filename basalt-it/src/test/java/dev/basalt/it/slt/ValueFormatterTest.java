package dev.basalt.it.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueFormatterTest {
    @Test
    void integersTruncateDecimalsTowardZeroLikeAtoll() {
        assertEquals("2", ValueFormatter.format('I', "2.6129"));
        assertEquals("-5", ValueFormatter.format('I', "-5.9146"));
        assertEquals("42", ValueFormatter.format('I', "42"));
        assertEquals("12", ValueFormatter.format('I', "12abc"));
        assertEquals("0", ValueFormatter.format('I', "abc"));
        assertEquals("100000", ValueFormatter.format('I', "1e5"));
    }

    @Test
    void realsPrintThreeDecimalsWithCRounding() {
        assertEquals("167.000", ValueFormatter.format('R', "167"));
        assertEquals("2.062", ValueFormatter.format('R', "2.0625"));
        assertEquals("1.000", ValueFormatter.format('R', "1.0005"));
        assertEquals("0.000", ValueFormatter.format('R', "-0.0001"));
        assertEquals("-1.500", ValueFormatter.format('R', "-1.5"));
    }

    @Test
    void textNullAndEmpty() {
        assertEquals("NULL", ValueFormatter.format('T', null));
        assertEquals("NULL", ValueFormatter.format('I', null));
        assertEquals("(empty)", ValueFormatter.format('T', ""));
        assertEquals("a@b", ValueFormatter.format('T', "a\tb"));
        assertEquals("hello world", ValueFormatter.format('T', "hello world"));
    }

    @Test
    void sortModesAndHash() {
        List<String[]> rows = List.of(new String[] {"b", "1"}, new String[] {"a", "2"});
        assertEquals(List.of("b", "1", "a", "2"), ResultComparer.flatten(rows, SltRecord.SortMode.NOSORT));
        assertEquals(List.of("a", "2", "b", "1"), ResultComparer.flatten(rows, SltRecord.SortMode.ROWSORT));
        assertEquals(List.of("1", "2", "a", "b"), ResultComparer.flatten(rows, SltRecord.SortMode.VALUESORT));
        // md5 of "1\n2\n" computed independently with coreutils md5sum
        assertEquals("6ddb4095eb719e2a9f0a3f95677d24e0", ResultComparer.md5(List.of("1", "2")));
    }
}

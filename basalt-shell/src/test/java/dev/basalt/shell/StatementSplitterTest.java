package dev.basalt.shell;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementSplitterTest {

    private static List<StatementSplitter.Statement> split(String... lines) {
        StatementSplitter s = new StatementSplitter();
        List<StatementSplitter.Statement> out = new ArrayList<>();
        for (String line : lines) out.addAll(s.feed(line));
        StatementSplitter.Statement rest = s.rest();
        if (rest != null) out.add(rest);
        return out;
    }

    @Test
    void statementsSpanLinesAndShareThem() {
        assertEquals(List.of(new StatementSplitter.Statement("SELECT 1,\n2", false),
                        new StatementSplitter.Statement("SELECT 3", false)),
                split("SELECT 1,", "2; SELECT 3;"));
    }

    @Test
    void semicolonsInQuotesAndCommentsDoNotEnd() {
        assertEquals(List.of(new StatementSplitter.Statement("SELECT 'a;b', \"c;d\", `e;f`, 'it\\'s;'", false)),
                split("SELECT 'a;b', \"c;d\", `e;f`, 'it\\'s;';"));
        assertEquals(List.of(new StatementSplitter.Statement("SELECT /* ; */ 1", false)), split("SELECT /* ; */ 1 -- ;", ";"));
        assertEquals(List.of(new StatementSplitter.Statement("SELECT 1", false)), split("# only a comment;", "SELECT 1;"));
    }

    @Test
    void backslashCDropsTheStatementTypedSoFar() {
        assertEquals(List.of(new StatementSplitter.Statement("SELECT 3", false)), split("SELECT 1,", "2 \\c", "SELECT 3;"));
        assertEquals(List.of(new StatementSplitter.Statement("SELECT '\\c'", false)), split("SELECT '\\c';"));
    }

    @Test
    void verticalTerminator() {
        assertEquals(List.of(new StatementSplitter.Statement("SELECT 1", true)), split("SELECT 1\\G"));
    }

    @Test
    void knowsWhenAStatementIsOpen() {
        StatementSplitter s = new StatementSplitter();
        s.feed("SELECT 'open");
        assertTrue(s.inStatement());
        s.feed("quote';");
        assertFalse(s.inStatement());
    }
}

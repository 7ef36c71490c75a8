package dev.basalt.it.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {
    @Test
    void parsesStatementsQueriesConditionsAndHashes() {
        List<String> lines = List.of(
                "# comment",
                "statement ok",
                "CREATE TABLE t1(a INTEGER,",
                "  b INTEGER)",
                "",
                "statement error 1146",
                "SELECT * FROM nope",
                "",
                "skipif mysql",
                "# a comment between condition and record",
                "query I nosort",
                "SELECT 1",
                "----",
                "1",
                "",
                "onlyif mysql",
                "query IT rowsort label-1",
                "SELECT a, b FROM t1",
                "----",
                "1",
                "x",
                "",
                "onlyif sqlite",
                "halt",
                "",
                "hash-threshold 8",
                "",
                "query R valuesort",
                "SELECT a FROM t1",
                "----",
                "30 values hashing to 3c13dee48d9356ae19af2515e05e6b54",
                "",
                "halt");
        List<SltRecord> r = SltParser.parse(lines);
        assertEquals(7, r.size());
        SltRecord.Statement create = assertInstanceOf(SltRecord.Statement.class, r.get(0));
        assertEquals("CREATE TABLE t1(a INTEGER,\n  b INTEGER)", create.sql());
        assertEquals(2, create.line());
        SltRecord.Statement err = assertInstanceOf(SltRecord.Statement.class, r.get(1));
        assertTrue(err.expectError());
        assertEquals(1146, err.expectedErrno());
        assertInstanceOf(SltRecord.Skipped.class, r.get(2));
        SltRecord.Query q = assertInstanceOf(SltRecord.Query.class, r.get(3));
        assertEquals("IT", q.types());
        assertEquals(SltRecord.SortMode.ROWSORT, q.sort());
        assertEquals("label-1", q.label());
        assertEquals(List.of("1", "x"), q.expectedValues());
        assertInstanceOf(SltRecord.HashThreshold.class, r.get(4));
        SltRecord.Query h = assertInstanceOf(SltRecord.Query.class, r.get(5));
        assertTrue(h.hashed());
        assertNull(h.expectedValues());
        assertEquals(30, h.hashCount());
        // "onlyif sqlite / halt" is not ours; the trailing unguarded halt is
        assertInstanceOf(SltRecord.Halt.class, r.get(6));
    }
}

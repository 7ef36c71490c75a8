package dev.basalt.pgwire;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** COPY's statement forms and its text and CSV data formats. */
class PgCopyCommandTest {

    @Test
    void currentAndOldOptionForms() {
        PgCopyCommand c = PgCopyCommand.parse("COPY cp (id, name) FROM STDIN WITH (FORMAT csv, HEADER, DELIMITER ';')");
        assertEquals("cp", c.table());
        assertEquals("(id, name)", c.columns());
        assertTrue(c.in() && c.csv() && c.header());
        assertEquals(';', c.delimiter());
        assertEquals("", c.nullString());

        c = PgCopyCommand.parse("COPY (SELECT 1) TO STDOUT WITH CSV HEADER");
        assertEquals("SELECT 1", c.query());
        assertTrue(!c.in() && c.csv() && c.header());

        c = PgCopyCommand.parse("COPY s.t FROM stdin WITH DELIMITER AS E'\\t' NULL AS '\\N'");
        assertEquals("s.t", c.table());
        assertFalse(c.csv());
        assertEquals('\t', c.delimiter());
        assertEquals("\\N", c.nullString());

        c = PgCopyCommand.parse("copy pgbench_accounts from stdin with (freeze on)");
        assertEquals("pgbench_accounts", c.table());
        assertEquals("\\N", c.nullString());
    }

    @Test
    void refusedForms() {
        assertEquals("0A000", assertThrows(PgException.class, () -> PgCopyCommand.parse("COPY t FROM '/etc/passwd'")).fields.code());
        assertEquals("0A000", assertThrows(PgException.class, () -> PgCopyCommand.parse("COPY t TO STDOUT (FORMAT binary)")).fields.code());
        assertEquals("42601", assertThrows(PgException.class, () -> PgCopyCommand.parse("COPY FROM STDIN")).fields.code());
    }

    @Test
    void textFormat() {
        PgCopyCommand c = PgCopyCommand.parse("COPY t FROM STDIN");
        assertEquals(Arrays.asList("1", null, "a\tb", "back\\slash", "", "\u0001A"), c.textFields("1\t\\N\ta\\tb\tback\\\\slash\t\t\\001\\x41"));
        assertEquals("1\t\\N\ta\\tb\tback\\\\slash\n", c.row(Arrays.asList("1", null, "a\tb", "back\\slash")));
    }

    @Test
    void csvFormat() {
        PgCopyCommand c = PgCopyCommand.parse("COPY t FROM STDIN (FORMAT csv)");
        assertEquals(Arrays.asList("4", "quoted, comma", null, "", "say \"hi\"", "two\nlines"),
                c.csvFields("4,\"quoted, comma\",,\"\",\"say \"\"hi\"\"\",\"two\nlines\""));
        assertEquals("a,\"\",,\"x,y\",\"q\"\"\"\n", c.row(Arrays.asList("a", "", null, "x,y", "q\"")));
        String data = "1,\"multi\nline\"\n2,b\n3,partial";
        int first = c.recordEnd(data, 0);
        assertEquals("1,\"multi\nline\"", data.substring(0, first));
        assertEquals(-1, c.recordEnd(data, data.indexOf("3,")));
        assertEquals(List.of("2", "b"), c.csvFields(data.substring(first + 1, c.recordEnd(data, first + 1))));
    }
}

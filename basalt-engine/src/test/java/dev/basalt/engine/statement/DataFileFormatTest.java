package dev.basalt.engine.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.sql.ast.FileFormat;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LOAD DATA's field and line splitting, and OUTFILE's escaping, on MySQL's documented cases. */
class DataFileFormatTest {
    private static final FileFormat CSV = new FileFormat(",", "\"", false, "\\", "", "\n");

    private static List<String> row(String... v) { return Arrays.asList(v); }

    @Test
    void defaultFormatWithEscapesAndNull() {
        assertEquals(List.of(row("1", "a\tb", null), row("2", "back\\slash", "")),
                DataFileFormat.parse("1\ta\\tb\t\\N\n2\tback\\\\slash\t\n", FileFormat.DEFAULT));
    }

    @Test
    void enclosedFieldsKeepSeparatorsAndDoubledQuotes() {
        assertEquals(List.of(row("1", "x, \"y\"", null), row("2", "NULL", "z")),
                DataFileFormat.parse("1,\"x, \"\"y\"\"\",NULL\n2,\"NULL\",z", CSV));
    }

    @Test
    void lineEndInsideQuotesAndCrLfLines() {
        FileFormat crlf = new FileFormat(",", "\"", true, "\\", "", "\r\n");
        assertEquals(List.of(row("1", "two\r\nlines"), row("3", "x")),
                DataFileFormat.parse("1,\"two\r\nlines\"\r\n3,x\r\n", crlf));
    }

    @Test
    void linesStartingBySkipsTextBeforeThePrefixAndLinesWithoutIt() {
        FileFormat f = new FileFormat(",", "", false, "\\", "xxx", "\n");
        assertEquals(List.of(row("abc", "1"), row("def", "2")),
                DataFileFormat.parse("xxx\"abc\",1\nsomething xxxdef,2\n\"ghi\",3\n".replace("\"", ""), f));
    }

    @Test
    void outfileEscapesWhatWouldBeAmbiguous() {
        StringBuilder b = new StringBuilder();
        DataFileFormat.writeField(b, "a\tb\\c\0", false, FileFormat.DEFAULT);
        b.append('|');
        DataFileFormat.writeField(b, null, false, FileFormat.DEFAULT);
        b.append('|');
        DataFileFormat.writeField(b, "q\"x,y", true, CSV);
        assertEquals("a\\\tb\\\\c\\0|\\N|\"q\\\"x,y\"", b.toString());
    }
}

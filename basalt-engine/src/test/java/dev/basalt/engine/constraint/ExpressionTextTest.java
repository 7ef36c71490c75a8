package dev.basalt.engine.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.types.SqlType;
import java.util.List;
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

    private static final TableDef TABLE = new TableDef(1, "db", "t",
            List.of(ColumnDef.of("Bal", SqlType.BIGINT, true), ColumnDef.of("note", SqlType.varchar(10), true)), List.of(), null);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bal >= 0|(`Bal` >= 0)",
            "`bal` >= 0|(`Bal` >= 0)",
            "CHAR_LENGTH(note) < 5|(CHAR_LENGTH(`note`) < 5)",
            "note = 'bal'|(`note` = 'bal')",
            "other + 1|(other + 1)",
    })
    void displayQuotesTheTablesColumns(String in, String out) {
        assertEquals(out, ExpressionText.display(in, TABLE));
    }
}

package dev.basalt.engine.statement;

import dev.basalt.sql.parser.Keyword;
import dev.basalt.sql.parser.MySqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * information_schema.KEYWORDS (MySQL 8.0.13): WORD and RESERVED (1/0) for each word Basalt's lexer
 * treats as a keyword, reserved as MySQL 8 reserves it. Only the words the parser knows are listed
 * (all of MySQL 8's reserved words, a part of its non-reserved ones), in alphabetical order.
 */
final class KeywordRows {
    private KeywordRows() {}

    /** Keywords the lexer knows only for the PostgreSQL dialect: no MySQL keyword. */
    private static final Set<Keyword> POSTGRES_ONLY = Set.of(Keyword.REINDEX);

    static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        for (Keyword k : Keyword.values()) {
            if (POSTGRES_ONLY.contains(k)) continue;
            rows.add(new Object[]{k.name(), MySqlDialect.INSTANCE.isReserved(k) ? 1L : 0L});
        }
        rows.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
        return rows;
    }
}

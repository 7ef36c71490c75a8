package dev.basalt.engine.fulltext;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.testkv.SqlRows;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The FULLTEXT index's stored entries: a MATCH in WHERE reads only the rows holding the search
 * words (EXPLAIN type fulltext, the slow log's Rows_examined), and the entries follow every
 * change of the rows, so results and relevance equal those of a table loaded fresh.
 */
class FulltextIndexTest {
    private BasaltEngine engine;
    private Session s;

    @BeforeEach
    void open() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20));
        s = engine.openSession(new SessionOptions(7, "root", "localhost", null, false));
        sql("CREATE DATABASE d");
        sql("USE d");
        sql("CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(100), body TEXT, FULLTEXT KEY ft (title, body))");
        StringBuilder insert = new StringBuilder("INSERT INTO docs VALUES (1, 'lmdb pages', 'copy on write b-tree')");
        for (int i = 2; i <= 300; i++) insert.append(", (").append(i).append(", 'note ").append(i).append("', 'plain filler text')");
        sql(insert.toString());
        sql("INSERT INTO docs VALUES (301, 'Rare words', 'a zebra and a quokka'), (302, 'Zebra crossing', 'zebra zebra')");
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        engine.close();
    }

    private List<Object[]> sql(String text) { return SqlRows.of(s, text); }

    private List<String> column(String query) { return SqlRows.column(s, query); }

    private List<String> rows(String query) {
        List<String> out = new ArrayList<>();
        for (Object[] r : sql(query)) out.add(Arrays.toString(r));
        return out;
    }

    @Test
    void explainShowsTheFulltextAccess() {
        Object[] row = sql("EXPLAIN SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('zebra')").getFirst();
        List<Object> shown = Arrays.asList(row);
        // id, select_type, table, partitions, type, possible_keys, key, key_len, ref, rows, filtered, Extra
        assertEquals(List.of("docs", "fulltext", "ft", "ft", "0", "const"),
                List.of(shown.get(2), shown.get(4), shown.get(5), shown.get(6), shown.get(7), shown.get(8)));
        String tree = String.valueOf(sql("EXPLAIN FORMAT=TREE SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('+zebra' IN BOOLEAN MODE)")
                .getFirst()[0]);
        assertEquals(true, tree.contains("Full-text index search on docs using ft"), tree);
        // a unique key finding the one row wins, as in MySQL
        assertEquals("const", sql("EXPLAIN SELECT id FROM docs WHERE id = 5 AND MATCH (title, body) AGAINST ('zebra')")
                .getFirst()[4]);
    }

    @Test
    void aSearchExaminesOnlyTheMatchingRows() {
        sql("SET GLOBAL log_output = 'TABLE'");
        sql("SET long_query_time = 0");
        sql("SET GLOBAL slow_query_log = ON");
        assertEquals(List.of("301", "302"), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('zebra') ORDER BY id"));
        assertEquals(List.of("301"), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('+zebra +quokka' IN BOOLEAN MODE)"));
        assertEquals(List.of("1"), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('lmd*' IN BOOLEAN MODE)"));
        sql("SET GLOBAL slow_query_log = OFF");
        assertEquals(List.of("2", "1", "1"), column("SELECT rows_examined FROM mysql.slow_log WHERE sql_text LIKE '%MATCH%' ORDER BY start_time"));
    }

    @Test
    void queryExpansionSearchesTwiceThroughTheEntries() {
        // 'quokka' finds row 301 ("Rare words", "a zebra and a quokka"); its words find 302 ("Zebra crossing") too
        String m = "MATCH (title, body) AGAINST ('quokka' WITH QUERY EXPANSION)";
        assertEquals("fulltext", sql("EXPLAIN SELECT id FROM docs WHERE " + m).getFirst()[4]);
        sql("SET GLOBAL log_output = 'TABLE'");
        sql("SET long_query_time = 0");
        sql("SET GLOBAL slow_query_log = ON");
        List<String> viaIndex = rows("SELECT id, " + m + " FROM docs WHERE " + m + " ORDER BY id");
        sql("SET GLOBAL slow_query_log = OFF");
        assertEquals(List.of("301", "302"), viaIndex.stream().map(r -> r.substring(1, r.indexOf(','))).toList());
        // only the two rows holding an expanded word were read (a scan reads all 302)
        assertEquals(List.of("2"), column("SELECT rows_examined FROM mysql.slow_log WHERE sql_text LIKE '%EXPANSION%'"));
        // the same matches and relevance as MATCH in the select list over every row
        assertEquals(rows("SELECT id, r FROM (SELECT id, " + m + " AS r FROM docs) x WHERE r > 0 ORDER BY id"), viaIndex);
    }

    @Test
    void relevanceFromTheEntriesEqualsTheScansOwn() {
        // the select list's MATCH reads every row of the scan; WHERE's only the matching ones: same figures
        String m = "MATCH (title, body) AGAINST ('zebra quokka')";
        List<String> viaIndex = rows("SELECT id, " + m + " FROM docs WHERE " + m + " ORDER BY id");
        assertEquals(2, viaIndex.size());
        assertEquals(rows("SELECT id, r FROM (SELECT id, " + m + " AS r FROM docs) x WHERE r > 0 ORDER BY id"), viaIndex);
    }

    @Test
    void entriesFollowEveryChangeOfTheRows() {
        sql("UPDATE docs SET body = 'no stripes here' WHERE id = 302");
        sql("UPDATE docs SET title = 'zebra update' WHERE id = 5");
        sql("UPDATE docs SET id = 1005 WHERE id = 5");
        sql("DELETE FROM docs WHERE id = 301");
        sql("REPLACE INTO docs VALUES (7, 'zebra replaced', 'quokka')");
        sql("INSERT INTO docs VALUES (8, 'dup', 'x') ON DUPLICATE KEY UPDATE body = 'zebra upsert'");
        sql("BEGIN");
        sql("INSERT INTO docs VALUES (900, 'zebra rolled back', '')");
        sql("ROLLBACK");
        assertEquals(List.of("7", "8", "302", "1005"), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('zebra') ORDER BY id"));
        assertEquals(List.of("7"), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('quokka') ORDER BY id"));
        // a table loaded fresh with the same rows has the same entries: same matches, same relevance
        sql("CREATE TABLE fresh LIKE docs");
        sql("INSERT INTO fresh SELECT * FROM docs");
        for (String q : List.of("zebra", "quokka zebra stripes", "note filler")) {
            String m = "MATCH (title, body) AGAINST ('" + q + "')";
            assertEquals(rows("SELECT id, " + m + " FROM fresh WHERE " + m + " ORDER BY id"),
                    rows("SELECT id, " + m + " FROM docs WHERE " + m + " ORDER BY id"), q);
        }
        sql("TRUNCATE TABLE docs");
        assertEquals(List.of(), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('zebra')"));
        sql("INSERT INTO docs VALUES (1, 'zebra again', '')");
        assertEquals(List.of("1"), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('zebra')"));
        assertEquals("fulltext", sql("EXPLAIN SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('zebra')").getFirst()[4]);
    }

    @Test
    void indexesAddedLaterAreBuiltFromTheRowsAndRebuiltByAlter() {
        sql("CREATE TABLE late (id INT PRIMARY KEY, body TEXT)");
        sql("INSERT INTO late VALUES (1, 'apple pie'), (2, 'apple tart'), (3, 'pear')");
        sql("ALTER TABLE late ADD FULLTEXT INDEX ft_body (body)");
        assertEquals(List.of("1", "2"), column("SELECT id FROM late WHERE MATCH (body) AGAINST ('apple') ORDER BY id"));
        // a rewrite of every row (a new column in front) rebuilds the entries
        sql("ALTER TABLE late ADD COLUMN tag INT FIRST");
        sql("INSERT INTO late VALUES (0, 4, 'apple crumble')");
        assertEquals(List.of("1", "2", "4"), column("SELECT id FROM late WHERE MATCH (body) AGAINST ('apple') ORDER BY id"));
        sql("DROP INDEX ft_body ON late");
        sql("CREATE FULLTEXT INDEX ft2 ON late (body)");
        assertEquals(List.of("3"), column("SELECT id FROM late WHERE MATCH (body) AGAINST ('pear') ORDER BY id"));
        assertEquals("fulltext", sql("EXPLAIN SELECT id FROM late WHERE MATCH (body) AGAINST ('pear')").getFirst()[4]);
    }

    @Test
    void aPhraseOfStopwordsStillFindsItsRows() {
        sql("INSERT INTO docs VALUES (400, 'to be or not to be', 'that is the question')");
        // no indexed word in the phrase: every row is read and checked, as before the entries
        assertEquals(List.of("400"), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('\"to be\"' IN BOOLEAN MODE)"));
        assertEquals(List.of("400"), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('+question -zebra' IN BOOLEAN MODE)"));
        assertEquals(List.of(), column("SELECT id FROM docs WHERE MATCH (title, body) AGAINST ('-zebra' IN BOOLEAN MODE)"));
    }
}

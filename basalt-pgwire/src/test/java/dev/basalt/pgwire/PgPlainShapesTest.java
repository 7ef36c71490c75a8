package dev.basalt.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.sql.postgres.PgDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The statement shapes that let a simple-protocol statement skip the dialect's translation: the
 * shape takes out exactly the literal values the translation copies unchanged, so two statements of
 * one shape are either both passed through unchanged or both translated.
 */
class PgPlainShapesTest {

    @Test
    void tpcbStatementsShareTheirShape() {
        assertEquals(PgPlainShapes.shape("UPDATE pgbench_accounts SET abalance = abalance + -4021 WHERE aid = 812345;"),
                PgPlainShapes.shape("UPDATE pgbench_accounts SET abalance = abalance + -13 WHERE aid = 7;"));
        assertEquals("INSERT INTO h (tid, bid, aid, delta, mtime) VALUES (0, 0, 0, -0, CURRENT_TIMESTAMP)",
                PgPlainShapes.shape("INSERT INTO h (tid, bid, aid, delta, mtime) VALUES (31, 4, 912345, -1.5e3, CURRENT_TIMESTAMP)"));
        assertEquals("SELECT t1.a2, \"x'y\" FROM t1 WHERE n = '' AND s IN ('', '')",
                PgPlainShapes.shape("SELECT t1.a2, \"x'y\" FROM t1 WHERE n = 'it''s' AND s IN ('a', 'b')"));
    }

    @Test
    void literalsTheTranslationReadsStayInTheShape() {
        assertNotEquals(PgPlainShapes.shape("SELECT now() - interval '1 day'"), PgPlainShapes.shape("SELECT now() - interval '1'"));
        assertNotEquals(PgPlainShapes.shape("SELECT x = '1'::int"), PgPlainShapes.shape("SELECT x = '2'::int"));
        assertNotEquals(PgPlainShapes.shape("SELECT * FROM t WHERE d > timestamp '2024-01-01'"),
                PgPlainShapes.shape("SELECT * FROM t WHERE d > timestamp '2024-01-02'"));
    }

    @Test
    void textTheScannerCouldMisreadHasNoShape() {
        for (String sql : new String[] {"SELECT 1 -- it's", "SELECT /* ' */ 1", "SELECT $$it's$$", "SELECT $a$x$a$",
                "SELECT E'it\\'s'", "SELECT x'0f'", "SELECT 'unterminated", "SELECT `a'b`", "SELECT 1 # it's"}) {
            assertNull(PgPlainShapes.shape(sql), sql);
        }
    }

    /**
     * The property the cache relies on, over every statement of the psql scripts with its literal
     * values varied: whenever a variant has the statement's shape, the translation treats both alike.
     */
    @Test
    void statementsOfOneShapeTranslateAlike() throws IOException {
        List<String> statements = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/psql"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                StringBuilder text = new StringBuilder();
                for (String line : Files.readAllLines(f)) if (!line.startsWith("\\")) text.append(line).append('\n');
                statements.addAll(PgSqlText.split(text.toString()));
            }
        }
        if (statements.size() < 200) fail("too few statements read: " + statements.size());
        int compared = 0;
        for (String sql : statements) {
            String shape = PgPlainShapes.shape(sql);
            if (shape == null) continue;
            boolean plain = plain(sql);
            for (String variant : variants(sql)) {
                if (!shape.equals(PgPlainShapes.shape(variant))) continue;
                compared++;
                assertEquals(plain, plain(variant), () -> "\n" + sql + "\n" + variant);
            }
        }
        if (compared < 500) fail("too few variants compared: " + compared);
    }

    /** What the connection checks before it lets a shape skip the translation (the text-only part). */
    private static boolean plain(String sql) {
        try {
            return PgDialect.unsupported(sql) == null && PgDialect.returning(sql) == null
                    && PgDialect.translate(PgFunctions.rewrite(sql, "postgres", "public")).sql().equals(sql);
        } catch (RuntimeException e) {
            return false; // refused (too deep...): not plain either way
        }
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])\\d+(\\.\\d+)?");
    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    private static final String[] STRING_VALUES = {"''", "'1 day'", "'{1,2}'", "'x::int'", "'it''s'", "'2024-01-01 10:00'",
            "'[0:1]={1,2}'", "'RETURNING'", "'interval'", "'t'"};

    /** The statement with each one of its literals changed in turn (numbers to 7 and 0.25, strings to the values above). */
    private static List<String> variants(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(sql);
        while (m.find()) {
            out.add(sql.substring(0, m.start()) + "7" + sql.substring(m.end()));
            out.add(sql.substring(0, m.start()) + "0.25" + sql.substring(m.end()));
        }
        m = STRING.matcher(sql);
        while (m.find()) {
            for (String v : STRING_VALUES) out.add(sql.substring(0, m.start()) + v + sql.substring(m.end()));
        }
        return out;
    }
}

package dev.basalt.pgwire;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * pg_typeof of a table of expressions (src/test/resources/pg_typeof/expressions.tsv) through
 * pgjdbc: each must name the type PostgreSQL 15 names, or the known difference the file records.
 * With -Dbasalt.pg.reference=JDBC_URL (a real PostgreSQL, e.g. one started as bin/bench pg starts
 * it) the PostgreSQL column is checked against that server too. All mismatches are reported at once.
 */
class PgTypeOfTest {
    private static final Path FILE = Path.of("src/test/resources/pg_typeof/expressions.tsv");

    private record Case(String expression, String postgres, String basalt) {}

    @Test
    void pgTypeOfNamesWhatPostgresNames() throws Exception {
        List<String> setup = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(FILE)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f[0].equals("setup")) setup.add(f[1]);
            else cases.add(new Case(f[0], f[1], f.length > 2 ? f[2] : f[1]));
        }
        StringBuilder mismatches = new StringBuilder();
        try (PgTestServer server = new PgTestServer("pw", "scram-sha-256");
             Connection c = server.connect("pw", "")) {
            answers(c, setup, cases, mismatches, false);
        }
        String reference = System.getProperty("basalt.pg.reference");
        if (reference != null && !reference.isEmpty()) {
            try (Connection c = DriverManager.getConnection(reference)) {
                answers(c, setup, cases, mismatches, true);
            }
        }
        assertEquals("", mismatches.toString());
    }

    /** Runs every case, appending "expression: expected X, got Y" lines for those that differ. */
    private static void answers(Connection c, List<String> setup, List<Case> cases, StringBuilder mismatches,
                                      boolean postgres) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS typeof_row");
            for (String sql : setup) s.execute(sql);
            for (Case k : cases) {
                String got;
                try (ResultSet rs = s.executeQuery("SELECT pg_typeof(" + k.expression() + ") FROM typeof_row")) {
                    rs.next();
                    got = rs.getString(1);
                } catch (SQLException e) {
                    got = "ERROR " + e.getSQLState();
                }
                String expected = postgres ? k.postgres() : k.basalt();
                if (!expected.equals(got)) {
                    mismatches.append(postgres ? "PostgreSQL " : "Basalt ").append(k.expression())
                            .append(": expected ").append(expected).append(", got ").append(got).append('\n');
                }
            }
            s.execute("DROP TABLE typeof_row");
        }
    }
}

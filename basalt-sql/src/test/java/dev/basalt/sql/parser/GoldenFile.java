package dev.basalt.sql.parser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of parser cases:
 * <pre>
 * === case name
 * SQL text (one or more statements)
 * ---
 * expected output: one AST dump per statement, or "error: message" (after the dumps of the
 * statements that parsed)
 * </pre>
 * Lines starting with '#' before the first case are comments.
 */
record GoldenFile(Path path, List<Case> cases) {
    record Case(String name, String sql, String expected) {
    }

    static GoldenFile read(Path path) throws IOException {
        List<Case> cases = new ArrayList<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        boolean inExpected = false;
        for (String line : Files.readAllLines(path)) {
            if (line.startsWith("=== ")) {
                if (name != null) {
                    cases.add(new Case(name, sql.toString().strip(), expected.toString().strip()));
                }
                name = line.substring(4).strip();
                sql.setLength(0);
                expected.setLength(0);
                inExpected = false;
            } else if (name == null) {
                continue;
            } else if (line.equals("---") && !inExpected) {
                inExpected = true;
            } else {
                (inExpected ? expected : sql).append(line).append('\n');
            }
        }
        if (name != null) {
            cases.add(new Case(name, sql.toString().strip(), expected.toString().strip()));
        }
        return new GoldenFile(path, cases);
    }

    void write(List<String> actuals) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            out.append("=== ").append(c.name()).append('\n').append(c.sql()).append("\n---\n")
                    .append(actuals.get(i)).append("\n\n");
        }
        Files.writeString(path, out.toString());
    }
}

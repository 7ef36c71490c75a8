package dev.basalt.sql.parser;

import dev.basalt.sql.ParseException;
import dev.basalt.sql.ast.AstDump;
import dev.basalt.sql.ast.Statement;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs every case of src/test/resources/parser/*.txt: parses the SQL and compares the AST dumps
 * (or the error message) with the expected text. Run with -Dbasalt.regen=true to rewrite the
 * expectations from the current parser (then review the diff before committing).
 */
class ParserGoldenTest {
    @TestFactory
    Stream<DynamicNode> goldenFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/parser").toURI());
        boolean regen = Boolean.getBoolean("basalt.regen");
        List<DynamicNode> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                GoldenFile file = GoldenFile.read(p);
                if (regen) {
                    regenerate(file);
                }
                files.add(DynamicContainer.dynamicContainer(p.getFileName().toString(), file.cases().stream()
                        .map(c -> DynamicTest.dynamicTest(c.name(), () -> assertEquals(c.expected(), run(c.sql()),
                                c.name())))));
            }
        }
        return files.stream();
    }

    /** Writes the actual outputs into the source tree's copy of the file. */
    private static void regenerate(GoldenFile file) throws IOException {
        List<String> actuals = file.cases().stream().map(c -> run(c.sql())).toList();
        Path source = Path.of("src/test/resources/parser").resolve(file.path().getFileName());
        new GoldenFile(source, file.cases()).write(actuals);
    }

    static String run(String sql) {
        StringBuilder out = new StringBuilder();
        MySqlParser parser = new MySqlParser(sql);
        try {
            for (Statement s; (s = parser.next()) != null; ) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(AstDump.dump(s));
            }
            if (parser.isEmpty()) {
                out.append("empty");
            }
        } catch (ParseException e) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("error: ").append(e.getMessage());
        }
        return out.toString();
    }
}

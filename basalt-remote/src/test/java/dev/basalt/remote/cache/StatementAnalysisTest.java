package dev.basalt.remote.cache;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cases in statement-analysis.tsv: SQL text in, the cache's verdict and tables out. */
class StatementAnalysisTest {

    @TestFactory
    List<DynamicTest> cases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (InputStream in = StatementAnalysisTest.class.getResourceAsStream("statement-analysis.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                tests.add(DynamicTest.dynamicTest(f[0], () -> check(f[0], f[1], f.length > 2 ? f[2] : "")));
            }
        }
        return tests;
    }

    private static void check(String sql, String verdict, String tables) {
        StatementAnalysis a = StatementAnalysis.of(sql, "shop");
        assertEquals(verdict, verdict(a), sql + " -> " + a);
        Set<String> named = switch (verdict) {
            case "write", "temporary" -> a.writes();
            case "write-all", "use:other", "settings", "basalt-status" -> Set.of();
            default -> a.reads();
        };
        assertEquals(tables, String.join(",", new TreeSet<>(named.stream().map(t -> t.replace('\0', '.')).toList())), sql + " -> " + a);
    }

    private static String verdict(StatementAnalysis a) {
        if (a.basaltStatus()) return "basalt-status";
        if (a.useDatabase() != null) return "use:" + a.useDatabase();
        if (a.writesAll()) return "write-all";
        if (a.sessionChange()) return "settings";
        if (a.temporary()) return "temporary";
        if (!a.writes().isEmpty()) return "write";
        return a.cacheable() ? "cacheable" : "read";
    }
}

package dev.basalt.engine.json;

import dev.basalt.engine.api.SqlException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON document model against data files: documents.cases (parser errors and positions,
 * canonical printing) and paths.cases (path syntax, errors and selection), plus the printer's
 * pretty form and the comparison order.
 */
class JsonCasesTest {

    private static List<String> lines(String file) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                JsonCasesTest.class.getResourceAsStream(file), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) continue;
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void documents() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String line : lines("documents.cases")) {
            int arrow = line.lastIndexOf(" => ");
            String input = line.substring(0, arrow).strip();
            String expected = line.substring(arrow + 4).strip();
            String got;
            try {
                got = Json.print(JsonParser.parse(input));
            } catch (JsonSyntaxException e) {
                got = "ERROR \"" + e.reason() + "\" @ " + e.position();
            }
            if (!got.equals(expected)) failures.add(input + " => " + got + "   (expected " + expected + ")");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void paths() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String line : lines("paths.cases")) {
            int bar = line.indexOf(" | "), arrow = line.lastIndexOf(" => ");
            String doc = line.substring(0, bar).strip();
            String path = line.substring(bar + 3, arrow).stripTrailing();
            String expected = line.substring(arrow + 4).strip();
            String got;
            try {
                JsonPath p = JsonPath.parse(path);
                Object d = Json.parse(doc);
                if (p.canMatchMany()) {
                    got = Json.print(p.select(d));
                } else {
                    Object v = p.first(d);
                    got = v == null ? "NONE" : Json.print(v);
                }
            } catch (SqlException e) {
                String m = e.getMessage();
                got = "ERROR " + e.errorCode() + " @ " + m.replaceAll(".*position (\\d+)\\..*", "$1");
            }
            if (!got.equals(expected)) failures.add(doc + " | " + path + " => " + got + "   (expected " + expected + ")");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void prettyPrinting() {
        assertEquals("[\n  1,\n  3,\n  5\n]", JsonWriter.pretty(Json.parse("[1,3,5]")));
        assertEquals("{\n  \"a\": [],\n  \"b\": {\n    \"c\": null\n  }\n}", JsonWriter.pretty(Json.parse("{\"b\":{\"c\":null},\"a\":[]}")));
        assertEquals("\"x\"", JsonWriter.pretty("x"));
    }

    @Test
    void comparisonOrdersByTypeThenValue() {
        String[] ascending = {"null", "-1", "1.5", "2", "\"a\"", "\"b\"", "{}", "{\"a\": 1}", "[]", "[1]", "[1, 2]", "false", "true"};
        for (int i = 0; i + 1 < ascending.length; i++) {
            Object a = Json.parse(ascending[i]), b = Json.parse(ascending[i + 1]);
            assertTrue(JsonCompare.compare(a, b) < 0, ascending[i] + " < " + ascending[i + 1]);
            assertTrue(JsonCompare.compare(b, a) > 0, ascending[i + 1] + " > " + ascending[i]);
        }
        assertEquals(0, JsonCompare.compare(Json.parse("1"), Json.parse("1.0")));
        assertEquals(0, JsonCompare.compare(Json.parse("{\"a\": [1]}"), Json.parse("{\"a\":[1.0]}")));
    }
}

package dev.basalt.engine.types;

import dev.basalt.engine.api.SqlException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's text form of a one-dimensional array, both ways: {@code {1,2,NULL}},
 * {@code {"a b","say \"hi\"",c}}. An element is quoted when it is empty, spells NULL, or holds a
 * brace, comma, quote, backslash or white space. Multi-dimensional literals and explicit bounds
 * ({@code [0:1]={...}}) are refused with 1235 (0A000 on the PostgreSQL port).
 */
public final class ArrayText {
    private ArrayText() {}

    public static String format(ArrayValue a) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < a.size(); i++) {
            if (i > 0) sb.append(',');
            Object v = a.items().get(i);
            if (v == null) {
                sb.append("NULL");
                continue;
            }
            String s = a.element().text(v);
            if (needsQuotes(s)) {
                sb.append('"');
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    if (c == '"' || c == '\\') sb.append('\\');
                    sb.append(c);
                }
                sb.append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.append('}').toString();
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("NULL")) return true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) return true;
        }
        return false;
    }

    /** Parses {@code {...}} into an array of {@code element}; 1366 (22P02) when it is not an array literal. */
    public static ArrayValue parse(String text, ArrayElement element) {
        String s = text.strip();
        if (s.startsWith("[")) throw notSupported("array bounds");
        if (!s.startsWith("{")) throw malformed(text, "Array value must start with \"{\" or dimension information.");
        if (!s.endsWith("}")) throw malformed(text, "Unexpected end of input.");
        List<String> items = new ArrayList<>();
        int i = 1, end = s.length() - 1;
        i = skipSpace(s, i, end);
        if (i == end) return new ArrayValue(element, List.of());
        while (true) {
            i = skipSpace(s, i, end);
            if (i >= end) throw malformed(text, "Unexpected end of input.");
            char c = s.charAt(i);
            if (c == '{') throw notSupported("multidimensional arrays");
            StringBuilder item = new StringBuilder();
            boolean quoted = false;
            if (c == '"') {
                quoted = true;
                i++;
                while (i < end && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < end) i++;
                    item.append(s.charAt(i++));
                }
                if (i >= end) throw malformed(text, "Unexpected end of input.");
                i++;
            } else {
                while (i < end && s.charAt(i) != ',' && s.charAt(i) != '}') {
                    char ch = s.charAt(i);
                    if (ch == '"' || ch == '{') throw malformed(text, "Unexpected \"" + ch + "\" character.");
                    if (ch == '\\' && i + 1 < end) ch = s.charAt(++i);
                    item.append(ch);
                    i++;
                }
            }
            String value = quoted ? item.toString() : item.toString().strip();
            if (!quoted && value.isEmpty()) throw malformed(text, "Unexpected \",\" character.");
            items.add(!quoted && value.toUpperCase(Locale.ROOT).equals("NULL") ? null : value);
            i = skipSpace(s, i, end);
            if (i == end) break;
            if (s.charAt(i) != ',') throw malformed(text, "Unexpected \"" + s.charAt(i) + "\" character.");
            i++;
        }
        return new ArrayValue(element, items);
    }

    private static int skipSpace(String s, int i, int end) {
        while (i < end && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static SqlException malformed(String text, String detail) {
        return new SqlException(1366, "HY000", "malformed array literal: \"" + text + "\" (" + detail + ")");
    }

    static SqlException notSupported(String what) {
        return new SqlException(1235, "42000", "This version of Basalt doesn't yet support '" + what + "'");
    }

    /** Any engine value as an array of {@code element}: an array converted, a string parsed. */
    public static ArrayValue of(Object v, ArrayElement element) {
        if (v instanceof ArrayValue a) return a.as(element);
        if (v instanceof String s) return parse(s, element);
        if (v instanceof byte[] b) return parse(new String(b, java.nio.charset.StandardCharsets.UTF_8), element);
        throw new SqlException(1366, "HY000", "malformed array literal: \"" + ValueText.toText(v, null) + "\"");
    }
}

package dev.basalt.engine.types;

import dev.basalt.engine.api.SqlException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's text form of an array, both ways: {@code {1,2,NULL}},
 * {@code {"a b","say \"hi\"",c}}, nested braces for more dimensions ({@code {{1,2},{3,4}}}). An
 * element is quoted when it is empty, spells NULL, or holds a brace, comma, quote, backslash or
 * white space. Explicit bounds come first ({@code [0:1]={a,b}}, {@code [-1:0][2:4]={{...},{...}}}),
 * written only when some lower bound is not 1, as PostgreSQL does.
 */
public final class ArrayText {
    private ArrayText() {}

    public static String format(ArrayValue a) {
        StringBuilder sb = new StringBuilder();
        int[] dims = a.dims();
        if (dims.length == 0) return "{}";
        if (a.hasExplicitBounds()) {
            int[] lower = a.lower();
            for (int d = 0; d < dims.length; d++) sb.append('[').append(lower[d]).append(':').append(lower[d] + dims[d] - 1).append(']');
            sb.append('=');
        }
        formatLevel(a, dims, 0, 0, sb);
        return sb.toString();
    }

    /** The sub-array of dimension {@code level} starting at element {@code from}; returns the next element. */
    private static int formatLevel(ArrayValue a, int[] dims, int level, int from, StringBuilder sb) {
        sb.append('{');
        int at = from;
        for (int i = 0; i < dims[level]; i++) {
            if (i > 0) sb.append(',');
            if (level + 1 < dims.length) {
                at = formatLevel(a, dims, level + 1, at, sb);
                continue;
            }
            Object v = a.items().get(at++);
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
        sb.append('}');
        return at;
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("NULL")) return true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) return true;
        }
        return false;
    }

    /**
     * Parses {@code {...}} (nested for more dimensions: {@code {{1,2},{3,4}}}) into an array of
     * {@code element}; 1366 (22P02) when it is not an array literal or its sub-arrays differ in shape.
     */
    public static ArrayValue parse(String text, ArrayElement element) {
        String s = text.strip();
        int[] pos = {0};
        List<long[]> bounds = s.startsWith("[") ? bounds(s, pos, text) : null;
        if (pos[0] >= s.length() || s.charAt(pos[0]) != '{') {
            throw malformed(text, "Array value must start with \"{\" or dimension information.");
        }
        List<Object> top = level(s, pos, text);
        if (skipSpace(s, pos[0], s.length()) != s.length()) throw malformed(text, "Junk after closing right brace.");
        List<Integer> dims = new ArrayList<>();
        List<Object> flat = new ArrayList<>();
        shape(top, 0, dims, flat, text);
        int[] d = flat.isEmpty() ? new int[0] : dims.stream().mapToInt(Integer::intValue).toArray();
        if (bounds == null) return new ArrayValue(element, flat, d);
        if (bounds.size() != d.length) throw malformed(text, "Specified array dimensions do not match array contents.");
        int[] lower = new int[d.length];
        for (int k = 0; k < d.length; k++) {
            if (bounds.get(k)[1] - bounds.get(k)[0] + 1 != d[k]) {
                throw malformed(text, "Specified array dimensions do not match array contents.");
            }
            lower[k] = (int) bounds.get(k)[0];
        }
        return new ArrayValue(element, flat, d, lower);
    }

    /**
     * The dimension information before the "=" ({@code [lo:hi]} or {@code [hi]}, lo 1, per
     * dimension), from pos[0]; leaves pos[0] at the "{" after the "=".
     */
    private static List<long[]> bounds(String s, int[] pos, String text) {
        List<long[]> out = new ArrayList<>();
        int i = 0, n = s.length();
        while (i < n && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0) throw malformed(text, "Missing \"]\" after array dimensions.");
            String inside = s.substring(i + 1, close);
            int colon = inside.indexOf(':');
            long lo, hi;
            try {
                lo = colon < 0 ? 1 : Long.parseLong(inside.substring(0, colon).strip());
                hi = Long.parseLong((colon < 0 ? inside : inside.substring(colon + 1)).strip());
            } catch (NumberFormatException e) {
                throw malformed(text, colon < 0 ? "Missing array dimension value." : "Missing \"]\" after array dimensions.");
            }
            if (hi < lo) throw new SqlException(1366, "HY000", "upper bound cannot be less than lower bound");
            if (lo < Integer.MIN_VALUE || hi > Integer.MAX_VALUE || out.size() >= 6) {
                throw new SqlException(1366, "HY000", "array size exceeds the maximum allowed");
            }
            out.add(new long[] {lo, hi});
            i = skipSpace(s, close + 1, n);
        }
        if (i >= n || s.charAt(i) != '=') throw malformed(text, "Missing \"=\" after array dimensions.");
        pos[0] = skipSpace(s, i + 1, n);
        return out;
    }

    /** One brace level from the "{" at pos[0]: its items, a nested level as a List, an element as its text or null. */
    private static List<Object> level(String s, int[] pos, String text) {
        int end = s.length();
        int i = pos[0] + 1;
        List<Object> items = new ArrayList<>();
        i = skipSpace(s, i, end);
        if (i < end && s.charAt(i) == '}') {
            pos[0] = i + 1;
            return items;
        }
        while (true) {
            i = skipSpace(s, i, end);
            if (i >= end) throw malformed(text, "Unexpected end of input.");
            char c = s.charAt(i);
            if (c == '{') {
                int[] inner = {i};
                items.add(level(s, inner, text));
                i = inner[0];
            } else {
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
            }
            i = skipSpace(s, i, end);
            if (i >= end) throw malformed(text, "Unexpected end of input.");
            if (s.charAt(i) == '}') {
                pos[0] = i + 1;
                return items;
            }
            if (s.charAt(i) != ',') throw malformed(text, "Unexpected \"" + s.charAt(i) + "\" character.");
            i++;
        }
    }

    /**
     * Flattens the levels into {@code flat}, their shape taken from the first item at each depth;
     * every level of a depth must have that length, with sub-arrays above the last depth and
     * elements at it.
     */
    private static void shape(List<Object> level, int depth, List<Integer> dims, List<Object> flat, String text) {
        if (depth == 0) {
            List<Object> first = level;
            while (true) {
                dims.add(first.size());
                if (first.isEmpty() || !(first.getFirst() instanceof List<?> sub)) break;
                @SuppressWarnings("unchecked") List<Object> next = (List<Object>) sub;
                first = next;
            }
        }
        if (level.size() != dims.get(depth)) throw matching(text);
        boolean last = depth == dims.size() - 1;
        for (Object item : level) {
            if ((item instanceof List) == last) throw matching(text);
            if (last) {
                flat.add(item);
            } else {
                @SuppressWarnings("unchecked") List<Object> sub = (List<Object>) item;
                shape(sub, depth + 1, dims, flat, text);
            }
        }
    }

    private static SqlException matching(String text) {
        return malformed(text, "Multidimensional arrays must have sub-arrays with matching dimensions.");
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

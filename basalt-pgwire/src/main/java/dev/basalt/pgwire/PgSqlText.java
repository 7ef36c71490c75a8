package dev.basalt.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The little lexical work the protocol does on PostgreSQL SQL text before the engine sees it:
 * splitting a simple query into statements, turning {@code $n} placeholders into {@code ?}
 * (recording which parameter each one takes), and dollar-quoted strings into ordinary literals.
 * Quotes, quoted identifiers and comments are skipped, never rewritten.
 */
final class PgSqlText {
    private PgSqlText() {}

    /** One statement ready for the engine: its text and, per {@code ?}, the 0-based $n index it stands for. */
    record Rewritten(String sql, int[] parameterOrder, int parameterCount) {}

    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        int start = 0, i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ';') {
                add(out, sql.substring(start, i));
                start = ++i;
                continue;
            }
            i = skip(sql, i);
        }
        add(out, sql.substring(start));
        return out;
    }

    private static void add(List<String> out, String s) {
        if (!isBlank(s)) out.add(s.strip());
    }

    /** True when the text holds nothing but whitespace and comments. */
    static boolean isBlank(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int next = skip(s, i);
            if ((c == '-' || c == '/') && next > i + 1) { i = next; continue; }
            return false;
        }
        return true;
    }

    /** The index after the token starting at i: a whole quoted string, identifier or comment, else one char. */
    private static int skip(String s, int i) {
        int n = s.length();
        char c = s.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int j = i + 1;
            boolean backslash = c == '\'' && i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e');
            while (j < n) {
                char d = s.charAt(j);
                if (backslash && d == '\\') { j += 2; continue; }
                if (d == c) {
                    if (j + 1 < n && s.charAt(j + 1) == c) { j += 2; continue; }
                    return j + 1;
                }
                j++;
            }
            return n;
        }
        if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
            int j = s.indexOf('\n', i);
            return j < 0 ? n : j + 1;
        }
        if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
            int j = s.indexOf("*/", i + 2);
            return j < 0 ? n : j + 2;
        }
        if (c == '$') {
            String tag = dollarTag(s, i);
            if (tag != null) {
                int j = s.indexOf(tag, i + tag.length());
                return j < 0 ? n : j + tag.length();
            }
        }
        return i + 1;
    }

    /** "$tag$" or "$$" starting at i, or null. */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
        if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
            return s.substring(i, j + 1);
        }
        return null;
    }

    /** Replaces $n with ? and $$...$$ with a quoted literal. */
    static Rewritten rewrite(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<Integer> order = new ArrayList<>();
        int max = 0, i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                int j = i + 1;
                while (j < n && Character.isDigit(sql.charAt(j))) j++;
                int index;
                try {
                    index = Integer.parseInt(sql, i + 1, j, 10);
                } catch (NumberFormatException e) {
                    index = Integer.MAX_VALUE;
                }
                if (index >= 1 && index <= 65535) {
                    order.add(index - 1);
                    max = Math.max(max, index);
                    out.append('?');
                    i = j;
                    continue;
                }
            }
            if (c == '$') {
                String tag = dollarTag(sql, i);
                if (tag != null) {
                    int end = sql.indexOf(tag, i + tag.length());
                    if (end >= 0) {
                        String body = sql.substring(i + tag.length(), end);
                        out.append('\'').append(body.replace("'", "''")).append('\'');
                        i = end + tag.length();
                        continue;
                    }
                }
            }
            int next = skip(sql, i);
            out.append(sql, i, next);
            i = next;
        }
        return new Rewritten(out.toString(), order.stream().mapToInt(Integer::intValue).toArray(), max);
    }

    /** The first {@code count} words, upper-cased, comments skipped: "BEGIN", "SET", "START TRANSACTION". */
    static List<String> words(String sql, int count) {
        List<String> words = new ArrayList<>();
        int i = 0, n = sql.length();
        while (i < n && words.size() < count) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
                words.add(sql.substring(i, j).toUpperCase(Locale.ROOT));
                i = j;
                continue;
            }
            int next = skip(sql, i);
            if (next > i + 1 && (c == '-' || c == '/')) { i = next; continue; }
            break;
        }
        return words;
    }

    static String firstWord(String sql) {
        List<String> w = words(sql, 1);
        return w.isEmpty() ? "" : w.getFirst();
    }
}

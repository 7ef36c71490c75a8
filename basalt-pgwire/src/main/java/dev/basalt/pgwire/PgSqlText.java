package dev.basalt.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The little lexical work the protocol does on PostgreSQL SQL text: splitting a simple query
 * into statements and reading its first words. Quotes, quoted identifiers, dollar quotes and
 * comments are skipped. Translation to the engine's dialect is basalt-sql's PgDialect.
 */
final class PgSqlText {
    private PgSqlText() {}

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

    /**
     * The words a statement most often starts with: {@link #firstWord} returns these constants
     * without copying or upper-casing the text (it runs several times per statement).
     */
    private static final String[] COMMON_FIRST_WORDS = {"SELECT", "INSERT", "UPDATE", "DELETE", "BEGIN", "END", "COMMIT",
            "ROLLBACK", "START", "SET", "SHOW", "WITH", "VALUES", "COPY"};

    static String firstWord(String sql) {
        int i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
                for (String w : COMMON_FIRST_WORDS) {
                    if (w.length() == j - i && sql.regionMatches(true, i, w, 0, w.length())) return w;
                }
                return sql.substring(i, j).toUpperCase(Locale.ROOT);
            }
            int next = skip(sql, i);
            if (next > i + 1 && (c == '-' || c == '/')) { i = next; continue; }
            break;
        }
        return "";
    }
}

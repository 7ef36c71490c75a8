package dev.basalt.sql.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL SQL into {@link PgToken}s. String forms are normalised on the way: E'...'
 * (backslash escapes) and $tag$...$tag$ become standard '...' literals, which mean the same
 * under standard_conforming_strings (the session runs with NO_BACKSLASH_ESCAPES).
 */
final class PgLexer {
    private final String s;
    private int i;

    private PgLexer(String s) { this.s = s; }

    static List<PgToken> tokens(String sql) {
        return new PgLexer(sql).all();
    }

    private List<PgToken> all() {
        List<PgToken> out = new ArrayList<>();
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(s.charAt(i))) i++;
                out.add(new PgToken(PgToken.Kind.SPACE, s.substring(start, i)));
            } else if (c == '-' && peek(1) == '-') {
                int j = s.indexOf('\n', i);
                i = j < 0 ? n : j + 1;
                out.add(new PgToken(PgToken.Kind.COMMENT, s.substring(start, i)));
            } else if (c == '/' && peek(1) == '*') {
                int j = s.indexOf("*/", i + 2);
                i = j < 0 ? n : j + 2;
                out.add(new PgToken(PgToken.Kind.COMMENT, s.substring(start, i)));
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                i++;
                out.add(new PgToken(PgToken.Kind.STRING, literal(escapedString())));
            } else if (c == '\'') {
                int j = quoted('\'');
                out.add(new PgToken(PgToken.Kind.STRING, s.substring(start, j)));
                i = j;
            } else if (c == '"' || c == '`') {
                int j = quoted(c);
                out.add(new PgToken(PgToken.Kind.QUOTED_IDENT, s.substring(start, j)));
                i = j;
            } else if (c == '$' && Character.isDigit(peek(1))) {
                i++;
                while (i < n && Character.isDigit(s.charAt(i))) i++;
                out.add(new PgToken(PgToken.Kind.PARAM, s.substring(start, i)));
            } else if (c == '$' && dollarTag() != null) {
                String tag = dollarTag();
                int end = s.indexOf(tag, i + tag.length());
                if (end < 0) {
                    out.add(new PgToken(PgToken.Kind.PUNCT, "$"));
                    i++;
                } else {
                    out.add(new PgToken(PgToken.Kind.STRING, literal(s.substring(i + tag.length(), end))));
                    i = end + tag.length();
                }
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) i++;
                out.add(new PgToken(PgToken.Kind.WORD, s.substring(start, i)));
            } else if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    char d = s.charAt(i);
                    i++;
                    if ((d == 'e' || d == 'E') && i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
                }
                out.add(new PgToken(PgToken.Kind.NUMBER, s.substring(start, i)));
            } else if (c == ':' && peek(1) == ':') {
                i += 2;
                out.add(new PgToken(PgToken.Kind.CAST, "::"));
            } else if (c == '(') {
                i++;
                out.add(new PgToken(PgToken.Kind.OPEN, "("));
            } else if (c == ')') {
                i++;
                out.add(new PgToken(PgToken.Kind.CLOSE, ")"));
            } else {
                i++;
                out.add(new PgToken(PgToken.Kind.PUNCT, String.valueOf(c)));
            }
        }
        return out;
    }

    private char peek(int ahead) {
        return i + ahead < s.length() ? s.charAt(i + ahead) : '\0';
    }

    /** End index (exclusive) of a quoted token starting at i, doubled quotes inside. */
    private int quoted(char q) {
        int j = i + 1, n = s.length();
        while (j < n) {
            if (s.charAt(j) == q) {
                if (j + 1 < n && s.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return n;
    }

    private String dollarTag() {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
        if (j < s.length() && s.charAt(j) == '$') return s.substring(i, j + 1);
        return null;
    }

    /** The value of E'...' starting at the quote (i), with PostgreSQL's backslash escapes. */
    private String escapedString() {
        StringBuilder v = new StringBuilder();
        int n = s.length();
        i++; // opening quote
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'') {
                if (peek(1) == '\'') {
                    v.append('\'');
                    i += 2;
                    continue;
                }
                i++;
                return v.toString();
            }
            if (c == '\\' && i + 1 < n) {
                char e = s.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'n' -> v.append('\n');
                    case 't' -> v.append('\t');
                    case 'r' -> v.append('\r');
                    case 'b' -> v.append('\b');
                    case 'f' -> v.append('\f');
                    case 'x' -> v.append((char) digits(16, 2));
                    case 'u' -> v.appendCodePoint(digits(16, 4));
                    case 'U' -> v.appendCodePoint(digits(16, 8));
                    default -> {
                        if (e >= '0' && e <= '7') {
                            i--;
                            v.append((char) digits(8, 3));
                        } else {
                            v.append(e);
                        }
                    }
                }
                continue;
            }
            v.append(c);
            i++;
        }
        return v.toString();
    }

    private int digits(int radix, int max) {
        int value = 0, count = 0;
        while (count < max && i < s.length() && Character.digit(s.charAt(i), radix) >= 0) {
            value = value * radix + Character.digit(s.charAt(i), radix);
            i++;
            count++;
        }
        return value;
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}

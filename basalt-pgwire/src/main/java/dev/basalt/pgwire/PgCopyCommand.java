package dev.basalt.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A COPY statement as PostgreSQL writes it, both the current form ({@code WITH (FORMAT csv,
 * HEADER, DELIMITER ',')}) and the old one ({@code WITH DELIMITER AS ',' NULL AS '' CSV HEADER},
 * which psycopg2's copy_from sends). Only STDIN and STDOUT: a server-side file is refused.
 *
 * @param table   the table as written (may be qualified or quoted), null for COPY (query) TO
 * @param columns the column list as written, or null
 * @param query   the query of COPY (query) TO STDOUT, or null
 */
record PgCopyCommand(String table, String columns, String query, boolean in, boolean csv, char delimiter, String nullString,
                     boolean header, char quote, char escape) {

    private static final Pattern HEAD = Pattern.compile(
            "(?is)\\s*COPY\\s+(?:(\\((?:[^()']++|'(?:[^']++|'')*+'|\\((?:[^()']++|'(?:[^']++|'')*+')*+\\))*+\\))|((?:\"[^\"]*\"|[\\w$]+)(?:\\s*\\.\\s*(?:\"[^\"]*\"|[\\w$]+))?)"
                    + "\\s*(\\([^)]*\\))?)\\s+(FROM|TO)\\s+(\\S+)(.*?)\\s*;?\\s*");
    private static final Pattern TOKEN = Pattern.compile("[Ee]?'(?:[^']++|'')*+'|[\\w.]+|,|\\S");

    static boolean isCopy(String sql) {
        return PgSqlText.firstWord(sql).equals("COPY");
    }

    static PgCopyCommand parse(String sql) {
        Matcher m = HEAD.matcher(sql);
        if (!m.matches()) throw new PgException("42601", "syntax error in COPY statement");
        boolean in = m.group(4).equalsIgnoreCase("FROM");
        String where = m.group(5);
        if (!where.equalsIgnoreCase(in ? "STDIN" : "STDOUT")) {
            throw new PgException("0A000", "COPY " + (in ? "FROM" : "TO") + " a server file or program is not supported:"
                    + " use " + (in ? "STDIN" : "STDOUT") + " (psql's \\copy)");
        }
        String query = m.group(1) == null ? null : m.group(1).substring(1, m.group(1).length() - 1);
        if (query != null && in) throw new PgException("42601", "COPY (query) FROM is not possible");
        boolean csv = false, header = false;
        Character delimiter = null, quote = null, escape = null;
        String nullString = null;
        String rest = m.group(6).trim();
        if (rest.regionMatches(true, 0, "WITH", 0, 4)) rest = rest.substring(4).trim();
        if (rest.startsWith("(") && rest.endsWith(")")) rest = rest.substring(1, rest.length() - 1);
        List<String> tokens = tokens(rest);
        for (int i = 0; i < tokens.size(); i++) {
            String name = tokens.get(i).toUpperCase(Locale.ROOT);
            if (name.equals(",")) continue;
            // the value of an option: after an optional AS; booleans are optional
            String value = null;
            boolean takesValue = switch (name) {
                case "FORMAT", "DELIMITER", "NULL", "QUOTE", "ESCAPE", "ENCODING" -> true;
                default -> false;
            };
            if (takesValue) {
                if (i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("AS")) i++;
                if (i + 1 >= tokens.size()) throw new PgException("42601", "COPY " + name.toLowerCase(Locale.ROOT) + " needs a value");
                value = unquote(tokens.get(++i));
            } else if (i + 1 < tokens.size() && tokens.get(i + 1).matches("(?i)true|false|on|off|0|1")) {
                value = tokens.get(++i);
            }
            switch (name) {
                case "FORMAT" -> {
                    String f = value.toLowerCase(Locale.ROOT);
                    if (f.equals("binary")) throw new PgException("0A000", "COPY in binary format is not supported: use text or csv");
                    if (!f.equals("text") && !f.equals("csv")) throw new PgException("22023", "COPY format \"" + f + "\" not recognized");
                    csv = f.equals("csv");
                }
                case "CSV" -> csv = true;
                case "BINARY" -> throw new PgException("0A000", "COPY in binary format is not supported: use text or csv");
                case "HEADER" -> header = value == null || value.matches("(?i)true|on|1");
                case "DELIMITER" -> delimiter = single(name, value);
                case "QUOTE" -> quote = single(name, value);
                case "ESCAPE" -> escape = single(name, value);
                case "NULL" -> nullString = value;
                case "FREEZE", "ENCODING" -> {
                    // FREEZE is a storage hint; the encoding is always UTF-8
                }
                default -> throw new PgException("0A000", "COPY option \"" + tokens.get(i) + "\" is not supported");
            }
        }
        char d = delimiter != null ? delimiter : csv ? ',' : '\t';
        char q = quote != null ? quote : '"';
        return new PgCopyCommand(m.group(2), m.group(3), query, in, csv, d, nullString != null ? nullString : csv ? "" : "\\N",
                header, q, escape != null ? escape : q);
    }

    /** Option words, quoted strings and commas. */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    private static char single(String option, String value) {
        if (value == null) throw new PgException("42601", "COPY " + option.toLowerCase(Locale.ROOT) + " needs a value");
        String v = value.equals("\\t") ? "\t" : value;
        if (v.length() != 1) throw new PgException("22023", "COPY " + option.toLowerCase(Locale.ROOT) + " must be a single one-byte character");
        return v.charAt(0);
    }

    private static String unquote(String v) {
        if ((v.startsWith("E'") || v.startsWith("e'")) && v.endsWith("'")) {
            // E'\t' (psycopg2's copy_from): the escapes a delimiter or NULL string needs
            return v.substring(2, v.length() - 1).replace("''", "'").replace("\\t", "\t").replace("\\n", "\n")
                    .replace("\\r", "\r").replace("\\\\", "\\");
        }
        if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) return v.substring(1, v.length() - 1).replace("''", "'");
        return v;
    }

    // ---- the data formats ----

    /** One line of text format (without its newline) as fields; null for a NULL field. */
    List<String> textFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                out.add(raw.toString().equals(nullString) ? null : field.toString());
                field.setLength(0);
                raw.setLength(0);
                continue;
            }
            char c = line.charAt(i);
            raw.append(c);
            if (c != '\\' || i + 1 >= line.length()) {
                field.append(c);
                continue;
            }
            char n = line.charAt(++i);
            raw.append(n);
            switch (n) {
                case 'b' -> field.append('\b');
                case 'f' -> field.append('\f');
                case 'n' -> field.append('\n');
                case 'r' -> field.append('\r');
                case 't' -> field.append('\t');
                case 'v' -> field.append('\u000b');
                case 'x' -> {
                    int end = i + 1;
                    while (end < line.length() && end < i + 3 && Character.digit(line.charAt(end), 16) >= 0) end++;
                    if (end == i + 1) field.append('x');
                    else field.append((char) Integer.parseInt(line.substring(i + 1, end), 16));
                    raw.append(line, i + 1, end);
                    i = end - 1;
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int end = i;
                        while (end < line.length() && end < i + 3 && line.charAt(end) >= '0' && line.charAt(end) <= '7') end++;
                        field.append((char) Integer.parseInt(line.substring(i, end), 8));
                        raw.append(line, i + 1, end);
                        i = end - 1;
                    } else {
                        field.append(n); // \\, \delimiter and any other character stand for themselves
                    }
                }
            }
        }
        return out;
    }

    /** One CSV record (quoted newlines included) as fields; an unquoted field equal to the NULL string is null. */
    List<String> csvFields(String record) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i <= record.length(); i++) {
            if (i == record.length() || !quoted && record.charAt(i) == delimiter) {
                String f = field.toString();
                out.add(!wasQuoted && f.equals(nullString) ? null : f);
                field.setLength(0);
                wasQuoted = false;
                continue;
            }
            char c = record.charAt(i);
            if (quoted) {
                // inside quotes, the escape character before a quote (or before itself) stands for that character
                if (c == escape && i + 1 < record.length() && (record.charAt(i + 1) == quote || record.charAt(i + 1) == escape)) {
                    field.append(record.charAt(++i));
                    continue;
                }
                if (c == quote) quoted = false;
                else field.append(c);
            } else if (c == quote) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        return out;
    }

    /** Where the next record ends in the text from {@code from} (its newline), or -1 when it is not complete yet. */
    int recordEnd(CharSequence text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (csv && c == quote) quoted = !quoted;
            else if (c == '\n' && !quoted) return i;
        }
        return -1;
    }

    /** A row in this format, with its newline. */
    String row(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(delimiter);
            String v = values.get(i);
            if (v == null) {
                sb.append(nullString);
            } else if (csv) {
                boolean needsQuotes = v.isEmpty() && nullString.isEmpty() || v.equals(nullString) || v.indexOf(delimiter) >= 0
                        || v.indexOf(quote) >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
                if (!needsQuotes) {
                    sb.append(v);
                } else {
                    sb.append(quote);
                    for (int k = 0; k < v.length(); k++) {
                        char c = v.charAt(k);
                        if (c == quote || c == escape) sb.append(escape);
                        sb.append(c);
                    }
                    sb.append(quote);
                }
            } else {
                for (int k = 0; k < v.length(); k++) {
                    char c = v.charAt(k);
                    switch (c) {
                        case '\\' -> sb.append("\\\\");
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        case '\t' -> sb.append("\\t");
                        default -> {
                            if (c == delimiter) sb.append('\\');
                            sb.append(c);
                        }
                    }
                }
            }
        }
        return sb.append('\n').toString();
    }
}

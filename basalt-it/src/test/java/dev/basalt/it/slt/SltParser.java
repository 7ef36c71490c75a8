package dev.basalt.it.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses sqllogictest files. Records are separated by blank lines; {@code skipif X} / {@code onlyif X}
 * lines before a record are resolved here against {@link #ENGINE} so the executor never sees foreign
 * records. Extension: {@code statement error <errno>} names the expected MySQL error number.
 */
public final class SltParser {
    /** The engine name sqllogictest guards use for us (we speak MySQL). */
    public static final String ENGINE = "mysql";

    private final List<String> lines;
    private final String engine;
    private int pos;

    private SltParser(List<String> lines, String engine) {
        this.lines = lines;
        this.engine = engine;
    }

    public static List<SltRecord> parse(Path file) throws IOException {
        return parse(file, ENGINE);
    }

    /**
     * {@code engine} decides skipif/onlyif: "mysql" for Basalt and the corpus; our own files use
     * "mariadb" when verified against the MariaDB fixture, so {@code onlyif mysql} marks MySQL-8-only results.
     */
    public static List<SltRecord> parse(Path file, String engine) throws IOException {
        return new SltParser(Files.readAllLines(file, StandardCharsets.UTF_8), engine).parseAll();
    }

    public static List<SltRecord> parse(List<String> lines) {
        return new SltParser(lines, ENGINE).parseAll();
    }

    private List<SltRecord> parseAll() {
        List<SltRecord> out = new ArrayList<>();
        while (skipBlankAndComments()) {
            boolean skip = false;
            String line = lines.get(pos);
            // conditions stack up before the record they guard
            while (line.startsWith("skipif ") || line.startsWith("onlyif ") || line.startsWith("#")) {
                if (!line.startsWith("#")) {
                    String named = firstWord(line.substring(7).trim());
                    if (line.startsWith("skipif ") ? named.equals(engine) : !named.equals(engine)) skip = true;
                }
                pos++;
                if (pos >= lines.size()) return out;
                line = lines.get(pos);
            }
            int lineNo = pos + 1;
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "statement" -> {
                    pos++;
                    String sql = readSql(false);
                    if (skip) out.add(new SltRecord.Skipped(lineNo, line));
                    else out.add(statement(lineNo, words, sql));
                }
                case "query" -> {
                    pos++;
                    String sql = readSql(true);
                    List<String> results = readResults();
                    if (skip) out.add(new SltRecord.Skipped(lineNo, line));
                    else out.add(query(lineNo, words, sql, results));
                }
                case "hash-threshold" -> {
                    pos++;
                    if (!skip) out.add(new SltRecord.HashThreshold(lineNo, Integer.parseInt(words[1])));
                }
                case "halt" -> {
                    pos++;
                    if (!skip) out.add(new SltRecord.Halt(lineNo));
                }
                default -> throw new IllegalArgumentException("line " + lineNo + ": unrecognized record: " + line);
            }
        }
        return out;
    }

    private static SltRecord statement(int lineNo, String[] words, String sql) {
        if (words.length < 2) throw new IllegalArgumentException("line " + lineNo + ": statement without ok/error");
        return switch (words[1]) {
            case "ok" -> new SltRecord.Statement(lineNo, sql, false, 0);
            case "error" -> new SltRecord.Statement(lineNo, sql, true,
                    words.length > 2 && words[2].chars().allMatch(Character::isDigit) ? Integer.parseInt(words[2]) : 0);
            default -> throw new IllegalArgumentException("line " + lineNo + ": statement " + words[1]);
        };
    }

    private static SltRecord query(int lineNo, String[] words, String sql, List<String> results) {
        if (words.length < 2) throw new IllegalArgumentException("line " + lineNo + ": query without types");
        String types = words[1];
        SltRecord.SortMode sort = words.length > 2 ? SltRecord.SortMode.parse(words[2]) : SltRecord.SortMode.NOSORT;
        String label = words.length > 3 ? words[3] : null;
        if (results.size() == 1) {
            String[] h = results.get(0).split(" ");
            if (h.length == 5 && h[1].equals("values") && h[2].equals("hashing") && h[3].equals("to")) {
                return new SltRecord.Query(lineNo, sql, types, sort, label, null, Integer.parseInt(h[0]), h[4]);
            }
        }
        return new SltRecord.Query(lineNo, sql, types, sort, label, List.copyOf(results), 0, null);
    }

    /** SQL runs until a blank line, or (for queries) the {@code ----} separator. */
    private String readSql(boolean query) {
        StringBuilder sb = new StringBuilder();
        while (pos < lines.size()) {
            String l = lines.get(pos);
            if (l.isBlank()) break;
            if (query && l.equals("----")) break;
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(l);
            pos++;
        }
        return sb.toString();
    }

    private List<String> readResults() {
        List<String> results = new ArrayList<>();
        if (pos < lines.size() && lines.get(pos).equals("----")) {
            pos++;
            while (pos < lines.size() && !lines.get(pos).isEmpty()) results.add(lines.get(pos++));
        }
        return results;
    }

    private boolean skipBlankAndComments() {
        while (pos < lines.size()) {
            String l = lines.get(pos);
            if (l.isBlank() || l.startsWith("#")) pos++;
            else return true;
        }
        return false;
    }

    private static String firstWord(String s) {
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) i++;
        return s.substring(0, i);
    }
}

package dev.basalt.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables a statement being typed names, for Tab completion: each table after FROM, JOIN,
 * INTO, UPDATE or TABLE, the further tables of a comma list ({@code FROM a, b}), and the alias
 * each one gets ({@code FROM item i}, {@code JOIN item AS i}). A rough scan of words and
 * punctuation, not a parse: the statement is unfinished, and a wrong guess only changes what
 * Tab offers. Quoted strings are skipped.
 */
final class NamedTables {

    /** Words that end a table reference instead of being its alias. */
    private static final Set<String> NOT_ALIASES = Set.of(
            "WHERE", "ON", "USING", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "NATURAL", "STRAIGHT_JOIN",
            "SET", "GROUP", "ORDER", "HAVING", "LIMIT", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FOR", "LOCK",
            "VALUES", "VALUE", "SELECT", "PARTITION", "USE", "FORCE", "IGNORE", "WITH", "AS", "INTO", "FROM");
    private static final Set<String> TABLE_BEFORE = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE");

    private final List<String> tables = new ArrayList<>();
    /** Alias or table name (lower case) to the table as typed. */
    private final Map<String, String> byName = new LinkedHashMap<>();

    private NamedTables() {}

    /** The tables, as typed ({@code t}, {@code db.t}, backquotes removed), in the statement's order. */
    List<String> tables() { return tables; }

    /** The table an alias or table name stands for in the statement (any case), or null. */
    String resolve(String qualifier) { return byName.get(unquote(qualifier).toLowerCase(Locale.ROOT)); }

    static NamedTables of(String sql) {
        NamedTables out = new NamedTables();
        List<String> tokens = tokens(sql);
        int listDepth = -1; // the parenthesis depth of the FROM list being read, -1 outside one
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i), upper = t.toUpperCase(Locale.ROOT);
            if (t.equals("(")) depth++;
            else if (t.equals(")")) {
                depth--;
                if (depth < listDepth) listDepth = -1;
            }
            boolean tableFollows = TABLE_BEFORE.contains(upper) || (t.equals(",") && depth == listDepth);
            if (upper.equals("FROM")) listDepth = depth;
            else if (NOT_ALIASES.contains(upper) && !upper.equals("JOIN") && !upper.equals("AS")) listDepth = -1;
            if (!tableFollows || i + 1 >= tokens.size() || !isName(tokens.get(i + 1))) continue;
            String table = unquote(tokens.get(i + 1));
            out.tables.add(table);
            out.byName.putIfAbsent(table.toLowerCase(Locale.ROOT), table);
            int dot = table.lastIndexOf('.');
            if (dot > 0) out.byName.putIfAbsent(table.substring(dot + 1).toLowerCase(Locale.ROOT), table);
            int a = i + 2;
            if (a < tokens.size() && tokens.get(a).equalsIgnoreCase("AS")) a++;
            if (a < tokens.size() && isName(tokens.get(a)) && !NOT_ALIASES.contains(tokens.get(a).toUpperCase(Locale.ROOT))) {
                out.byName.put(unquote(tokens.get(a)).toLowerCase(Locale.ROOT), table);
            }
        }
        return out;
    }

    private static boolean isName(String token) {
        char c = token.charAt(0);
        return c == '`' || Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    static String unquote(String name) { return name.replace("`", ""); }

    /** Names (with their dots and backquotes), and every other non-blank character alone; strings dropped. */
    private static List<String> tokens(String sql) {
        List<String> out = new ArrayList<>();
        int i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == '`' || Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '`') {
                        int end = sql.indexOf('`', i + 1);
                        i = end < 0 ? n : end + 1;
                    } else if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d == '.') {
                        i++;
                    } else {
                        break;
                    }
                }
                out.add(sql.substring(start, i));
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }
}
